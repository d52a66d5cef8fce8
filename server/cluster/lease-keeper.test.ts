/**
 * The lease keeper under a blocked event loop, on a real PostgreSQL database: a loop blocked for 0.8 of
 * the lease keeps its lease (renewed from the worker thread) and can write; one blocked far longer than
 * the heartbeat bound loses it — reported lost, taken over by another process, and its write refused by
 * the fencing check. Runs when MECHLAB_TEST_PG_URL is set (CI sets it); reports itself skipped otherwise.
 */
import type { Worker } from "node:worker_threads";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../db/migrate";
import { makeWriter, StaleWriteError, type SqlWriter } from "../db/writer";
import { freshPostgres, type TestDb } from "../testing/harness";
import { LeaseTable } from "./lease";
import { LeaseKeeper } from "./lease-keeper";

const PG = process.env.MECHLAB_TEST_PG_URL;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Keep this thread's event loop busy for `ms` (as a long synchronous step or CPU starvation would). */
const block = (ms: number) => {
  const end = Date.now() + ms;
  while (Date.now() < end);
};
const TTL = 1500;

describe.skipIf(!PG)("lease keeper: renewals while the event loop is blocked" + (PG ? "" : " (skipped: set MECHLAB_TEST_PG_URL to run)"), () => {
  let db: TestDb;
  let pool: pg.Pool;
  let writer: SqlWriter;
  let keeper: LeaseKeeper;
  const lost: [string, number][] = [];
  beforeAll(async () => {
    db = await freshPostgres(PG!);
    await migrate(db.url);
    pool = new pg.Pool({ connectionString: db.url, max: 4 });
    writer = await makeWriter(db.url);
    keeper = await LeaseKeeper.start({ dbUrl: db.url, owner: "busy", ttlMs: TTL, stallMs: TTL }, new LeaseTable(pool, "busy", TTL), () => undefined);
    keeper.onLost((l) => lost.push(...l));
  }, 60_000);
  afterAll(async () => {
    await keeper?.stop();
    await writer?.close();
    await pool?.end();
    await db?.drop();
  });

  const event = (id: string, seq: number) => ({
    sql: `INSERT INTO "ActionEvent" ("sessionId", "seq", "serverTime", "actorKind", "command", "payloadJson", "accepted", "versionAfter") VALUES (?, ?, ?, 'system', 'tick', '{}', true, 1)`,
    args: [id, seq, new Date()],
  });
  const session = (id: string) =>
    pool.query(
      `INSERT INTO "Session" ("id", "code", "name", "gameId", "treatmentJson", "seed", "status", "version", "stateJson", "updatedAt") VALUES ($1, $1, 'n', 'g', '{}', 's', 'running', 1, '{}', now() AT TIME ZONE 'UTC')`,
      [id],
    );

  it("keeps the lease of a loop blocked for 0.8 of the lease, again and again", async () => {
    await session("k1");
    const mine = new LeaseTable(pool, "busy", TTL);
    const other = new LeaseTable(pool, "other", 60_000);
    const token = (await mine.acquire("k1"))!;
    keeper.hold("k1", token);
    for (let i = 0; i < 3; i++) {
      block(TTL * 0.8);
      expect(await other.acquire("k1")).toBeNull();
      expect(await mine.ownerOf("k1")).toMatchObject({ owner: "busy", token, live: true });
      await writer.transaction([mine.fence("k1", token), event("k1", i + 1)]);
      await sleep(TTL / 3 - 100); // the next block starts when a renewal on this loop would be due
    }
    expect(lost).toEqual([]);
  });

  it("renews on the main loop from then on when the worker thread ends", async () => {
    await session("k3");
    const own = await LeaseKeeper.start({ dbUrl: db.url, owner: "orphaned", ttlMs: TTL, stallMs: TTL }, new LeaseTable(pool, "orphaned", TTL), () => undefined);
    try {
      const mine = new LeaseTable(pool, "orphaned", TTL);
      const token = (await mine.acquire("k3"))!;
      own.hold("k3", token);
      const worker = (own as unknown as { worker: Worker }).worker;
      await worker.terminate();
      await sleep(TTL * 2);
      expect(await new LeaseTable(pool, "other", 60_000).acquire("k3")).toBeNull();
      expect(await mine.ownerOf("k3")).toMatchObject({ owner: "orphaned", token, live: true });
    } finally {
      await own.stop();
    }
  });

  it("gives the lease of a loop blocked far longer up: taken over, and the blocked process's write is refused", async () => {
    await session("k2");
    const mine = new LeaseTable(pool, "busy", TTL);
    const other = new LeaseTable(pool, "other", 60_000);
    const token = (await mine.acquire("k2"))!;
    keeper.hold("k2", token);
    await sleep(100);
    block(TTL * 3); // more than stallMs + ttlMs: silent for stallMs, then the last renewal expires
    expect((await other.ownerOf("k2"))?.live).toBe(false);
    const taken = await other.acquire("k2");
    expect(taken).toBe(token + 1);
    await expect(writer.transaction([mine.fence("k2", token), event("k2", 1)])).rejects.toBeInstanceOf(StaleWriteError);
    const end = Date.now() + 5000;
    while (!lost.some(([id]) => id === "k2") && Date.now() < end) await sleep(20);
    expect(lost).toContainEqual(["k2", token]);
    // the worker renews it no more: the new owner keeps it
    await sleep(TTL);
    expect(await other.ownerOf("k2")).toMatchObject({ owner: "other", token: token + 1, live: true });
  });
});
