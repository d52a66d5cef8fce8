/**
 * Session leases on PostgreSQL: which process owns a live session, for how long, and with which
 * fencing token (table `SessionLease`, prisma/models).
 *
 * - A lease is taken when nobody holds it or the holder let it expire (`expiresAt` by the database's
 *   clock, so the machines' clocks do not matter). Every change of owner adds one to `token`.
 * - The owner renews its leases every `ttlMs / 3` (one statement for all of them), from a worker thread
 *   with its own connection (server/cluster/lease-keeper.ts). A lease it could not renew is lost: the
 *   owner drops the session from memory.
 * - Every write of the owner carries `fence(sessionId, token)` as the first statement of its transaction:
 *   an UPDATE of the lease row that must match this owner and token. It takes the row's lock, so a
 *   takeover (which rewrites the row) either waits for the write to commit or makes it match no row and
 *   roll back — a process that lost its lease cannot write, even if it does not know it yet.
 */
import type { Pool } from "pg";
import type { SqlStatement } from "../db/writer";

/** Key prefix of the `Setting` rows by which processes say they reach Redis (`markRedisReachable`). */
const REDIS_WITNESS = "cluster.redisReachable.";

/** The database's clock in milliseconds since 1970. */
const NOW_MS = `(extract(epoch from clock_timestamp()) * 1000)::bigint`;

export interface LeaseOwner {
  owner: string;
  token: number;
  /** Whether the lease has not expired yet (by the database's clock). */
  live: boolean;
  /** When it expires (the database's clock, ms since 1970): moves forward at each renewal. */
  expiresAtMs: number;
}

export class LeaseTable {
  constructor(
    private readonly pool: Pool,
    /** This process's id (new at every start: a restarted process holds nothing). */
    readonly owner: string,
    readonly ttlMs: number,
  ) {}

  /**
   * Take the session's lease, or confirm and extend it when this process holds it already.
   * Returns the fencing token, or null when another process holds a lease that has not expired.
   */
  async acquire(sessionId: string): Promise<number | null> {
    return (await this.take(sessionId))?.token ?? null;
  }

  /**
   * `acquire`, also saying since when nobody held the session (`freeSinceMs`, the database's clock): when
   * the lease was taken from an owner whose lease had run out or who gave it up at shutdown, the moment it
   * did (`expiresAt`; a crash: the last renewal plus the lease time); null when this process held it
   * already, the lease was parked (the session was idle, nothing ran), or there was no lease row yet.
   * The previous row is read under the row's lock in the same transaction, so it is the one replaced;
   * `nowMs` is the database's clock then (NaN without a previous row).
   */
  async take(sessionId: string): Promise<{ token: number; freeSinceMs: number | null; nowMs: number } | null> {
    const c = await this.pool.connect();
    try {
      await c.query("BEGIN");
      const prev = await c.query<{ owner: string; expiresAt: string; parked: boolean; now: string }>(
        `SELECT "owner", "expiresAt", "parked", ${NOW_MS} AS "now" FROM "SessionLease" WHERE "sessionId" = $1 FOR NO KEY UPDATE`,
        [sessionId],
      );
      const r = await c.query<{ token: number }>(
        `INSERT INTO "SessionLease" ("sessionId", "owner", "token", "expiresAt", "parked") VALUES ($1, $2, 1, ${NOW_MS} + $3, false)
         ON CONFLICT ("sessionId") DO UPDATE SET
           "token" = CASE WHEN "SessionLease"."owner" = EXCLUDED."owner" THEN "SessionLease"."token" ELSE "SessionLease"."token" + 1 END,
           "owner" = EXCLUDED."owner", "expiresAt" = EXCLUDED."expiresAt", "parked" = false
         WHERE "SessionLease"."owner" = EXCLUDED."owner" OR "SessionLease"."expiresAt" < ${NOW_MS}
         RETURNING "token"`,
        [sessionId, this.owner, this.ttlMs],
      );
      await c.query("COMMIT");
      const row = r.rows[0];
      if (!row) return null;
      const was = prev.rows[0];
      const freeSinceMs = was && was.owner !== this.owner && !was.parked ? Number(was.expiresAt) : null;
      return { token: Number(row.token), freeSinceMs: freeSinceMs !== null && Number.isFinite(freeSinceMs) ? freeSinceMs : null, nowMs: Number(was?.now ?? Number.NaN) };
    } catch (e) {
      await c.query("ROLLBACK").catch(() => {});
      throw e;
    } finally {
      c.release();
    }
  }

  /**
   * Extend every lease this process holds (`held`: session id → token). Returns the ids whose lease is
   * still this process's with the same token; the others were taken over and must be dropped.
   */
  async renew(held: ReadonlyMap<string, number>): Promise<Set<string>> {
    if (held.size === 0) return new Set();
    const ids = [...held.keys()];
    // All at once, skipping the rows a write holds locked right now: a group commit (server/db/group-commit.ts)
    // locks the lease rows of several sessions in its own order, so one statement waiting for one of
    // them while holding others could deadlock with it.
    const r = await this.pool.query<{ sessionId: string; token: number }>(
      `UPDATE "SessionLease" SET "expiresAt" = ${NOW_MS} + $2
       WHERE "owner" = $1 AND "sessionId" IN (SELECT "sessionId" FROM "SessionLease" WHERE "owner" = $1 AND "sessionId" = ANY($3::text[]) FOR NO KEY UPDATE SKIP LOCKED)
       RETURNING "sessionId", "token"`,
      [this.owner, this.ttlMs, ids],
    );
    const rows = [...r.rows];
    const done = new Set(rows.map((x) => x.sessionId));
    // the rest one at a time (holding no other lease row while it waits for the write to commit)
    for (const id of ids) {
      if (done.has(id)) continue;
      const one = await this.pool.query<{ sessionId: string; token: number }>(
        `UPDATE "SessionLease" SET "expiresAt" = ${NOW_MS} + $2 WHERE "owner" = $1 AND "sessionId" = $3 RETURNING "sessionId", "token"`,
        [this.owner, this.ttlMs, id],
      );
      rows.push(...one.rows);
    }
    const kept = new Set<string>();
    for (const row of rows) if (held.get(row.sessionId) === Number(row.token)) kept.add(row.sessionId);
    return kept;
  }

  /**
   * Give a lease up at once (same token, expired now). `parked`: the session left memory because it was
   * idle, so no other process needs to pick it up; otherwise (shutdown) another process takes it over.
   */
  async release(sessionId: string, token: number, parked: boolean): Promise<void> {
    await this.pool.query(
      `UPDATE "SessionLease" SET "expiresAt" = ${NOW_MS} - 1, "parked" = $4 WHERE "sessionId" = $1 AND "owner" = $2 AND "token" = $3`,
      [sessionId, this.owner, token, parked],
    );
  }

  /**
   * Note in the database that this process reaches Redis now (a `Setting` row per process, by the
   * database's clock): the witness by which a process that lost Redis tells its own cut from an outage of
   * Redis for everyone (server/cluster/node.ts). Rows of processes silent for an hour are removed.
   */
  async markRedisReachable(): Promise<void> {
    await this.pool.query(
      `INSERT INTO "Setting" ("key", "value") VALUES ($1, (${NOW_MS})::text) ON CONFLICT ("key") DO UPDATE SET "value" = EXCLUDED."value"`,
      [`${REDIS_WITNESS}${this.owner}`],
    );
  }

  /** How many other processes noted within `withinMs` that they reach Redis. */
  async othersReachingRedis(withinMs: number): Promise<number> {
    await this.pool.query(`DELETE FROM "Setting" WHERE "key" LIKE $1 AND "value"::bigint < ${NOW_MS} - 3600000`, [`${REDIS_WITNESS}%`]);
    const r = await this.pool.query<{ n: string }>(
      `SELECT count(*) AS "n" FROM "Setting" WHERE "key" LIKE $1 AND "key" <> $2 AND "value"::bigint >= ${NOW_MS} - $3`,
      [`${REDIS_WITNESS}%`, `${REDIS_WITNESS}${this.owner}`, withinMs],
    );
    return Number(r.rows[0]?.n ?? 0);
  }

  /** Who holds the session's lease (null: nobody ever did). */
  async ownerOf(sessionId: string): Promise<LeaseOwner | null> {
    const r = await this.pool.query<{ owner: string; token: number; live: boolean; expiresAt: string | number }>(
      `SELECT "owner", "token", "expiresAt", "expiresAt" >= ${NOW_MS} AS "live" FROM "SessionLease" WHERE "sessionId" = $1`,
      [sessionId],
    );
    const row = r.rows[0];
    return row ? { owner: row.owner, token: Number(row.token), live: row.live, expiresAtMs: Number(row.expiresAt) } : null;
  }

  /**
   * Running or paused sessions changed since `sinceMs` (all when null) whose owner is gone: the lease
   * expired without being parked, or there never was one. Another process must take them over.
   */
  async orphans(sinceMs: number | null, limit = 200): Promise<string[]> {
    const r = await this.pool.query<{ id: string }>(
      `SELECT s."id" FROM "Session" s LEFT JOIN "SessionLease" l ON l."sessionId" = s."id"
       WHERE s."status" IN ('running', 'paused') AND ($1::timestamp IS NULL OR s."updatedAt" >= $1::timestamp)
         AND (l."sessionId" IS NULL OR (l."expiresAt" < ${NOW_MS} AND NOT l."parked"))
       ORDER BY s."updatedAt" DESC LIMIT $2`,
      [sinceMs === null ? null : new Date(sinceMs).toISOString().replace("Z", ""), limit],
    );
    return r.rows.map((x) => x.id);
  }

  /**
   * The fencing statement of a write (server/db/writer.ts placeholders): the transaction rolls back
   * unless this process still holds the session's lease with this token.
   */
  fence(sessionId: string, token: number): SqlStatement {
    return {
      sql: `UPDATE "SessionLease" SET "token" = "token" WHERE "sessionId" = ? AND "owner" = ? AND "token" = ?`,
      args: [sessionId, this.owner, token],
      expectRows: 1,
    };
  }
}
