/**
 * Server-side admin sessions. The cookie carries a random 256-bit id; the database (Setting rows
 * `adminSession:<sha256(id)>`) is the truth, so sessions survive a restart and a stolen database does not
 * yield a usable cookie. Each row records the fingerprint of the password hash it was opened under: when
 * the password changes, every older session stops working (and is deleted at the next start).
 * Logout deletes the row. A small in-memory cache avoids a query per request; it is only ever a copy.
 */
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "../db/client";

const PREFIX = "adminSession:";
export const ADMIN_SESSION_TTL_MS = 12 * 3600 * 1000;

const Row = z.object({ expiresAt: z.number(), fingerprint: z.string() });
type Row = z.infer<typeof Row>;

const keyOf = (id: string) => PREFIX + createHash("sha256").update(id).digest("hex");

export function fingerprintOf(passwordHash: string): string {
  return createHash("sha256").update(`mechlab-admin:${passwordHash}`).digest("hex").slice(0, 32);
}

export class AdminSessions {
  private readonly cache = new Map<string, Row>();
  private readonly revokeListeners: ((key: string) => void)[] = [];

  private constructor(
    private readonly db: Db,
    private readonly fingerprint: string,
    private readonly clock: () => number,
  ) {}

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
    this.cache.set(keyOf(id), row);
    return id;
  }

  /** The session's key when the cookie value names a live session of the current password, else null. */
  async verify(id: string | undefined): Promise<string | null> {
    if (!id || id.length < 20 || id.length > 100) return null;
    const key = keyOf(id);
    let row = this.cache.get(key);
    if (!row) {
      const found = await this.db.setting.findUnique({ where: { key } });
      const parsed = found ? parseRow(found.value) : null;
      if (!parsed) return null;
      row = parsed;
      if (this.cache.size > 1000) this.cache.clear();
      this.cache.set(key, row);
    }
    if (row.fingerprint !== this.fingerprint || row.expiresAt <= this.clock()) return null;
    return key;
  }

  async revoke(id: string | undefined): Promise<void> {
    if (!id || id.length > 100) return;
    const key = keyOf(id);
    this.cache.delete(key);
    await this.db.setting.deleteMany({ where: { key } });
    for (const l of this.revokeListeners) l(key);
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
