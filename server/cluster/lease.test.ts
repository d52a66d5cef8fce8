/**
 * Session leases on a real PostgreSQL database: one owner at a time, expiry, takeover with a larger
 * fencing token, and a write of a process that lost its lease rolling back.
 * Runs when MECHLAB_TEST_PG_URL is set (CI sets it); reports itself skipped otherwise.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../db/migrate";
import { makeWriter, StaleWriteError, type SqlWriter } from "../db/writer";
import { freshPostgres, type TestDb } from "../testing/harness";
import { LeaseTable } from "./lease";

const PG = process.env.MECHLAB_TEST_PG_URL;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!PG)("session leases on PostgreSQL" + (PG ? "" : " (skipped: set MECHLAB_TEST_PG_URL to run)"), () => {
  let db: TestDb;
  let pool: pg.Pool;
  let writer: SqlWriter;
  beforeAll(async () => {
    db = await freshPostgres(PG!);
    await migrate(db.url);
    pool = new pg.Pool({ connectionString: db.url, max: 12 });
    writer = await makeWriter(db.url);
  });
  afterAll(async () => {
    await writer?.close();
    await pool?.end();
    await db?.drop();
  });

  const session = async (id: string, status = "running") =>
    pool.query(
      `INSERT INTO "Session" ("id", "code", "name", "gameId", "treatmentJson", "seed", "status", "version", "stateJson", "updatedAt") VALUES ($1, $1, 'n', 'g', '{}', 's', $2, 1, '{}', now() AT TIME ZONE 'UTC')`,
      [id, status],
    );
  const eventCount = async (id: string) => Number((await pool.query(`SELECT count(*) AS n FROM "ActionEvent" WHERE "sessionId" = $1`, [id])).rows[0].n);
  const eventInsert = (id: string, seq: number) => ({
    sql: `INSERT INTO "ActionEvent" ("sessionId", "seq", "serverTime", "actorKind", "command", "payloadJson", "accepted", "versionAfter") VALUES (?, ?, ?, 'system', 'tick', '{}', true, 1)`,
    args: [id, seq, new Date()],
  });

  it("one owner at a time; the holder confirms without a new token", async () => {
    const a = new LeaseTable(pool, "node-a", 60_000);
    const b = new LeaseTable(pool, "node-b", 60_000);
    expect(await a.acquire("s1")).toBe(1);
    expect(await b.acquire("s1")).toBeNull();
    expect(await a.acquire("s1")).toBe(1);
    expect(await b.ownerOf("s1")).toMatchObject({ owner: "node-a", token: 1, live: true });
    const held = (await b.ownerOf("s1"))!;
    // the expiry by the database's clock, a lease lifetime ahead (a renewal moves it on)
    const dbNow = Number((await pool.query(`SELECT (extract(epoch from clock_timestamp()) * 1000)::float8 AS "ms"`)).rows[0].ms);
    expect(held.expiresAtMs - dbNow).toBeGreaterThan(50_000);
    expect(held.expiresAtMs - dbNow).toBeLessThanOrEqual(60_000);
    expect(await b.ownerOf("nobody")).toBeNull();
  });

  it("a takeover says since when nobody held the session: the previous lease's expiry, or its release; nothing for its own lease, a parked one or a new one", async () => {
    const a = new LeaseTable(pool, "free-a", 300);
    const b = new LeaseTable(pool, "free-b", 60_000);
    const first = (await a.take("f1"))!;
    expect(first).toMatchObject({ token: 1, freeSinceMs: null }); // no lease row before
    const expiry = (await a.ownerOf("f1"))!.expiresAtMs;
    expect((await a.take("f1"))!.freeSinceMs).toBeNull(); // its own lease, confirmed
    const renewed = (await a.ownerOf("f1"))!.expiresAtMs;
    expect(renewed).toBeGreaterThanOrEqual(expiry);
    expect(await b.take("f1")).toBeNull(); // still held
    await sleep(600); // a crashed owner: its lease runs out
    const taken = (await b.take("f1"))!;
    expect(taken.token).toBe(2);
    expect(taken.freeSinceMs).toBe(renewed);
    expect(taken.nowMs - taken.freeSinceMs!).toBeGreaterThanOrEqual(250);
    // given up at shutdown: free from the release on
    await b.release("f1", 2, false);
    const released = await pool.query(`SELECT "expiresAt" FROM "SessionLease" WHERE "sessionId" = 'f1'`);
    expect((await a.take("f1"))!.freeSinceMs).toBe(Number(released.rows[0].expiresAt));
    // parked (the session was idle, nothing ran): no downtime to count
    await a.release("f1", 3, true);
    expect(await b.take("f1")).toMatchObject({ token: 4, freeSinceMs: null });
  });

  it("exactly one of many processes racing for a free lease gets it", async () => {
    const tables = Array.from({ length: 10 }, (_, i) => new LeaseTable(pool, `racer-${i}`, 60_000));
    const got = await Promise.all(tables.map((t) => t.acquire("race")));
    expect(got.filter((t) => t !== null)).toEqual([1]);
  });

  it("an expired lease is taken over with a larger token; the old owner can neither renew nor write", async () => {
    await session("s2");
    // a lease long enough that the steps before B's first try cannot outlast it on a loaded machine (a CI run
    // with 300 ms saw B take the lease at its first try)
    const a = new LeaseTable(pool, "node-a", 2000);
    const b = new LeaseTable(pool, "node-b", 60_000);
    const ta = (await a.acquire("s2"))!;
    const acquiredAt = Date.now();
    await writer.transaction([a.fence("s2", ta), eventInsert("s2", 1)]);
    expect(await eventCount("s2")).toBe(1);
    expect(await b.acquire("s2")).toBeNull();
    await sleep(Math.max(0, acquiredAt + 2150 - Date.now()));
    expect((await b.ownerOf("s2"))?.live).toBe(false);
    const tb = await b.acquire("s2");
    expect(tb).toBe(ta + 1);
    expect(await a.renew(new Map([["s2", ta]]))).toEqual(new Set());
    await expect(writer.transaction([a.fence("s2", ta), eventInsert("s2", 2)])).rejects.toBeInstanceOf(StaleWriteError);
    expect(await eventCount("s2")).toBe(1);
    await writer.transaction([b.fence("s2", tb!), eventInsert("s2", 2)]);
    expect(await eventCount("s2")).toBe(2);
    expect(await b.renew(new Map([["s2", tb!]]))).toEqual(new Set(["s2"]));
  });

  it("a takeover waits for a write in progress, and a write after the takeover rolls back", async () => {
    await session("s3");
    const a = new LeaseTable(pool, "node-a", 200);
    const b = new LeaseTable(pool, "node-b", 60_000);
    const ta = (await a.acquire("s3"))!;
    // A's write holds the lease row's lock while the lease expires and B tries to take it
    const c = await pool.connect();
    await c.query("BEGIN");
    const locked = await c.query(`UPDATE "SessionLease" SET "token" = "token" WHERE "sessionId" = $1 AND "owner" = $2 AND "token" = $3`, ["s3", "node-a", ta]);
    expect(locked.rowCount).toBe(1);
    await sleep(300);
    let tookOver = false;
    const takeover = b.acquire("s3").then((t) => ((tookOver = true), t));
    await sleep(200);
    expect(tookOver).toBe(false); // waits for A's transaction
    await c.query(`INSERT INTO "ActionEvent" ("sessionId", "seq", "serverTime", "actorKind", "command", "payloadJson", "accepted", "versionAfter") VALUES ('s3', 1, now(), 'system', 'tick', '{}', true, 1)`);
    await c.query("COMMIT");
    c.release();
    expect(await takeover).toBe(ta + 1);
    expect(await eventCount("s3")).toBe(1); // A's write committed before the takeover
    await expect(writer.transaction([a.fence("s3", ta), eventInsert("s3", 2)])).rejects.toBeInstanceOf(StaleWriteError);
    expect(await eventCount("s3")).toBe(1);
  });

  it("renewing never deadlocks with a write that locks several lease rows (a group commit), in either order", async () => {
    const a = new LeaseTable(pool, "renewer", 60_000);
    for (const [first, second] of [
      ["d1", "d2"],
      ["d4", "d3"],
    ] as const) {
      // stored second-first, so that a scan in storage order or in key order reaches `second` first in one of the two cases
      const t2 = (await a.acquire(second))!;
      const t1 = (await a.acquire(first))!;
      // a group commit of this process: fences `first`, then (after the renewal started) `second`
      const c = await pool.connect();
      try {
        await c.query("BEGIN");
        await c.query(`UPDATE "SessionLease" SET "token" = "token" WHERE "sessionId" = $1`, [first]);
        const renewal = a.renew(new Map([[first, t1], [second, t2]]));
        await sleep(100);
        const t0 = Date.now();
        await c.query(`UPDATE "SessionLease" SET "token" = "token" WHERE "sessionId" = $1`, [second]);
        expect(Date.now() - t0).toBeLessThan(500); // did not wait for the renewal (no deadlock to resolve)
        await c.query("COMMIT");
        expect(await renewal).toEqual(new Set([first, second]));
      } finally {
        await c.query("ROLLBACK").catch(() => undefined);
        c.release();
      }
    }
  });

  it("orphans: live sessions whose owner is gone, not parked ones and not ended ones", async () => {
    await session("o-free");
    await session("o-dead");
    await session("o-parked");
    await session("o-held");
    await session("o-ended", "ended");
    const dead = new LeaseTable(pool, "dead", 1);
    const live = new LeaseTable(pool, "live", 60_000);
    await dead.acquire("o-dead");
    const tp = (await live.acquire("o-parked"))!;
    await live.release("o-parked", tp, true);
    await live.acquire("o-held");
    await sleep(20);
    const found = new Set(await live.orphans(null, 1000));
    expect(found.has("o-free")).toBe(true);
    expect(found.has("o-dead")).toBe(true);
    expect(found.has("o-parked")).toBe(false);
    expect(found.has("o-held")).toBe(false);
    expect(found.has("o-ended")).toBe(false);
    // released at shutdown (not parked): someone must take it over
    const th = (await live.acquire("o-held"))!;
    await live.release("o-held", th, false);
    expect(new Set(await live.orphans(null, 1000)).has("o-held")).toBe(true);
    // a parked lease is taken again on demand, by anyone
    expect(await new LeaseTable(pool, "other", 60_000).acquire("o-parked")).toBe(tp + 1);
  });
});
