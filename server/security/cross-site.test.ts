/**
 * Item 1 and 5 of issue 10: a page from another origin (another port of the same host) cannot change
 * or read anything on the admin surface, and a malformed cookie of another application breaks nothing.
 */
import { io as ioc } from "socket.io-client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { MechlabApp } from "../app";
import { adminCookie, api, freshSqlite, startApp, type TestDb } from "../testing/harness";
import { createSession, messageOf, raw } from "./testing";

let db: TestDb;
let app: MechlabApp;
let base: string;
let cookie: string;
beforeEach(async () => {
  db = await freshSqlite();
  ({ app, base } = await startApp(db.url));
  cookie = await adminCookie(base);
});
afterEach(async () => {
  await app.close();
  await db.drop();
});

const json = { "content-type": "application/json", "x-mechlab-csrf": "1" };

/** How the admin socket handshake ends: "connected" or the refusal message (never hangs: 5 s bound). */
function adminHandshake(headers: Record<string, string>): Promise<string> {
  const s = ioc(base, { transports: ["websocket"], auth: { admin: true }, extraHeaders: headers, forceNew: true, reconnection: false });
  return new Promise<string>((resolve) => {
    const t = setTimeout(() => resolve("hung"), 5000);
    s.on("connect", () => (clearTimeout(t), resolve("connected")));
    s.on("connect_error", (e) => (clearTimeout(t), resolve(e.message)));
  }).finally(() => s.close());
}

describe("cross-site requests to the admin routes", () => {
  it("refuses a foreign Origin, a same-site fetch, text/plain and a missing CSRF header; nothing changes", async () => {
    const s = await createSession(base, cookie);
    const before = (await api(base, "/api/admin/sessions", { cookie })).json.length;
    const end = `/api/admin/sessions/${s.id}/command`;
    const body = JSON.stringify({ kind: "end" });
    const attempts: { headers: Record<string, string>; status: number; msg: RegExp }[] = [
      { headers: { ...json, cookie, origin: "http://127.0.0.1:9999" }, status: 403, msg: /another site/ },
      { headers: { ...json, cookie, "sec-fetch-site": "same-site" }, status: 403, msg: /another site/ },
      { headers: { ...json, cookie, origin: "null" }, status: 403, msg: /another site/ },
      { headers: { "content-type": "text/plain", "x-mechlab-csrf": "1", cookie }, status: 415, msg: /application\/json/ },
      { headers: { "content-type": "application/x-www-form-urlencoded", cookie }, status: 415, msg: /application\/json/ },
      { headers: { "content-type": "application/json", cookie }, status: 403, msg: /x-mechlab-csrf/ },
    ];
    for (const a of attempts) {
      for (const path of [end, "/api/admin/sessions"]) {
        const r = await raw(base, path, { headers: a.headers, body: path === end ? body : JSON.stringify({ treatment: {} }) });
        expect(r.status, `${path} ${JSON.stringify(a.headers)}`).toBe(a.status);
        expect(messageOf(r.json)).toMatch(a.msg);
      }
    }
    // nor can it read the admin view or the exports
    for (const path of [`/api/admin/sessions/${s.id}`, `/api/admin/sessions/${s.id}/export/data.csv`, "/api/treatments"]) {
      const r = await raw(base, path, { headers: { cookie, origin: "http://127.0.0.1:9999" } });
      expect(r.status).toBe(403);
      const r2 = await raw(base, path, { headers: { cookie, "sec-fetch-site": "cross-site" } });
      expect(r2.status).toBe(403);
    }
    const after = await api(base, `/api/admin/sessions/${s.id}`, { cookie });
    expect(after.json.session.status).not.toBe("ended");
    expect((await api(base, "/api/admin/sessions", { cookie })).json.length).toBe(before);
    // the admin page itself (same origin, JSON, the header) still can
    const own = await raw(base, end, { headers: { ...json, cookie, origin: base, "sec-fetch-site": "same-origin" }, body });
    expect(own.status).toBe(200);
  });

  it("refuses admin requests for an unknown host name (DNS rebinding) unless it is allowed", async () => {
    const r = await raw(base, "/api/admin/sessions", { headers: { cookie, host: "evil.example.com" } });
    expect(r.status).toBe(403);
    expect(messageOf(r.json)).toMatch(/MECHLAB_ALLOWED_HOSTS=evil\.example\.com/);
    for (const host of ["localhost:3000", "192.168.1.20:3000", "[::1]:3000", "labpc"]) {
      expect((await raw(base, "/api/admin/sessions", { headers: { cookie, host } })).status).toBe(200);
    }
    // participants' routes do not depend on the host name
    expect((await raw(base, "/api/health", { headers: { host: "evil.example.com" } })).status).toBe(200);
  });

  it("refuses the admin socket handshake from a foreign Origin and accepts the admin's own page", async () => {
    expect(await adminHandshake({ cookie, origin: "http://127.0.0.1:9999" })).toMatch(/another site/);
    expect(await adminHandshake({ cookie, origin: "http://localhost:" + new URL(base).port })).toMatch(/another site/);
    expect(await adminHandshake({ origin: base })).toMatch(/log in/);
    expect(await adminHandshake({ cookie, origin: base })).toBe("connected");
  });
});

describe("cookies", () => {
  it("a malformed %-escape in an unrelated cookie breaks neither admin calls nor the socket handshake", async () => {
    const s = await createSession(base, cookie);
    const messy = `theme=%E0%A4%A; ${cookie}; other=100%; x=%zz`;
    expect((await api(base, `/api/admin/sessions/${s.id}`, { cookie: messy })).status).toBe(200);
    expect((await api(base, "/api/admin/me", { cookie: messy })).json.ok).toBe(true);
    expect(await adminHandshake({ cookie: messy, origin: base })).toBe("connected");
    // without the admin cookie: a clear refusal, not a hang or a 500
    expect((await api(base, "/api/admin/sessions", { cookie: "theme=%E0%A4%A" })).status).toBe(401);
    expect(await adminHandshake({ cookie: "theme=%E0%A4%A" })).toMatch(/log in/);
  });

  it("logout revokes the session: the cookie stops working and the admin's open socket is closed", async () => {
    const s = ioc(base, { transports: ["websocket"], auth: { admin: true }, extraHeaders: { cookie }, forceNew: true, reconnection: false });
    await new Promise<void>((r) => s.on("connect", () => r()));
    const closed = new Promise<string>((r) => s.on("disconnect", (why) => r(why)));
    expect((await api(base, "/api/admin/logout", { body: {}, cookie })).status).toBe(200);
    expect(await closed).toBe("io server disconnect");
    expect((await api(base, "/api/admin/sessions", { cookie })).status).toBe(401);
    expect(await adminHandshake({ cookie })).toMatch(/log in/);
    s.close();
  });
});
