/**
 * Device cookies (OWASP's answer to lock-outs by others' wrong passwords): a browser that logged in as
 * the experimenter gets a signed cookie naming it, and its later logins are throttled on their own
 * (`device:<id>` in the login throttle) instead of by the network address. Wrong passwords typed by
 * anyone else behind the same address — a classroom sharing one NAT address with the experimenter's
 * laptop — then lock that address, not the experimenter's browser. The cookie is no credential: it only
 * chooses which throttle counts the attempt, and the password is still checked. Its signature is an HMAC
 * under a key derived from the admin password's hash, so a cookie cannot be made without the server's
 * secret, and a new password voids every device cookie.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { readCookies } from "./cookies";

export const DEVICE_COOKIE = "mechlab_device";
/** How long a browser stays known without logging in again (180 days; each login renews it). */
export const DEVICE_COOKIE_MAX_AGE_S = 180 * 24 * 3600;

/** The signing key of device cookies for a password hash. */
export function deviceKeyOf(passwordHash: string): Buffer {
  return createHmac("sha256", passwordHash).update("mechlab device cookie v1").digest();
}

const mac = (key: Buffer, id: string) => createHmac("sha256", key).update(id).digest("base64url");

/** A new device cookie's value: `<id>.<signature>`. */
export function newDeviceCookie(key: Buffer): string {
  return deviceCookieOf(key, randomBytes(16).toString("base64url"));
}

/** The device cookie's value for the device `id`: `<id>.<signature>`. */
export function deviceCookieOf(key: Buffer, id: string): string {
  return `${id}.${mac(key, id)}`;
}

/**
 * The device id a Cookie header's device cookie names, when its signature is right; else null. Every device
 * cookie in the header counts: one of our name set by another port of this host is sent before ours
 * (server/security/cookies.ts `readCookies`).
 */
export function deviceOf(header: string | undefined, key: Buffer): string | null {
  for (const value of readCookies(header, DEVICE_COOKIE)) {
    if (value.length > 200) continue;
    const m = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(value);
    if (!m) continue;
    const want = Buffer.from(mac(key, m[1]!));
    const got = Buffer.from(m[2]!);
    if (want.length === got.length && timingSafeEqual(want, got)) return m[1]!;
  }
  return null;
}
