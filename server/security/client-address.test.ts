/**
 * Per-address limits count an IPv6 /64 as one address (`limitKey`): a subscriber's /64 holds 2^64
 * addresses, so counting each alone gave ten addresses ten times the join limit and a hundred 500
 * password guesses without lockout. Logs keep the real address (`clientAddress`).
 */
import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { DEFAULT_REALTIME_LIMITS, RealtimeGuard } from "../realtime/limits";
import { appOnPort } from "../testing/app-on-port";
import { ADMIN_PASSWORD, adminCookie } from "../testing/harness";
import { clientAddress, limitKey } from "./client-address";
import { createHttpLimits, JOIN_RATE } from "./limits";
import { LoginThrottle } from "./login-throttle";
import { createSession, raw } from "./testing";

describe("limitKey", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["::FFFF:cb00:7107", "203.0.113.7"],
    ["0:0:0:0:0:ffff:203.0.113.7", "203.0.113.7"],
    ["203.0.113.7:51234", "203.0.113.7"],
    ["2001:db8:1:2::10", "2001:db8:1:2::/64"],
    ["2001:0DB8:0001:0002:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"],
    ["2001:db8:1:2:3:4:198.51.100.1", "2001:db8:1:2::/64"],
    ["[2001:db8:1:2::10]:443", "2001:db8:1:2::/64"],
    ["[2001:db8:1:2::10]", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8::/64"],
    ["fe80::1%eth0", "fe80::/64"],
    ["fe80::abcd%25en0", "fe80::/64"],
    ["::1", "::1"],
    ["0:0:0:0:0:0:0:1", "::1"],
    ["::", "::"],
    ["unknown", "unknown"],
    ["not an address", "not an address"],
  ])("%s → %s", (address, key) => {
    expect(limitKey(address)).toBe(key);
  });

  it("puts two addresses of one /64 together and those of neighbouring /64s apart", () => {
    expect(limitKey("2001:db8:aaaa:bbbb::1")).toBe(limitKey("2001:db8:aaaa:bbbb:1234:5678:9abc:def0"));
    expect(limitKey("2001:db8:aaaa:bbbb::1")).not.toBe(limitKey("2001:db8:aaaa:bbbc::1"));
    expect(limitKey("10.0.0.1")).not.toBe(limitKey("10.0.0.2"));
  });

  it("leaves clientAddress (for logs) the real address", () => {
    const req = { headers: { "x-forwarded-for": "198.51.100.1, 2001:db8:1:2::10" }, socket: { remoteAddress: "::ffff:127.0.0.1" } } as unknown as IncomingMessage;
    expect(clientAddress(req, true)).toBe("2001:db8:1:2::10");
    expect(clientAddress(req, false)).toBe("::ffff:127.0.0.1");
  });
});

describe("limits group an IPv6 /64", () => {
  it("the login throttle locks the whole /64 and no other", () => {
    const t = new LoginThrottle({ clock: () => 0 });
    for (let i = 1; i <= 6; i++) {
      expect(t.begin(`2001:db8:0:7::${i}`).ok).toBe(true);
      t.end(`2001:db8:0:7::${i}`, "failure");
    }
    expect(t.begin("2001:db8:0:7:ffff::1")).toMatchObject({ ok: false, reason: "locked" });
    expect(t.check("2001:db8:0:7::abc")).toMatchObject({ ok: false, reason: "locked" });
    expect(t.begin("2001:db8:0:8::1").ok).toBe(true);
  });

  it("the join limit counts the /64 as one address", () => {
    const limits = createHttpLimits(() => 0);
    for (let i = 0; i < JOIN_RATE.perAddress.burst; i++) expect(limits.joinsPerAddress.take(`2001:db8:5:5::${i.toString(16)}`)).toBe(true);
    expect(limits.joinsPerAddress.take("2001:db8:5:5::ffff")).toBe(false);
    expect(limits.joinsPerAddress.waitSeconds("2001:db8:5:5::1234")).toBeGreaterThan(0);
    expect(limits.joinsPerAddress.take("2001:db8:5:6::1")).toBe(true);
  });

  it("sockets and unfinished handshakes per address count the /64 as one address", () => {
    const guard = new RealtimeGuard({ ...DEFAULT_REALTIME_LIMITS, socketsPerAddress: 2, handshakesPerAddress: 2 });
    expect(guard.admit("2001:db8:9:9::1", null)).toBeNull();
    expect(guard.admit("2001:db8:9:9::2", null)).toBeNull();
    expect(guard.admit("2001:db8:9:9::3", null)).not.toBeNull();
    expect(guard.admit("2001:db8:9:a::1", null)).toBeNull();
    guard.release("2001:db8:9:9::1", null);
    expect(guard.openFrom("2001:db8:9:9::77")).toBe(1);
    const [c1, c2, c3, c4] = [{}, {}, {}, {}];
    expect(guard.beginHandshake("2001:db8:9:9::1", c1)).toBeNull();
    expect(guard.beginHandshake("2001:db8:9:9::2", c2)).toBeNull();
    // over the limit the group's oldest waiting connection is the one to close, not the new one
    expect(guard.beginHandshake("2001:db8:9:9::3", c3)).toBe(c1);
    expect(guard.beginHandshake("2001:db8:9:a::1", c4)).toBeNull();
    guard.endHandshake("2001:db8:9:9::4", c2);
    expect(guard.handshakesFrom("2001:db8:9:9::5")).toBe(1);
    expect(guard.admit("::ffff:10.1.2.3", null)).toBeNull();
    expect(guard.admit("10.1.2.3", null)).toBeNull();
    expect(guard.admit("10.1.2.3", null)).not.toBeNull();
  });
});

describe("over HTTP behind a trusted proxy", () => {
  const server = appOnPort();
  const start = async () => (await server.start({ security: { trustProxy: true }, httpLimits: createHttpLimits(() => 0) })).base;
  const post = (base: string, path: string, from: string, body: unknown) =>
    raw(base, path, { headers: { "content-type": "application/json", "x-mechlab-csrf": "1", "x-forwarded-for": from }, body: JSON.stringify(body) });

  it("joins from many addresses of one /64 share one address's limit", async () => {
    const base = await start();
    const { code } = await createSession(base, await adminCookie(base));
    const statuses: number[] = [];
    for (let i = 0; i <= JOIN_RATE.perAddress.burst; i++) statuses.push((await post(base, "/api/join", `2001:db8:77:1::${(i + 1).toString(16)}`, { code: "WRONGCOD", label: `p${i}` })).status);
    expect(statuses.slice(0, JOIN_RATE.perAddress.burst).every((s) => s === 404)).toBe(true);
    expect(statuses[JOIN_RATE.perAddress.burst]).toBe(429);
    expect((await post(base, "/api/join", "2001:db8:77:2::1", { code, label: "other net" })).status).toBe(200);
  });

  it("wrong passwords from many addresses of one /64 lock the /64 out", async () => {
    const base = await start();
    for (let i = 1; i <= 6; i++) expect((await post(base, "/api/admin/login", `2001:db8:66:1::${i}`, { password: "wrong" })).status).toBe(401);
    expect((await post(base, "/api/admin/login", "2001:db8:66:1:abcd::9", { password: ADMIN_PASSWORD })).status).toBe(429);
    expect((await post(base, "/api/admin/login", "2001:db8:66:2::1", { password: ADMIN_PASSWORD })).status).toBe(200);
  });
});
