/**
 * Admin authentication. The password comes from ADMIN_PASSWORD; when it is unset, the first start
 * generates one, prints it once, and stores only its scrypt hash. Logged-in admins carry an HttpOnly
 * cookie signed with a per-installation secret (HMAC-SHA256), valid for 12 hours.
 */
import { createHmac, randomBytes, scryptSync, timingSafeEqual } from "node:crypto";
import type { SessionStore } from "../sessions/store";

export const ADMIN_COOKIE = "mechlab_admin";
const TTL_MS = 12 * 3600 * 1000;

export function hashPassword(password: string, salt = randomBytes(16).toString("hex")): string {
  return `scrypt$${salt}$${scryptSync(password, salt, 32).toString("hex")}`;
}

function checkPassword(password: string, stored: string): boolean {
  const [, salt, hex] = stored.split("$");
  if (!salt || !hex) return false;
  const a = scryptSync(password, salt, 32);
  const b = Buffer.from(hex, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

export class AdminAuth {
  private constructor(
    private readonly passwordHash: string,
    private readonly secret: string,
  ) {}

  /** Set up the password (printing a generated one once) and the cookie secret. */
  static async init(store: SessionStore, log: (line: string) => void = console.log): Promise<AdminAuth> {
    let secret = await store.getSetting("cookieSecret");
    if (!secret) {
      secret = randomBytes(32).toString("hex");
      await store.setSetting("cookieSecret", secret);
    }
    const env = process.env.ADMIN_PASSWORD;
    if (env && env.length > 0) return new AdminAuth(hashPassword(env), secret);
    let hash = await store.getSetting("adminPasswordHash");
    if (!hash) {
      const pw = randomBytes(9).toString("base64url");
      hash = hashPassword(pw);
      await store.setSetting("adminPasswordHash", hash);
      log("");
      log("  ┌──────────────────────────────────────────────────────────────┐");
      log(`  │  mechlab admin password (shown once): ${pw.padEnd(23)}│`);
      log("  │  Log in at /admin. Set ADMIN_PASSWORD to choose your own.    │");
      log("  └──────────────────────────────────────────────────────────────┘");
      log("");
    }
    return new AdminAuth(hash, secret);
  }

  login(password: string, nowMs = Date.now()): string | null {
    if (!checkPassword(password, this.passwordHash)) return null;
    const exp = String(nowMs + TTL_MS);
    return `${exp}.${this.sign(exp)}`;
  }

  private sign(payload: string): string {
    return createHmac("sha256", this.secret).update(payload).digest("base64url");
  }

  /** True when the Cookie header carries a valid, unexpired admin cookie. */
  verifyCookieHeader(header: string | undefined, nowMs = Date.now()): boolean {
    const value = parseCookies(header)[ADMIN_COOKIE];
    if (!value) return false;
    const [exp, sig] = value.split(".");
    if (!exp || !sig || Number(exp) < nowMs) return false;
    const want = Buffer.from(this.sign(exp));
    const got = Buffer.from(sig);
    return want.length === got.length && timingSafeEqual(want, got);
  }
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i < 0) continue;
    out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}
