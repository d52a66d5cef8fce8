/**
 * One PostgreSQL database: one mechlab process without Redis alone, or the processes of one cluster — a
 * second process of the other kind (or a second single one) is refused at start with what to do.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createMechlabApp, type MechlabApp } from "../app";
import { migrate } from "./migrate";
import { freshPostgres, type TestDb } from "../testing/test-db";
import pg from "pg";
import { holdProcessLock, type ProcessLock } from "./process-lock";

const pgUrl = process.env.MECHLAB_TEST_PG_URL;

describe.skipIf(!pgUrl)("who may run on one PostgreSQL database" + (pgUrl ? "" : " (skipped: set MECHLAB_TEST_PG_URL to run)"), () => {
  let db: TestDb | undefined;
  const held: ProcessLock[] = [];
  const apps: MechlabApp[] = [];
  afterEach(async () => {
    for (const a of apps.splice(0)) await a.close();
    for (const l of held.splice(0)) await l.release();
    await db?.drop();
    db = undefined;
  });

  it("a single process alone; the processes of a cluster together; never both", async () => {
    db = await freshPostgres(pgUrl!, "mechlab_lock_test");
    await migrate(db.url);
    const log = () => undefined;
    held.push(await holdProcessLock(db.url, "single", log));
    await expect(holdProcessLock(db.url, "single", log)).rejects.toThrow(/another mechlab process already runs on the database.*same REDIS_URL and MECHLAB_REDIS_PREFIX/);
    await expect(holdProcessLock(db.url, "cluster", log)).rejects.toThrow(/a mechlab process without REDIS_URL runs on the database/);
    await held.pop()!.release(); // the single process stopped (or died: the lock goes with its connection)
    held.push(await holdProcessLock(db.url, "cluster", log), await holdProcessLock(db.url, "cluster", log));
    await expect(holdProcessLock(db.url, "single", log)).rejects.toThrow(/another mechlab process already runs/);
    await held.pop()!.release();
    await held.pop()!.release();
    held.push(await holdProcessLock(db.url, "single", log));
  });

  it("a second server without Redis on the same database does not start, and the first goes on", async () => {
    db = await freshPostgres(pgUrl!, "mechlab_lock_test");
    apps.push(await createMechlabApp({ dbUrl: db.url, log: () => undefined }));
    await expect(createMechlabApp({ dbUrl: db.url, log: () => undefined })).rejects.toThrow(/another mechlab process already runs on the database/);
    const created = await apps[0]!.manager.create({ name: "still here", game: "ids-investment", groups: 1, params: { alpha: [10, 10], W: [[1, 0.3], [0.3, 1]], c: [1, 1], xMax: 5, rounds: 1 } });
    expect(created.ok).toBe(true);
    await apps.pop()!.close();
    apps.push(await createMechlabApp({ dbUrl: db.url, log: () => undefined })); // free again once it stopped
  });

  it("the lock is taken again when its connection drops; meanwhile a single process is refused while a cluster's lease is live", async () => {
    db = await freshPostgres(pgUrl!, "mechlab_lock_test");
    await migrate(db.url);
    const lines: string[] = [];
    held.push(await holdProcessLock(db.url, "cluster", (l) => lines.push(l), 200));
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    try {
      // a session of the cluster, live by the database's clock
      await admin.query(`INSERT INTO "SessionLease" ("sessionId", "owner", "token", "expiresAt", "parked") VALUES ('s1', 'node-a', 1, (extract(epoch from clock_timestamp()) * 1000)::bigint + 60000, false)`);
      // the lock's connection dies (a database restart, an idle-connection killer)
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objid = 727073692 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`);
      await expect.poll(() => lines.some((l) => l.includes("lost the database connection")), { timeout: 5000 }).toBe(true);
      // before the cluster process takes it again, a process without Redis would get the lock: the live lease refuses it
      await expect(holdProcessLock(db.url, "single", () => undefined)).rejects.toThrow(/another mechlab process already runs/);
      await expect.poll(() => lines.some((l) => l.includes("marked as one of a cluster on the database again")), { timeout: 5000 }).toBe(true);
      // the lease ends: the lock alone still refuses a single process while the cluster process runs
      await admin.query(`UPDATE "SessionLease" SET "expiresAt" = 0`);
      await expect(holdProcessLock(db.url, "single", () => undefined)).rejects.toThrow(/another mechlab process already runs/);
    } finally {
      await admin.end();
    }
  });
});
