/**
 * The login route reads as little as it can: a locked-out address is refused before its body is read,
 * the body may be 4 KB at most, the password 1,024 characters, and a body that trickles in is answered
 * 408 (docs/security.md, “Login”).
 */
import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import type { ConnectionLimits } from "../app";
import { LoginThrottle } from "../security/login-throttle";
import { messageOf, raw } from "../security/testing";
import { appOnPort } from "../testing/app-on-port";
import { ADMIN_PASSWORD } from "../testing/harness";

const server = appOnPort();
const sockets = server.sockets;
const start = (connections: Partial<ConnectionLimits> = {}) => server.start({ connections });

const headers = { "content-type": "application/json", "x-mechlab-csrf": "1" };
const login = (base: string, body: string) => raw(base, "/api/admin/login", { headers, body });
const password = (p: string) => JSON.stringify({ password: p });

/** Send the headers of a login and the first bytes of its body; resolves with what the server answered within `ms`. */
function startLogin(port: number, contentLength: number, first: string, ms: number): Promise<string> {
  return new Promise((resolve) => {
    const s = connect(port, "127.0.0.1");
    sockets.push(s);
    let text = "";
    s.on("data", (d: Buffer) => (text += d.toString("utf8")));
    s.on("error", () => undefined);
    s.write(
      `POST /api/admin/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Mechlab-CSRF: 1\r\nContent-Length: ${contentLength}\r\n\r\n${first}`,
    );
    setTimeout(() => resolve(text), ms);
  });
}

describe("the login throttle's check", () => {
  it("says whether an address is refused without counting an attempt or remembering the address", () => {
    let now = 0;
    const t = new LoginThrottle({ clock: () => now, maxKeys: 3 });
    for (let i = 0; i < 100; i++) expect(t.check(`10.0.0.${i}`)).toEqual({ ok: true });
    for (let i = 0; i < 6; i++) {
      expect(t.begin("a").ok).toBe(true);
      t.end("a", "failure");
    }
    expect(t.check("a")).toEqual({ ok: false, retryAfterMs: 1000, reason: "locked" });
    now += 1000;
    for (let i = 0; i < 10; i++) expect(t.check("a").ok).toBe(true);
    expect(t.begin("a").ok).toBe(true);
    expect(t.begin("a").ok).toBe(true);
    expect(t.check("a")).toMatchObject({ ok: false, reason: "busy" });
  });
});

describe("login over HTTP", () => {
  it("a locked-out address is answered 429 before it has sent its (1 MB) body", async () => {
    const { base, port } = await start();
    for (let i = 0; i < 6; i++) expect((await login(base, password("wrong"))).status).toBe(401);
    const answer = await startLogin(port, 1_000_000, '{"password":"', 1500);
    expect(answer).toMatch(/^HTTP\/1\.1 429/);
    expect(answer).toMatch(/Too many wrong passwords from this address\. Please wait \d+ s and try again\./);
  });

  it("refuses a body over 4 KB with 413 and a message, and a password over 1,024 characters with 400; neither counts as a guess", async () => {
    const { base } = await start();
    const big = await login(base, password("x".repeat(5000)));
    expect(big.status).toBe(413);
    expect(messageOf(big.json)).toBe("The request is too large (4 KB at most).");
    const long = await login(base, password("x".repeat(1025)));
    expect(long.status).toBe(400);
    expect(messageOf(long.json)).toBe("password: the password is too long: an admin password has at most 1,024 characters");
    const wrong = await login(base, password("x".repeat(1024)));
    expect(wrong.status).toBe(401); // checked: just wrong
    // the answer says where to find the password and how to get a new one (fresh-clone review A2)
    expect(messageOf(wrong.json)).toContain("npx mechlab admin-password");
    for (let i = 0; i < 10; i++) expect((await login(base, password("y".repeat(2000)))).status).toBe(400);
    for (let i = 0; i < 10; i++) expect((await login(base, "{not json")).status).toBe(400);
    expect((await login(base, password(ADMIN_PASSWORD))).status).toBe(200); // 1 wrong password so far: no lockout
  });

  it("a login body that trickles in is answered 408 with a message", async () => {
    const { port } = await start({ bodyDeadlineMs: 800 });
    const answer = await startLogin(port, 100, '{"pass', 2500);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(answer).toMatch(/The request body did not arrive within 0\.8 s\. Please check your connection and try again\./);
  });
});
