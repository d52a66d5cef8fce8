/**
 * The authorization matrix of issue 10: every HTTP route (server/http/api.ts, admin-routes.ts) and every
 * socket event (server/realtime/sockets.ts) × anonymous, a participant of session A (valid token), a
 * participant of session B, and the admin. Participants have no HTTP credentials; they try their link
 * token as a bearer token and as the admin cookie. "allow" = processed, "deny" = refused with nothing changed.
 */
import { io as ioc, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MechlabApp } from "../app";
import { ADMIN_COOKIE } from "../http/admin-auth";
import { adminCookie, api, freshSqlite, startApp, type TestDb } from "../testing/harness";
import { createSession, raw, smallTreatment } from "./testing";

type Role = "anonymous" | "participant" | "otherSessionParticipant" | "admin";
type Verdict = "allow" | "deny";
const ROLES: Role[] = ["anonymous", "participant", "otherSessionParticipant", "admin"];

let db: TestDb;
let app: MechlabApp;
let base: string;
let cookie: string;
let A: { id: string; code: string; tokens: string[] };
let B: { id: string; code: string; tokens: string[] };
/** The seat whose link the admin re-issues (no socket of this test uses it). */
let lastSeatOfA: string;

beforeAll(async () => {
  db = await freshSqlite();
  ({ app, base } = await startApp(db.url));
  cookie = await adminCookie(base);
  A = await createSession(base, cookie);
  B = await createSession(base, cookie);
  const links = (await api(base, `/api/admin/sessions/${A.id}`, { cookie })).json.links as { participantId: string }[];
  lastSeatOfA = links[links.length - 1]!.participantId;
});
afterAll(async () => {
  await app.close();
  await db.drop();
});

function credentials(role: Role): Record<string, string> {
  if (role === "admin") return { cookie };
  if (role === "anonymous") return {};
  const token = role === "participant" ? A.tokens[0]! : B.tokens[0]!;
  return { cookie: `${ADMIN_COOKIE}=${token}`, authorization: `Bearer ${token}` };
}

interface Route {
  name: string;
  method: "GET" | "POST";
  path: () => string;
  body?: (role: Role) => unknown;
  /** How an answer counts as processed (default: a 2xx status). */
  allowed?: (status: number, json: unknown) => boolean;
}

const exportFiles = ["data.csv", "data-wide.csv", "data.json", "codebook.csv", "events.csv", "rounds.json", "payments.csv", "bonus.csv", "report.html", "survey.csv"];
const ROUTES: Route[] = [
  { name: "GET /api/health", method: "GET", path: () => "/api/health" },
  { name: "GET /api/games", method: "GET", path: () => "/api/games" },
  {
    name: "POST /api/join",
    method: "POST",
    path: () => "/api/join",
    body: (role) => ({ code: A.code, label: `matrix ${role}` }),
    allowed: (s) => s === 200 || s === 409, // a seat, or "room full": processed either way
  },
  { name: "GET /api/treatments", method: "GET", path: () => "/api/treatments" },
  { name: "GET /api/admin/me", method: "GET", path: () => "/api/admin/me", allowed: (_s, j) => (j as { ok: boolean }).ok === true },
  { name: "POST /api/admin/treatments/validate", method: "POST", path: () => "/api/admin/treatments/validate", body: () => ({ treatment: smallTreatment }) },
  { name: "POST /api/admin/treatments/figures", method: "POST", path: () => "/api/admin/treatments/figures", body: () => ({ treatment: smallTreatment }) },
  { name: "GET /api/admin/export/study-report.html", method: "GET", path: () => `/api/admin/export/study-report.html?sessions=${A.id}` },
  { name: "GET /api/admin/sessions", method: "GET", path: () => "/api/admin/sessions" },
  { name: "POST /api/admin/sessions", method: "POST", path: () => "/api/admin/sessions", body: () => ({ treatment: smallTreatment }) },
  { name: "GET /api/admin/sessions/:id", method: "GET", path: () => `/api/admin/sessions/${A.id}` },
  { name: "GET /api/admin/sessions/:id/payments", method: "GET", path: () => `/api/admin/sessions/${A.id}/payments` },
  { name: "GET /api/admin/sessions/:id/links", method: "GET", path: () => `/api/admin/sessions/${A.id}/links` },
  { name: "POST /api/admin/sessions/:id/command", method: "POST", path: () => `/api/admin/sessions/${A.id}/command`, body: () => ({ kind: "pause" }) },
  {
    name: "POST /api/admin/sessions/:id/participants/:pid/reissue",
    method: "POST",
    path: () => `/api/admin/sessions/${A.id}/participants/${encodeURIComponent(lastSeatOfA)}/reissue`,
    body: () => ({}),
  },
  {
    name: "POST /api/admin/sessions/:id/participants/:pid/free",
    method: "POST",
    path: () => `/api/admin/sessions/${A.id}/participants/${encodeURIComponent(lastSeatOfA)}/free`,
    body: () => ({}),
  },
  ...exportFiles.map((f): Route => ({ name: `GET /api/admin/sessions/:id/export/${f}`, method: "GET", path: () => `/api/admin/sessions/${A.id}/export/${f}` })),
];

const PUBLIC = new Set(["GET /api/health", "GET /api/games", "POST /api/join"]);
const expectedHttp = Object.fromEntries(
  ROUTES.map((r) => [r.name, Object.fromEntries(ROLES.map((role) => [role, PUBLIC.has(r.name) || role === "admin" ? "allow" : "deny"]))]),
);

describe("authorization matrix", () => {
  it("HTTP routes", async () => {
    const actual: Record<string, Record<string, Verdict>> = {};
    const sessionsBefore = (await api(base, "/api/admin/sessions", { cookie })).json.length;
    let createdByAdmin = 0;
    for (const route of ROUTES) {
      actual[route.name] = {};
      for (const role of ROLES) {
        const body = route.body?.(role);
        const r = await raw(base, route.path(), {
          method: route.method,
          headers: { "content-type": "application/json", "x-mechlab-csrf": "1", ...credentials(role) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        expect(r.status, `${route.name} as ${role}`).toBeLessThan(500);
        const ok = route.allowed ? route.allowed(r.status, r.json) : r.status >= 200 && r.status < 300;
        actual[route.name]![role] = ok ? "allow" : "deny";
        if (!ok && !route.allowed) expect([401, 403], `${route.name} as ${role}: ${r.status}`).toContain(r.status);
        if (ok && role === "admin" && route.name === "POST /api/admin/sessions") createdByAdmin++;
      }
    }
    expect(actual).toEqual(expectedHttp);
    // denied requests changed nothing: only the admin created a session
    expect((await api(base, "/api/admin/sessions", { cookie })).json.length).toBe(sessionsBefore + createdByAdmin);
    expect((await api(base, "/api/admin/sessions/" + A.id, { cookie })).json.session.status).toBe("paused");
    expect((await api(base, `/api/admin/sessions/${A.id}/command`, { body: { kind: "resume" }, cookie })).status).toBe(200);
  });

  it("socket handshake and events", async () => {
    // the joins above took seats of A, and a seat taken by a join gets a new link: the links as they are now
    const links = (await api(base, `/api/admin/sessions/${A.id}`, { cookie })).json.links as { path: string }[];
    A = { ...A, tokens: links.map((l) => l.path.slice(3)) };
    const open: Socket[] = [];
    const connect = (auth: Record<string, unknown>, headers: Record<string, string> = {}) =>
      new Promise<Socket | null>((resolve) => {
        const s = ioc(base, { transports: ["websocket"], auth, extraHeaders: headers, forceNew: true, reconnection: false });
        open.push(s);
        s.on("connect", () => resolve(s));
        s.on("connect_error", () => resolve(null));
      });
    const sockets: Record<Role, Socket | null> = {
      anonymous: await connect({ admin: true }),
      participant: await connect({ token: A.tokens[1]! }),
      otherSessionParticipant: await connect({ token: B.tokens[1]! }),
      admin: await connect({ admin: true }, { cookie }),
    };
    // a participant presenting their token as the admin cookie is still no admin
    expect(await connect({ admin: true }, { cookie: `${ADMIN_COOKIE}=${A.tokens[1]}` })).toBeNull();
    expect(await connect({ token: "not-a-real-token-at-all" })).toBeNull();

    const adminViews: Role[] = [];
    const projectorViews: Role[] = [];
    for (const role of ROLES) sockets[role]?.on("admin:view", () => adminViews.push(role));
    for (const role of ROLES) sockets[role]?.on("projector:view", () => projectorViews.push(role));
    const versionOfA = async () => (await api(base, `/api/admin/sessions/${A.id}`, { cookie })).json.view.version as number;

    /** allow = acknowledged for the right session; deny = not connected, no answer at all, or refused as not allowed on this connection. */
    const answered = (r: { ok?: boolean; error?: { code?: string } } | null) => (r && !(r.ok === false && r.error?.code === "auth/not_allowed") ? "allow" : "deny");
    const events: Record<string, (s: Socket, role: Role) => Promise<Verdict>> = {
      "p:sync": async (s) => {
        const r = await s.timeout(1500).emitWithAck("p:sync", {}).catch(() => null);
        return r?.ok ? "allow" : "deny";
      },
      "p:intro": async (s) => {
        const r = await s.timeout(1500).emitWithAck("p:intro", { step: "consent" }).catch(() => null);
        return answered(r);
      },
      "p:action": async (s) => {
        const r = await s.timeout(1500).emitWithAck("p:action", { clientActionId: "m1", action: { kind: "invest", x: 1 } }).catch(() => null);
        return answered(r);
      },
      "admin:watch": async (s) => {
        const r = await s.timeout(1500).emitWithAck("admin:watch", { sessionId: A.id }).catch(() => null);
        return r?.ok ? "allow" : "deny";
      },
      "projector:watch": async (s) => {
        const r = await s.timeout(1500).emitWithAck("projector:watch", { sessionId: A.id }).catch(() => null);
        return r?.ok ? "allow" : "deny";
      },
    };
    const actual: Record<string, Record<string, Verdict>> = { handshake: {} };
    for (const role of ROLES) actual.handshake![role] = sockets[role] ? "allow" : "deny";
    for (const [event, run] of Object.entries(events)) {
      actual[event] = {};
      for (const role of ROLES) {
        const s = sockets[role];
        const before = await versionOfA();
        actual[event]![role] = s ? await run(s, role) : "deny";
        // a participant of session B never changes session A
        if (role === "otherSessionParticipant") expect(await versionOfA()).toBe(before);
      }
    }
    // p:* reach the participant's own session only: B's answers are B's views
    const own = await sockets.otherSessionParticipant!.emitWithAck("p:sync", {});
    expect(own.data.view.sessionId).toBe(B.id);
    const mine = await sockets.participant!.emitWithAck("p:sync", {});
    expect(mine.data.view.sessionId).toBe(A.id);
    expect(mine.data.view.participantId).not.toBe(own.data.view.participantId);

    const participantEvent = { anonymous: "deny", participant: "allow", otherSessionParticipant: "allow", admin: "deny" };
    expect(actual).toEqual({
      handshake: { anonymous: "deny", participant: "allow", otherSessionParticipant: "allow", admin: "allow" },
      "p:sync": participantEvent,
      "p:intro": participantEvent,
      "p:action": participantEvent,
      "admin:watch": { anonymous: "deny", participant: "deny", otherSessionParticipant: "deny", admin: "allow" },
      "projector:watch": { anonymous: "deny", participant: "deny", otherSessionParticipant: "deny", admin: "allow" },
    });
    // a change in session A reaches the watching admin (monitor and projector), and only the admin
    await sockets.participant!.emitWithAck("p:intro", { step: "instructions" });
    await new Promise((r) => setTimeout(r, 600)); // admin views are batched every 200 ms
    expect(new Set(adminViews)).toEqual(new Set(["admin"]));
    expect(new Set(projectorViews)).toEqual(new Set(["admin"]));
    for (const s of open) s.close();
  }, 60_000);
});
