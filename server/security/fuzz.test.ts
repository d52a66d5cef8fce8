/**
 * Property-based fuzzing (fast-check) of every socket event and HTTP route of a running server with
 * arbitrary JSON, wrong types, huge strings, deep nesting and prototype keys. Invariants: every
 * request is answered (no hang), never with a 5xx; the server stays up; rejected input changes no
 * state; no participant view ever carries another participant's private numbers; Object.prototype
 * stays clean.
 */
import fc from "fast-check";
import { io as ioc } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSRF_HEADER, CSRF_VALUE } from "../../lib/protocol/csrf";
import type { Client, Participant } from "../testing/harness";
import { idsTreatment, openLab, type Lab } from "../testing/lab";

const PROTO_KEYS = ["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty"];

/** Nested arrays/objects `depth` levels deep around a leaf. */
const nested = (depth: number, leaf: unknown, asObject: boolean): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = asObject ? { a: v } : [v];
  return v;
};

/** Hostile JSON: anything JSON can hold, plus huge strings, deep nesting and prototype keys. */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue() },
  { weight: 1, arbitrary: fc.string({ minLength: 10_000, maxLength: 40_000 }) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 50, max: 3_000 }), fc.jsonValue({ maxDepth: 1 }), fc.boolean()).map(([d, leaf, o]) => nested(d, leaf, o)) },
  { weight: 2, arbitrary: fc.dictionary(fc.constantFrom(...PROTO_KEYS, "type", "x", "step", "kind", "pid", "strategy", "clientActionId", "action"), fc.jsonValue({ maxDepth: 2 })).map((o) => JSON.parse(JSON.stringify(o))) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.parse(`{"__proto__": ${JSON.stringify(v)}, "type": "invest", "x": 1}`)) },
);

/** Payloads shaped like the real ones with hostile fields, so validation is reached past the envelope. */
const actionLike = fc.record({ clientActionId: fc.oneof(fc.string(), fc.constantFrom("fuzz-0000001", "=HYPERLINK(1)", "__proto__")), action: hostile }, { requiredKeys: [] });
const introLike = fc.record({ step: fc.oneof(fc.constantFrom("consent", "instructions", "quiz", "__proto__", "toString"), fc.string()), answers: hostile }, { requiredKeys: [] });
const adminCommandLike = fc.record({ kind: fc.oneof(fc.constantFrom("pause", "resume", "forcePhaseEnd", "replaceWithBot", "fillWithBots", "toString", "__proto__"), fc.string()), pid: fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.string()), strategy: fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.string()), groupId: fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.string()) }, { requiredKeys: ["kind"] });

/** Treatment-shaped bodies whose names are hostile (game ids, bot names), with hostile parameters. */
const treatmentLike = fc.record({
  treatment: fc.record(
    {
      name: fc.string({ minLength: 1, maxLength: 40 }).filter((x) => x.trim().length > 0),
      game: fc.oneof(fc.constantFrom(...PROTO_KEYS, "ids-investment", "ssg-defense"), fc.string()),
      params: fc.oneof({ weight: 3, arbitrary: fc.constant(idsTreatment().params) }, { weight: 1, arbitrary: hostile }),
      bots: fc.record({ seats: fc.array(fc.constantFrom(...PROTO_KEYS, "zero"), { maxLength: 3 }) }),
      dropout: fc.record({ bot: fc.constantFrom(...PROTO_KEYS, "zero") }),
      groups: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double()) }),
    },
    { requiredKeys: ["name", "game", "params"] },
  ),
});

const withAck = <T>(socket: Client, event: string, payload: unknown, ms = 5_000) =>
  new Promise<T>((res, rej) => {
    const t = setTimeout(() => rej(new Error(`no ack for ${event} within ${ms} ms`)), ms);
    (socket.emit as (e: string, p: unknown, cb: (r: T) => void) => void)(event, payload, (r: T) => {
      clearTimeout(t);
      res(r);
    });
  });

describe("fuzzing every socket event and HTTP route", () => {
  let lab: Lab;
  let session: { id: string; code: string; tokens: string[] };
  let players: Participant[];
  let admin: Client;

  const version = async () => (await lab.app.manager.get(session.id))!.state.version;
  const healthy = async () => expect((await fetch(`${lab.base}/api/health`)).status).toBe(200);

  beforeAll(async () => {
    lab = await openLab({ realtimeLimits: { intentBurst: 1e6, intentsPerSecond: 1e6 } });
    session = await lab.createSession(idsTreatment());
    players = session.tokens.map((t) => lab.join(t));
    for (const p of players) await p.passIntro();
    await Promise.all(players.map((p) => p.until((v) => v.play?.phase === "decide")));
    admin = ioc(lab.base, { transports: ["websocket"], auth: { admin: true }, extraHeaders: { cookie: lab.cookie, origin: lab.base }, forceNew: true, reconnection: false });
    await new Promise<void>((res, rej) => {
      admin.once("connect", () => res());
      admin.once("connect_error", rej);
    });
  });
  afterAll(async () => {
    admin?.close();
    await lab?.close();
  });

  it("p:action, p:intro, p:survey and p:sync: always acknowledged, rejected input changes nothing", async () => {
    const p = players[0]!;
    const cases: [string, fc.Arbitrary<unknown>][] = [
      ["p:action", fc.oneof(hostile, actionLike)],
      ["p:intro", fc.oneof(hostile, introLike)],
      // the survey is not open yet (the game is on): every answer set is refused with a message
      ["p:survey", fc.oneof(hostile, fc.record({ answers: fc.dictionary(fc.oneof(fc.string(), fc.constantFrom(...PROTO_KEYS)), fc.oneof(fc.string(), fc.double(), fc.constant(null))) }))],
      ["p:sync", hostile],
    ];
    for (const [event, arb] of cases)
      await fc.assert(
        fc.asyncProperty(arb, async (payload) => {
          const before = await version();
          const ack = await withAck<{ ok: boolean; error?: { code: string; message: string } }>(p.socket, event, payload);
          if (!ack.ok) {
            expect(typeof ack.error?.message).toBe("string");
            expect(await version()).toBe(before);
          }
        }),
        { numRuns: 60 },
      );
    // without an ack function, and with non-JSON-like arguments: nothing breaks
    p.socket.emit("p:action" as "p:sync", "no ack" as never, undefined as never);
    await healthy();
    expect(p.socket.connected).toBe(true);
  });

  it("admin:watch: always acknowledged with a view of an existing session or a clear error", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostile, fc.record({ sessionId: fc.oneof(fc.string(), fc.constantFrom(...PROTO_KEYS), fc.constant(session.id)) })), async (payload) => {
        const ack = await withAck<{ ok: boolean; error?: { message: string } }>(admin, "admin:watch", payload);
        if (!ack.ok) expect(typeof ack.error?.message).toBe("string");
      }),
      { numRuns: 40 },
    );
  });

  it("HTTP routes: never a 5xx; a refused admin command changes nothing", async () => {
    // sent as the admin page sends them (cookie, Origin, CSRF header), so the routes themselves are reached
    const send = async (method: string, path: string, body: string | undefined, contentType = "application/json") => {
      const r = await fetch(`${lab.base}${path}`, { method, headers: { cookie: lab.cookie, "content-type": contentType, origin: lab.base, [CSRF_HEADER]: CSRF_VALUE }, ...(body === undefined ? {} : { body }) });
      await r.arrayBuffer();
      return r.status;
    };
    const json = fc.oneof(hostile.map((v) => JSON.stringify(v) ?? "null"), fc.string({ maxLength: 200 }));
    const segment = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom(...PROTO_KEYS)).map(encodeURIComponent);
    const treatmentJson = treatmentLike.map((t) => JSON.stringify(t));
    const routes: [string, (seg: string) => string, fc.Arbitrary<string>?][] = [
      ["POST", () => "/api/join"],
      ["POST", () => "/api/admin/login"],
      ["POST", () => "/api/admin/treatments/validate"],
      ["POST", () => "/api/admin/treatments/validate", treatmentJson],
      ["POST", () => "/api/admin/sessions"],
      ["POST", () => "/api/admin/sessions", treatmentJson],
      ["GET", () => "/api/admin/sessions"],
      ["GET", () => "/api/games"],
      ["GET", () => "/api/treatments"],
      ["GET", (seg) => `/api/admin/sessions/${seg}`],
      ["POST", (seg) => `/api/admin/sessions/${seg}/command`],
      ["GET", (seg) => `/api/admin/sessions/${seg}/export/data.csv`],
      ["GET", (seg) => `/api/${seg}`],
    ];
    const sessionsBefore = (await lab.app.store.list()).length;
    let created = 0;
    for (const [method, path, bodies] of routes)
      await fc.assert(
        fc.asyncProperty(bodies ?? json, segment, async (body, seg) => {
          const status = await send(method, path(seg), method === "GET" ? undefined : body);
          expect(status).toBeLessThan(500);
          if (status === 201) created++;
        }),
        { numRuns: bodies ? 40 : 20 },
      );
    // commands against the live session with hostile fields: refused ones change nothing
    await fc.assert(
      // (pause, resume and forcePhaseEnd are valid commands that change the state: left out)
      fc.asyncProperty(adminCommandLike.filter((c) => !["pause", "resume", "forcePhaseEnd"].includes(c.kind)), async (cmd) => {
        const before = await version();
        const status = await send("POST", `/api/admin/sessions/${session.id}/command`, JSON.stringify(cmd));
        expect(status).toBeLessThan(500);
        if (status !== 200) expect(await version()).toBe(before);
      }),
      { numRuns: 40 },
    );
    // only bodies answered 201 created a session
    expect((await lab.app.store.list()).length).toBe(sessionsBefore + created);
    await healthy();
  });

  it("afterwards: no view leaked another participant's private numbers, Object.prototype is clean", async () => {
    const params = idsTreatment().params;
    for (const p of players) {
      const i = (p.last!.play!.game as { me: { index: number } }).me.index;
      const others = [0, 1, 2].filter((k) => k !== i);
      const secrets = others.flatMap((k) => [params.alpha[k]!, params.c[k]!, ...params.W[k]!]);
      for (const msg of p.raw) for (const v of secrets) expect(msg).not.toContain(String(v));
    }
    expect(Object.prototype).not.toHaveProperty("polluted");
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    await healthy();
  });
});
