/**
 * Device cookies: wrong passwords typed by others behind the experimenter's address (a classroom's NAT)
 * lock that address, not the browser the experimenter logged in with before; a forged or foreign device
 * cookie is ignored (the attempt counts for the address), and a device has a backoff of its own.
 */
import { describe, expect, it } from "vitest";
import { appOnPort } from "../testing/app-on-port";
import { ADMIN_PASSWORD } from "../testing/harness";
import { DEVICE_COOKIE, deviceKeyOf, deviceOf, newDeviceCookie } from "./device-cookie";
import { raw } from "./testing";

const server = appOnPort();
const login = (base: string, password: string, cookie?: string) =>
  raw(base, "/api/admin/login", { headers: { "content-type": "application/json", "x-mechlab-csrf": "1", ...(cookie ? { cookie } : {}) }, body: JSON.stringify({ password }) });
const setCookies = (h: Record<string, string | string[] | undefined>) => ([] as string[]).concat(h["set-cookie"] ?? []);

describe("device cookies", () => {
  it("are signed: only the server's key makes one, and a new password voids them", () => {
    const key = deviceKeyOf("hash-1");
    const value = newDeviceCookie(key);
    expect(deviceOf(`a=b; ${DEVICE_COOKIE}=${value}`, key)).toBe(value.split(".")[0]);
    expect(deviceOf(`${DEVICE_COOKIE}=${value}`, deviceKeyOf("hash-2"))).toBeNull();
    const [id, mac] = value.split(".") as [string, string];
    expect(deviceOf(`${DEVICE_COOKIE}=${id.slice(0, -1)}${id.endsWith("A") ? "B" : "A"}.${mac}`, key)).toBeNull();
    expect(deviceOf(`${DEVICE_COOKIE}=${"x".repeat(500)}`, key)).toBeNull();
    expect(deviceOf(undefined, key)).toBeNull();
    // one of our name set by another port of the host (sent first) does not hide the real one
    expect(deviceOf(`${DEVICE_COOKIE}=${"A".repeat(22)}.${"B".repeat(43)}; ${DEVICE_COOKIE}=junk; ${DEVICE_COOKIE}=${value}`, key)).toBe(value.split(".")[0]);
  });

  it("wrong passwords from many addresses filling the password checks do not keep a known browser from logging in", async () => {
    const { base } = await server.start({ security: { trustProxy: true } });
    const first = await login(base, ADMIN_PASSWORD);
    const deviceCookie = setCookies(first.headers).find((c) => c.startsWith(`${DEVICE_COOKIE}=`))!.split(";")[0]!;
    const from = (i: number) => ({ "x-forwarded-for": `2001:db8:${(0x100 + i).toString(16)}:1::1` });
    const wrong = (i: number) =>
      raw(base, "/api/admin/login", { headers: { "content-type": "application/json", "x-mechlab-csrf": "1", ...from(i) }, body: JSON.stringify({ password: `guess-${i}` }) });
    const flood = Array.from({ length: 30 }, (_, i) => wrong(i));
    await new Promise((r) => setTimeout(r, 50));
    const own = await login(base, ADMIN_PASSWORD, deviceCookie);
    const statuses = (await Promise.all(flood)).map((r) => r.status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0); // the shared checks were full
    expect(own.status).toBe(200);
  }, 60_000);

  it("a browser that logged in before is not locked out by wrong passwords from its address", async () => {
    const { base } = await server.start();
    const first = await login(base, ADMIN_PASSWORD);
    expect(first.status).toBe(200);
    const device = setCookies(first.headers).find((c) => c.startsWith(`${DEVICE_COOKIE}=`))!;
    expect(device).toMatch(/; Path=\/api\/admin\/login; HttpOnly; SameSite=Strict; Max-Age=15552000/);
    const deviceCookie = device.split(";")[0]!;
    // a student behind the same address types wrong passwords until the address is locked
    for (let i = 0; i < 6; i++) expect((await login(base, "guess-" + i)).status).toBe(401);
    expect((await login(base, ADMIN_PASSWORD)).status).toBe(429);
    // the experimenter's browser still logs in (and keeps its device id)
    const again = await login(base, ADMIN_PASSWORD, deviceCookie);
    expect(again.status).toBe(200);
    expect(setCookies(again.headers).find((c) => c.startsWith(`${DEVICE_COOKIE}=`))!.split(";")[0]).toBe(deviceCookie);
    // a made-up device cookie counts for the address: still locked
    const forged = `${DEVICE_COOKIE}=${"A".repeat(22)}.${"B".repeat(43)}`;
    expect((await login(base, ADMIN_PASSWORD, forged)).status).toBe(429);
    // wrong passwords with the device cookie lock that device (its own backoff), not the address's others
    for (let i = 0; i < 6; i++) expect((await login(base, "typo-" + i, deviceCookie)).status).toBe(401);
    expect((await login(base, ADMIN_PASSWORD, deviceCookie)).status).toBe(429);
  });
});
