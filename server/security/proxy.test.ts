/**
 * Behind a TLS-terminating proxy (TRUST_PROXY=1) the client address comes from X-Forwarded-For, for the
 * socket limits as for the HTTP ones; without it the header is ignored (anyone could send it).
 */
import { io as ioc } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { createMechlabApp, type MechlabApp } from "../app";
import { ADMIN_PASSWORD, adminCookie, freshSqlite, type TestDb } from "../testing/harness";
import { createSession } from "./testing";

let db: TestDb | undefined;
let app: MechlabApp | undefined;
afterEach(async () => {
  await app?.close();
  await db?.drop();
});

async function start(trustProxy: boolean): Promise<string> {
  process.env.ADMIN_PASSWORD = ADMIN_PASSWORD;
  db = await freshSqlite();
  app = await createMechlabApp({ dbUrl: db.url, log: () => {}, security: { trustProxy }, realtimeLimits: { socketsPerAddress: 1 } });
  return `http://127.0.0.1:${await app.listen(0)}`;
}

function connect(base: string, token: string, forwardedFor: string): Promise<string> {
  const s = ioc(base, { transports: ["websocket"], auth: { token }, extraHeaders: { "x-forwarded-for": forwardedFor }, forceNew: true, reconnection: false });
  return new Promise<string>((resolve) => {
    s.on("connect", () => resolve("connected"));
    s.on("connect_error", (e) => resolve(e.message));
  });
}

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
