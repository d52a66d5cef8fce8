/**
 * Items 6 and 7 of issue 10 over HTTP: login throttling with backoff per address, hashing that leaves
 * the server responsive under 200 parallel attempts, and the Secure flag behind HTTPS.
 */
import { io as ioc } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { appOnPort } from "../testing/app-on-port";
import { ADMIN_PASSWORD } from "../testing/harness";
import { LoginThrottle } from "./login-throttle";
import { messageOf, raw } from "./testing";

const server = appOnPort();
const start = async (security: { trustProxy?: boolean } = {}): Promise<string> => (await server.start({ security })).base;

const login = (base: string, password: string, headers: Record<string, string> = {}) =>
  raw(base, "/api/admin/login", { headers: { "content-type": "application/json", "x-mechlab-csrf": "1", ...headers }, body: JSON.stringify({ password }) });

describe("login throttle (unit)", () => {
  it("backs off exponentially after 5 wrong passwords, a success clears it, old failures are forgotten", () => {
    let now = 0;
    const t = new LoginThrottle({ clock: () => now });
    const fail = () => {
      expect(t.begin("a").ok).toBe(true);
      t.end("a", "failure");
    };
    for (let i = 0; i < 5; i++) fail();
    expect(t.begin("a").ok).toBe(true); // 5 free failures
    t.end("a", "failure"); // 6th: 1 s lock
    expect(t.begin("a")).toEqual({ ok: false, retryAfterMs: 1000, reason: "locked" });
    expect(t.begin("b").ok).toBe(true); // other addresses are not affected
    now += 1000;
    fail(); // 7th: 2 s
    expect(t.begin("a")).toMatchObject({ ok: false, retryAfterMs: 2000 });
    now += 2000;
    fail(); // 8th: 4 s
    expect(t.begin("a")).toMatchObject({ ok: false, retryAfterMs: 4000 });
    now += 4000;
    expect(t.begin("a").ok).toBe(true);
    t.end("a", "success");
    fail();
    expect(t.begin("a").ok).toBe(true); // cleared by the success
    t.end("a", "not_checked");
    for (let i = 0; i < 30; i++) {
      now += 20 * 60_000;
      if (t.begin("a").ok) t.end("a", "failure");
    }
    const capped = t.begin("a");
    expect(capped.ok || capped.retryAfterMs <= 15 * 60_000).toBe(true);
    now += 2 * 3600_000;
    expect(t.begin("a").ok).toBe(true); // forgotten after an hour without failures
  });

  it("lets at most 2 attempts per address be checked at once", () => {
    const t = new LoginThrottle();
    expect(t.begin("a").ok).toBe(true);
    expect(t.begin("a").ok).toBe(true);
    expect(t.begin("a")).toMatchObject({ ok: false, reason: "busy" });
    t.end("a", "failure");
    expect(t.begin("a").ok).toBe(true);
  });
});

describe("login over HTTP", () => {
  it("answers 429 with the time to wait after repeated wrong passwords, even for the right one", async () => {
    const base = await start();
    for (let i = 0; i < 6; i++) expect((await login(base, "wrong")).status).toBe(401);
    const locked = await login(base, ADMIN_PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(messageOf(locked.json)).toMatch(/Too many wrong passwords.*wait \d+ s/);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await login(base, ADMIN_PASSWORD)).status).toBe(200);
  });

  it("200 parallel attempts from 200 addresses: every one is answered (401 or 429, never 5xx) and a health check completes while they are queued", async () => {
    const base = await start({ trustProxy: true });
    let answered = 0;
    const attempts = Array.from({ length: 200 }, (_, i) =>
      login(base, `wrong-${i}`, { "x-forwarded-for": `10.0.${i >> 8}.${i & 255}` }).then((r) => (answered++, r.status)),
    );
    await new Promise((r) => setTimeout(r, 50));
    const health = await raw(base, "/api/health");
    const answeredAtHealth = answered;
    expect(health.status).toBe(200);
    const statuses = await Promise.all(attempts);
    expect(answeredAtHealth).toBeLessThan(200);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThan(0); // checked
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0); // refused at once: the queue is bounded
  }, 90_000);
});

describe("the admin cookie", () => {
  const cookieOf = (r: { headers: Record<string, string | string[] | undefined> }) => String(r.headers["set-cookie"]);

  it("is HttpOnly and SameSite=Strict, and not Secure when the HTTPS header comes from an untrusted client", async () => {
    const plain = await start();
    const direct = await login(plain, ADMIN_PASSWORD, { "x-forwarded-proto": "https" });
    expect(cookieOf(direct)).toMatch(/HttpOnly; SameSite=Strict/);
    expect(cookieOf(direct)).not.toMatch(/Secure/); // the header is not trusted without TRUST_PROXY
  });

  it("a cookie of the same name set by another port of this host (sent first, longer Path) does not hide the admin's: it stays logged in, on the socket too, and logging out ends its session", async () => {
    const base = await start();
    const own = String((await login(base, ADMIN_PASSWORD)).headers["set-cookie"]).split(";")[0]!;
    const value = own.split("=")[1]!;
    const tossed = Array.from({ length: 5 }, (_, i) => `mechlab_admin=tossed${"x".repeat(20)}${i}`).join("; ");
    const header = `${tossed}; other=1; mechlab_admin=%E0%A4%A; ${own}`;
    const me = async (cookie: string) => (await raw(base, "/api/admin/me", { headers: { cookie } })).json as { ok: boolean };
    expect(await me(header)).toEqual({ ok: true });
    expect((await raw(base, "/api/admin/sessions", { headers: { cookie: header } })).status).toBe(200);
    const socket = ioc(base, { transports: ["websocket"], auth: { admin: true }, extraHeaders: { cookie: header }, forceNew: true, reconnection: false });
    const handshake = await new Promise<string>((resolve) => {
      socket.on("connect", () => resolve("connected"));
      socket.on("connect_error", (e) => resolve(e.message));
    }).finally(() => socket.close());
    expect(handshake).toBe("connected");
    // only junk: not logged in
    expect(await me(tossed)).toEqual({ ok: false });
    // logging out with the tossed cookies in front ends the admin's own session
    const out = await raw(base, "/api/admin/logout", { headers: { "content-type": "application/json", "x-mechlab-csrf": "1", cookie: header }, body: "{}" });
    expect(out.status).toBe(200);
    expect(await me(`mechlab_admin=${value}`)).toEqual({ ok: false });
  });

  it("is Secure only when the request came over HTTPS through a trusted proxy", async () => {
    const proxied = await start({ trustProxy: true });
    expect(cookieOf(await login(proxied, ADMIN_PASSWORD, { "x-forwarded-proto": "https", "x-forwarded-for": "10.1.1.1" }))).toMatch(/; Secure/);
    expect(cookieOf(await login(proxied, ADMIN_PASSWORD, { "x-forwarded-proto": "http", "x-forwarded-for": "10.1.1.1" }))).not.toMatch(/Secure/);
  });
});
