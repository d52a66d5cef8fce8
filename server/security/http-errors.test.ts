/**
 * Items 8, 11 and 12 (HTTP part) of issue 10: shipped treatments are admin-only, every response carries
 * the security headers, and bad input answers 4xx with a message, never 500.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createMechlabApp, type MechlabApp } from "../app";
import { ADMIN_PASSWORD, adminCookie, api, freshSqlite, startApp, type TestDb } from "../testing/harness";
import { createSession, messageOf, raw, type RawResponse } from "./testing";

const EXAMPLE = fileURLToPath(new URL("../../examples/treatments/cip-contracts-equal-4.json", import.meta.url));

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

function expectSecurityHeaders(r: RawResponse, what: string) {
  expect(r.headers["x-content-type-options"], what).toBe("nosniff");
  expect(r.headers["x-frame-options"], what).toBe("DENY");
  expect(r.headers["content-security-policy"], what).toMatch(/frame-ancestors 'none'/);
  expect(r.headers["referrer-policy"], what).toBe("same-origin");
}

describe("treatments are admin-only", () => {
  it("/api/treatments answers 401 without login and the shipped examples with it", async () => {
    const anon = await api(base, "/api/treatments");
    expect(anon.status).toBe(401);
    expect(anon.text).not.toMatch(/params/);
    const admin = await api(base, "/api/treatments", { cookie });
    expect(admin.status).toBe(200);
    expect(admin.json.length).toBeGreaterThan(0);
    expect(admin.json[0].treatment.params).toBeDefined();
  });
});

describe("security headers", () => {
  it("are on every API response, success or error, and on Socket.io's own responses", async () => {
    const s = await createSession(base, cookie);
    const cases: [string, Promise<RawResponse>][] = [
      ["health", raw(base, "/api/health")],
      ["404", raw(base, "/api/nothing")],
      ["401", raw(base, "/api/admin/sessions")],
      ["415", raw(base, "/api/join", { headers: { "content-type": "text/plain" }, body: "{}" })],
      ["admin view", raw(base, `/api/admin/sessions/${s.id}`, { headers: { cookie } })],
      ["export", raw(base, `/api/admin/sessions/${s.id}/export/data.csv`, { headers: { cookie } })],
      ["socket.io polling (refused)", raw(base, "/socket.io/?EIO=4&transport=polling")],
    ];
    for (const [what, p] of cases) expectSecurityHeaders(await p, what);
  });

  it("pages get a CSP with a fresh script nonce, which Next receives on the request", async () => {
    const seen: string[] = [];
    const pages = await createMechlabApp({
      dbUrl: db.url,
      log: () => {},
      nextHandler: (req, res) => {
        seen.push(String(req.headers["content-security-policy"]));
        res.writeHead(200, { "content-type": "text/html" }).end("<p>page</p>");
      },
    });
    const port = await pages.listen(0);
    try {
      const a = await raw(`http://127.0.0.1:${port}`, "/admin");
      const b = await raw(`http://127.0.0.1:${port}`, "/join");
      expectSecurityHeaders(a, "page");
      const csp = String(a.headers["content-security-policy"]);
      const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
      expect(nonce).toBeTruthy();
      expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(seen[0]).toBe(csp);
      expect(String(b.headers["content-security-policy"])).not.toContain(nonce!);
    } finally {
      await pages.close();
    }
  });
});

describe("bad input answers 4xx with a message, never 500", () => {
  it("a null body, malformed JSON, a JSON array or a string on every POST route", async () => {
    const s = await createSession(base, cookie);
    const routes = ["/api/join", "/api/admin/login", "/api/admin/treatments/validate", "/api/admin/sessions", `/api/admin/sessions/${s.id}/command`];
    for (const path of routes)
      for (const body of ["null", "{nope", "[]", '"text"', "1e999", '{"__proto__":{"x":1}}']) {
        const r = await raw(base, path, { headers: { ...json, cookie }, body });
        // validation answers its verdict with 200 {ok:false}; everything else with a 4xx
        const verdict = path.endsWith("/validate") && r.status === 200 && (r.json as { ok: boolean }).ok === false;
        const ok = verdict || (r.status >= 400 && r.status < 500);
        expect(ok, `${path} ${body} → ${r.status} ${r.text.slice(0, 200)}`).toBe(true);
        expect(messageOf(r.json) || JSON.stringify(r.json), `${path} ${body}`).toMatch(/\w/);
      }
    expect((await api(base, `/api/admin/sessions/${s.id}`, { cookie })).json.session.status).not.toBe("ended");
  });

  it("a malformed %-escape in the path", async () => {
    const r = await raw(base, "/api/admin/sessions/%E0%A4%A/command", { headers: { ...json, cookie }, body: '{"kind":"end"}' });
    expect(r.status).toBe(400);
    expect(messageOf(r.json)).toMatch(/%-escape/);
    expect((await raw(base, "/api/admin/sessions/%zz", { headers: { cookie } })).status).toBe(400);
    expect((await raw(base, "/api/%zz")).status).toBe(404);
  });

  it("a body nested thousands of levels deep is refused with 400, and sessions are created after it", async () => {
    const deep = "[".repeat(200_000) + "]".repeat(200_000);
    const treatment = JSON.parse(readFileSync(EXAMPLE, "utf8")) as { params: Record<string, unknown> };
    const routes = ["/api/join", "/api/admin/login", "/api/admin/treatments/validate", "/api/admin/treatments/figures", "/api/admin/sessions"];
    for (const path of routes) {
      // the join and login bodies are at most a few KB: 1,000 levels fit
      const small = path === "/api/join" || path === "/api/admin/login";
      const body = small
        ? `{"code":"ABCD","password":${"[".repeat(1000) + "]".repeat(1000)}}`
        : JSON.stringify({ treatment: { ...treatment, params: { ...treatment.params, zz: 0 } } }).replace('"zz":0', `"zz":${deep}`);
      const r = await raw(base, path, { headers: { ...json, cookie }, body });
      expect(r.status, `${path} → ${r.text.slice(0, 200)}`).toBe(400);
      expect(messageOf(r.json), path).toMatch(/nested more than 64 levels/);
    }
    // as a string inside the body (what the admin page sends) it is parsed by the treatment's own check
    const asText = JSON.stringify({ ...treatment, params: { ...treatment.params, zz: 0 } }).replace('"zz":0', `"zz":${deep}`);
    const v = await raw(base, "/api/admin/treatments/figures", { headers: { ...json, cookie }, body: JSON.stringify({ treatment: asText }) });
    expect(v.status).toBeLessThan(500);
    const bad = await raw(base, "/api/admin/sessions", { headers: { ...json, cookie }, body: JSON.stringify({ treatment: asText }) });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/nested more than 8 levels/);
    // the solver pool still answers: a new treatment (not warmed before) becomes a session
    const fresh = await raw(base, "/api/admin/sessions", { headers: { ...json, cookie }, body: JSON.stringify({ treatment: { ...treatment, name: "after the deep body" } }) });
    expect(fresh.status, fresh.text.slice(0, 200)).toBe(201);
  });

  it("an oversized body is refused with 413 and the server keeps serving", async () => {
    const big = JSON.stringify({ treatment: "x".repeat(2_100_000) });
    const r = await raw(base, "/api/admin/sessions", { headers: { ...json, cookie, "content-length": String(Buffer.byteLength(big)) }, body: big });
    expect(r.status).toBe(413);
    expect(messageOf(r.json)).toMatch(/too large/);
    expect((await api(base, "/api/health")).status).toBe(200);
    expect((await api(base, "/api/admin/login", { body: { password: ADMIN_PASSWORD } })).status).toBe(200);
  });
});
