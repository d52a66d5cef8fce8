/**
 * Admin authentication. The password comes from ADMIN_PASSWORD; when it is unset, the first start
 * generates one, prints it once, and stores only its scrypt hash. ADMIN_PASSWORD's hash is stored too
 * (`adminPasswordHash:env`) and replaced when the variable changes, which revokes every admin session
 * opened under the old password (server/security/admin-sessions.ts). Hashing runs off the event loop.
 * Without ADMIN_PASSWORD the stored hash is read again before each login and when a session names
 * another password, so a reset by `mechlab admin-password` or on another process takes effect here
 * without a restart.
 */
import { MAX_PASSWORD_LENGTH } from "../../lib/protocol/payloads";
import { randomBytes } from "node:crypto";
import { AdminSessions, fingerprintOf } from "../security/admin-sessions";
import { readCookies } from "../security/cookies";
import { checkPassword, Gate, hashPassword } from "../security/password";
import { deviceKeyOf } from "../security/device-cookie";
import type { SessionStore } from "../sessions/store";

export const ADMIN_COOKIE = "mechlab_admin";
export { ADMIN_SESSION_TTL_MS } from "../security/admin-sessions";
/** Async (scrypt on the thread pool); used by `mechlab admin-password` too. */
export { hashPassword } from "../security/password";

/** Setting: "env" when the server last started with ADMIN_PASSWORD set (the variable is the password), else "stored". */
export const PASSWORD_SOURCE = "adminPasswordSource";

async function passwordHash(store: SessionStore, log: (line: string) => void): Promise<string> {
  const env = process.env.ADMIN_PASSWORD;
  if (env && env.length > MAX_PASSWORD_LENGTH)
    throw new Error(`ADMIN_PASSWORD has ${env.length} characters; the login page accepts at most ${MAX_PASSWORD_LENGTH}: choose a shorter one`);
  // which password this server goes by, for `mechlab admin-password` (run in another process, without the server's environment)
  const source = env && env.length > 0 ? "env" : "stored";
  if ((await store.getSetting(PASSWORD_SOURCE)) !== source) await store.setSetting(PASSWORD_SOURCE, source);
  if (env && env.length > 0) {
    const stored = await store.getSetting("adminPasswordHash:env");
    if (stored && (await checkPassword(env, stored))) return stored;
    const fresh = await hashPassword(env);
    await store.setSetting("adminPasswordHash:env", fresh);
    return fresh;
  }
  const stored = await store.getSetting("adminPasswordHash");
  if (stored) return stored;
  const pw = randomBytes(9).toString("base64url");
  const hash = await hashPassword(pw);
  await store.setSetting("adminPasswordHash", hash);
  log("");
  log("  ┌──────────────────────────────────────────────────────────────┐");
  log(`  │  mechlab admin password (shown once): ${pw.padEnd(23)}│`);
  log("  │  Log in at /admin. Set ADMIN_PASSWORD to choose your own.    │");
  log("  └──────────────────────────────────────────────────────────────┘");
  log("");
  return hash;
}

export class AdminAuth {
  /** At most 2 password checks run at once and 16 wait; more answer "busy" (an admin needs one). */
  private readonly gate = new Gate(2, 16);
  /**
   * Logins from a browser that logged in before (a valid device cookie, server/security/device-cookie.ts) have
   * a check of their own: wrong passwords from many addresses filled the gate above and the experimenter's
   * own login answered "busy" too (fresh-clone attack review). Device cookies are signed, so only browsers
   * that knew the password get here; each is throttled on its own.
   */
  private readonly knownDeviceGate = new Gate(1, 4);

  private lastRefresh = 0;

  private constructor(
    private hash: string,
    readonly sessions: AdminSessions,
    private readonly store: SessionStore,
  ) {
    sessions.onStale(() => this.refresh(1000));
  }

  /** Set up the password (printing a generated one once) and the session store. */
  static async init(store: SessionStore, log: (line: string) => void = console.log, clock: () => number = Date.now): Promise<AdminAuth> {
    const hash = await passwordHash(store, log);
    return new AdminAuth(hash, await AdminSessions.open(store.db, fingerprintOf(hash), clock), store);
  }

  /**
   * Read the stored password hash again (not more often than every `minGapMs`): when it was reset
   * (`mechlab admin-password`, or another process), sessions of the old password stop counting here.
   * With ADMIN_PASSWORD set, the variable is the password and nothing is read.
   */
  private async refresh(minGapMs = 0): Promise<void> {
    if (process.env.ADMIN_PASSWORD || Date.now() - this.lastRefresh < minGapMs) return;
    this.lastRefresh = Date.now();
    const stored = await this.store.getSetting("adminPasswordHash");
    if (stored && stored !== this.hash) {
      this.hash = stored;
      this.sessions.useFingerprint(fingerprintOf(stored));
    }
  }

  /** The signing key of device cookies (server/security/device-cookie.ts): a new password voids them. */
  deviceKey(): Buffer {
    if (this.deviceKeyFor?.hash !== this.hash) this.deviceKeyFor = { hash: this.hash, key: deviceKeyOf(this.hash) };
    return this.deviceKeyFor.key;
  }
  private deviceKeyFor: { hash: string; key: Buffer } | undefined;

  /** Check the password (may throw BusyError when too many checks are queued). */
  async passwordMatches(password: string, knownDevice = false): Promise<boolean> {
    return (knownDevice ? this.knownDeviceGate : this.gate).run(() => checkPassword(password, this.hash));
  }

  /** A new session's cookie value when the password is right, else null (`knownDevice`: see `knownDeviceGate`). */
  async login(password: string, knownDevice = false): Promise<string | null> {
    await this.refresh();
    return (await this.passwordMatches(password, knownDevice)) ? this.sessions.create() : null;
  }

  /**
   * The session key when the Cookie header carries a live admin session, else null. Every admin cookie in the
   * header counts (`readCookies`): one of our name set by another port of this host must not hide ours.
   */
  async sessionOf(header: string | undefined): Promise<string | null> {
    for (const value of readCookies(header, ADMIN_COOKIE)) {
      const key = await this.sessions.verify(value);
      if (key) return key;
    }
    return null;
  }

  async verifyCookieHeader(header: string | undefined): Promise<boolean> {
    return (await this.sessionOf(header)) !== null;
  }

  async logout(header: string | undefined): Promise<void> {
    for (const value of readCookies(header, ADMIN_COOKIE)) await this.sessions.revoke(value);
  }

  stop(): void {
    this.sessions.stop();
  }
}
