/**
 * Server-side admin sessions. The cookie carries a random 256-bit id; the database (Setting rows
 * `adminSession:<sha256(id)>`) is the truth, so sessions survive a restart and a stolen database does not
 * yield a usable cookie. Each row records the fingerprint of the password hash it was opened under: when
 * the password changes, every older session stops working (and is deleted at the next start).
 * Logout deletes the row. A small in-memory cache avoids a query per request; it is only ever a copy,
 * and a short-lived one: an entry older than `REVALIDATE_MS` is read again before it is trusted, and
 * every `REVALIDATE_MS` the sessions cached here are checked against the database in one query. So a
 * logout or a password reset on another process (several processes, server/cluster) or by
 * `mechlab admin-password` ends the session here too within about `REVALIDATE_MS`, and the revoke
 * listeners close its sockets on this process.
 */
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "../db/client";

const PREFIX = "adminSession:";
export const ADMIN_SESSION_TTL_MS = 12 * 3600 * 1000;
/** How long a cached session is trusted without reading it again (by this machine's clock). */
export const REVALIDATE_MS = 2000;

const Row = z.object({ expiresAt: z.number(), fingerprint: z.string() });
type Row = z.infer<typeof Row>;

const keyOf = (id: string) => PREFIX + createHash("sha256").update(id).digest("hex");

export function fingerprintOf(passwordHash: string): string {
  return createHash("sha256").update(`mechlab-admin:${passwordHash}`).digest("hex").slice(0, 32);
}

export class AdminSessions {
  /** Session key → row, and when it was last read from the database (Date.now()). */
  private readonly cache = new Map<string, { row: Row; readAt: number }>();
  private readonly revokeListeners: ((key: string) => void)[] = [];
  private readonly sweeper: NodeJS.Timeout;
  private sweeping = false;
  /** Called when a stored session names another password than this process knows (it may have been reset). */
  private stale: () => Promise<void> = async () => undefined;

  private constructor(
    private readonly db: Db,
    private fingerprint: string,
    private readonly clock: () => number,
  ) {
    this.sweeper = setInterval(() => void this.sweep(), REVALIDATE_MS);
    this.sweeper.unref();
  }

  /** Open the store and delete sessions of an older password and expired ones. */
  static async open(db: Db, fingerprint: string, clock: () => number = Date.now): Promise<AdminSessions> {
    const s = new AdminSessions(db, fingerprint, clock);
    const rows = await db.setting.findMany({ where: { key: { startsWith: PREFIX } } });
    const stale = rows.filter((r) => {
      const p = parseRow(r.value);
      return !p || p.fingerprint !== fingerprint || p.expiresAt <= clock();
    });
    if (stale.length) await db.setting.deleteMany({ where: { key: { in: stale.map((r) => r.key) } } });
    return s;
  }

  /** A new session; returns the cookie value. */
  async create(): Promise<string> {
    const id = randomBytes(32).toString("base64url");
    const row: Row = { expiresAt: this.clock() + ADMIN_SESSION_TTL_MS, fingerprint: this.fingerprint };
    await this.db.setting.create({ data: { key: keyOf(id), value: JSON.stringify(row) } });
    this.cache.set(keyOf(id), { row, readAt: Date.now() });
    return id;
  }

  /** The password changed (read again from the database): sessions of the old one no longer count. */
  useFingerprint(fingerprint: string): void {
    this.fingerprint = fingerprint;
  }

  /** What to do when a stored session names a password fingerprint this process does not know. */
  onStale(fn: () => Promise<void>): void {
    this.stale = fn;
  }

  private valid(row: Row): boolean {
    return row.fingerprint === this.fingerprint && row.expiresAt > this.clock();
  }

  /** The session's key when the cookie value names a live session of the current password, else null. */
  async verify(id: string | undefined): Promise<string | null> {
    if (!id || id.length < 20 || id.length > 100) return null;
    const key = keyOf(id);
    let row = this.cache.get(key)?.row;
    if (!row || Date.now() - this.cache.get(key)!.readAt > REVALIDATE_MS) {
      const found = await this.db.setting.findUnique({ where: { key } });
      const parsed = found ? parseRow(found.value) : null;
      if (!parsed) {
        if (this.cache.delete(key)) this.revoked(key); // logged out elsewhere
        return null;
      }
      row = parsed;
      if (this.cache.size > 1000) this.cache.clear();
      this.cache.set(key, { row, readAt: Date.now() });
    }
    if (row.fingerprint !== this.fingerprint) await this.stale(); // the password may have been reset elsewhere
    return this.valid(row) ? key : null;
  }

  /**
   * Check the sessions cached here against the database (one query): those deleted (logged out on
   * another process, password reset) or no longer valid leave the cache, and the revoke listeners run.
   */
  async sweep(): Promise<void> {
    if (this.sweeping || this.cache.size === 0) return;
    this.sweeping = true;
    try {
      const keys = [...this.cache.keys()];
      const rows = new Map((await this.db.setting.findMany({ where: { key: { in: keys } } })).map((r) => [r.key, parseRow(r.value)]));
      if ([...rows.values()].some((r) => r && r.fingerprint !== this.fingerprint)) await this.stale();
      const now = Date.now();
      for (const key of keys) {
        const row = rows.get(key);
        if (!this.cache.has(key)) continue;
        if (row && this.valid(row)) this.cache.set(key, { row, readAt: now });
        else {
          this.cache.delete(key);
          this.revoked(key);
        }
      }
    } catch {
      // the database did not answer (or is closed): try again at the next sweep
    } finally {
      this.sweeping = false;
    }
  }

  private revoked(key: string) {
    for (const l of this.revokeListeners) l(key);
  }

  stop(): void {
    clearInterval(this.sweeper);
  }

  async revoke(id: string | undefined): Promise<void> {
    if (!id || id.length > 100) return;
    const key = keyOf(id);
    this.cache.delete(key);
    await this.db.setting.deleteMany({ where: { key } });
    this.revoked(key);
  }

  /** End every session (the password was reset): the other processes notice at their next sweep. */
  static async revokeAll(db: Db): Promise<void> {
    await db.setting.deleteMany({ where: { key: { startsWith: PREFIX } } });
  }

  /** Called with the session key whenever a session is revoked (e.g. to close its sockets). */
  onRevoke(listener: (key: string) => void): void {
    this.revokeListeners.push(listener);
  }
}

function parseRow(value: string): Row | null {
  try {
    const r = Row.safeParse(JSON.parse(value));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}
