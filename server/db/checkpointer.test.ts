import { statSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { freshSqlite, type TestDb } from "../testing/harness";
import { startCheckpointer } from "./checkpointer";
import { migrate } from "./migrate";
import { makeWriter, type SqlStatement, type SqlWriter } from "./writer";

let db: TestDb | undefined;
let writer: SqlWriter | undefined;
afterEach(async () => {
  await writer?.close();
  writer = undefined;
  await db?.drop();
});

const setting = (key: string, value: string): SqlStatement => ({ sql: `INSERT INTO "Setting" ("key", "value") VALUES (?, ?) ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value"`, args: [key, value] });
const fileOf = (url: string) => url.slice("file:".length);
const walBytes = (url: string) => statSync(`${fileOf(url)}-wal`).size;
/** Write `n` transactions of a few KB each (one or more WAL frames each). */
async function write(w: SqlWriter, n: number, tag: string) {
  for (let i = 0; i < n; i++) await w.transaction([setting(`${tag}-${i % 50}`, `${i}:${"x".repeat(3000)}`)]);
}

describe("WAL checkpoints on their own thread", () => {
  it("copies the writer's commits into the database file from the checkpoint thread; the commits do not", async () => {
    db = await freshSqlite();
    await migrate(db.url);
    writer = await makeWriter(db.url);
    expect(writer.checkpoints?.by).toBe("thread");
    const cp = writer.checkpoints!.checkpointer!;
    await write(writer, 12_000, "a");
    // with automatic checkpoints off in the writer, 12,000 commits grew the WAL past the 10,000 pages at
    // which the commits would checkpoint on their own (the thread's interval is 1 s, longer than this loop);
    // the thread copies every frame back when it runs
    const s = await cp.checkpointNow();
    expect(s.log).toBeGreaterThan(10_000);
    expect(s.done).toBe(s.log);
    expect(s.frames).toBeGreaterThanOrEqual(s.log);
    // caught up, the next commits reuse the WAL from its start (the file does not keep growing)
    const size = walBytes(db.url);
    await write(writer, 200, "b");
    expect(walBytes(db.url)).toBe(size);
  });

  it("lets the writer start the WAL again under writes that never pause (the file stays bounded)", async () => {
    db = await freshSqlite();
    await migrate(db.url);
    // a checkpoint every 100 ms while a commit comes every millisecond or two: every checkpoint is
    // overtaken by new commits while it copies, which once kept the WAL from ever starting again
    writer = await makeWriter(db.url, { checkpointIntervalMs: 100 });
    const cp = writer.checkpoints!.checkpointer!;
    const logs: number[] = [];
    let last = -1;
    const until = performance.now() + 2500;
    let i = 0;
    while (performance.now() < until) {
      await writer.transaction([setting(`c-${i % 50}`, `${i}:${"x".repeat(3000)}`)]);
      i++;
      if (cp.stats.runs !== last) {
        last = cp.stats.runs;
        logs.push(cp.stats.log);
      }
      await new Promise((r) => setTimeout(r, 1));
    }
    const restarts = logs.filter((n, k) => k > 0 && n < logs[k - 1]!).length;
    expect(restarts, `WAL sizes seen by the checkpoints: ${logs.join(", ")}`).toBeGreaterThan(0);
    // every transaction wrote at least one frame: without restarts the WAL would hold them all
    expect(Math.max(...logs)).toBeLessThan(i);
  });

  it("gives the checkpoints back to the commits when the thread ends, and the data is all there", async () => {
    db = await freshSqlite();
    await migrate(db.url);
    writer = await makeWriter(db.url);
    const cp = writer.checkpoints!.checkpointer!;
    await write(writer, 20, "a");
    const errors: string[] = [];
    const error = console.error;
    console.error = (m: string) => errors.push(m);
    try {
      await cp.kill();
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      console.error = error;
    }
    expect(writer.checkpoints?.by).toBe("commits");
    expect(errors.join()).toMatch(/checkpoints run in the commits again/);
    await write(writer, 12_000, "b"); // SQLite's own checkpoints in the commits now, every 10,000 pages
    const { default: Database } = await import("libsql");
    const check = new Database(fileOf(db.url));
    try {
      // the WAL was restarted by a checkpoint in the commits: it holds fewer than the 12,000+ frames written
      const r = check.prepare("PRAGMA wal_checkpoint(PASSIVE)").get() as { log: number; checkpointed: number };
      expect(r.log).toBeLessThan(10_000);
      expect((check.prepare(`SELECT count(*) AS n FROM "Setting" WHERE "key" LIKE 'b-%'`).get() as { n: number }).n).toBe(50);
    } finally {
      check.close();
    }
  });

  it("does not start on a file it cannot open: the caller keeps SQLite's own checkpoints", async () => {
    const lost: string[] = [];
    const cp = await startCheckpointer("/nonexistent-dir/x/none.db", { onLost: (w) => lost.push(w), startMs: 5000 });
    expect(cp).toBeNull();
    expect(lost).toEqual([]);
  });
});
