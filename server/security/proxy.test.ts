/**
 * Behind a TLS-terminating proxy (TRUST_PROXY=1) the client address comes from X-Forwarded-For, for the
 * socket limits as for the HTTP ones; without it the header is ignored (anyone could send it). The
 * protocol comes from X-Forwarded-Proto: an admin request reaching the proxy over HTTPS from a page loaded
 * over plain HTTP of the same host name is another origin and refused.
 */
import { io as ioc } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { createMechlabApp, type MechlabApp } from "../app";
import { ADMIN_PASSWORD, adminCookie, freshSqlite, type TestDb } from "../testing/harness";
import { createSession, raw } from "./testing";

let db: TestDb | undefined;
let app: MechlabApp | undefined;
afterEach(async () => {
  await app?.close();
  await db?.drop();
});

async function start(trustProxy: boolean, allowedHosts: string[] = []): Promise<string> {
  process.env.ADMIN_PASSWORD = ADMIN_PASSWORD;
  db = await freshSqlite();
  app = await createMechlabApp({ dbUrl: db.url, log: () => {}, security: { trustProxy, allowedHosts }, realtimeLimits: { socketsPerAddress: 1 } });
  return `http://127.0.0.1:${await app.listen(0)}`;
}

function connect(base: string, token: string, forwardedFor: string): Promise<string> {
  const s = ioc(base, { transports: ["websocket"], auth: { token }, extraHeaders: { "x-forwarded-for": forwardedFor }, forceNew: true, reconnection: false });
  return new Promise<string>((resolve) => {
    s.on("connect", () => resolve("connected"));
    s.on("connect_error", (e) => resolve(e.message));
  });
}

/** How the admin socket handshake ends: "connected" or the refusal message. */
function adminHandshake(base: string, headers: Record<string, string>): Promise<string> {
  const s = ioc(base, { transports: ["websocket"], auth: { admin: true }, extraHeaders: headers, forceNew: true, reconnection: false });
  return new Promise<string>((resolve) => {
    s.on("connect", () => resolve("connected"));
    s.on("connect_error", (e) => resolve(e.message));
  }).finally(() => s.close());
}

describe("the admin origin's scheme behind a proxy", () => {
  it("with TRUST_PROXY a page of the other scheme is refused, over HTTP and on the admin socket; the same scheme passes", async () => {
    const host = "lab.example.org";
    const base = await start(true, [host]);
    const cookie = await adminCookie(base);
    const list = (headers: Record<string, string>) =>
      raw(base, "/api/admin/sessions", { headers: { cookie, host, ...headers } }).then((r) => ({ status: r.status, body: r.text }));
    const cases: { proto: string; origin: string; ok: boolean }[] = [
      { proto: "https", origin: `https://${host}`, ok: true },
      { proto: "https", origin: `http://${host}`, ok: false }, // port 80 of the proxy, plain HTTP (or a MITM on it)
      { proto: "http", origin: `http://${host}`, ok: true },
      { proto: "http", origin: `https://${host}`, ok: false },
    ];
    for (const c of cases) {
      const headers = { origin: c.origin, "x-forwarded-proto": c.proto };
      const r = await list(headers);
      expect(r.status, JSON.stringify(c)).toBe(c.ok ? 200 : 403);
      if (!c.ok) expect(r.body).toMatch(/another site/);
      const ws = await adminHandshake(base, { cookie, host, ...headers });
      if (c.ok) expect(ws, JSON.stringify(c)).toBe("connected");
      else expect(ws, JSON.stringify(c)).toMatch(/another site/);
    }
    // a proxy that does not say the protocol: host and port compared as before
    expect((await list({ origin: `https://${host}` })).status).toBe(200);
  });

  it("without TRUST_PROXY X-Forwarded-Proto is ignored", async () => {
    const base = await start(false);
    const cookie = await adminCookie(base);
    const r = await fetch(`${base}/api/admin/sessions`, { headers: { cookie, origin: base, "x-forwarded-proto": "https" } });
    expect(r.status).toBe(200);
  });
});

describe("client address behind a proxy", () => {
  it("with TRUST_PROXY the socket limit per address counts the forwarded address", async () => {
    const base = await start(true);
    const s = await createSession(base, await adminCookie(base));
    expect(await connect(base, s.tokens[0]!, "10.0.0.1")).toBe("connected");
    expect(await connect(base, s.tokens[1]!, "10.0.0.2")).toBe("connected");
    expect(await connect(base, s.tokens[2]!, "10.0.0.1")).toMatch(/Too many connections/);
  });

  it("without TRUST_PROXY the header is ignored", async () => {
    const base = await start(false);
    const s = await createSession(base, await adminCookie(base));
    expect(await connect(base, s.tokens[0]!, "10.0.0.1")).toBe("connected");
    expect(await connect(base, s.tokens[1]!, "10.0.0.2")).toMatch(/Too many connections/);
  });
});
