/**
 * One mechlab process per SQLite file: a second process on the same file is refused at start, naming the
 * first; a lock file left by a process that died is taken over; a clean stop removes it.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { holdSqliteLock } from "./sqlite-lock";

const ROOT = join(import.meta.dirname, "../..");

describe("one process per SQLite file", () => {
  const dir = mkdtempSync(join(tmpdir(), "mechlab-sqlite-lock-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("refuses a file another running process holds, takes over one of a process that is gone, and lets go at release", async () => {
    const url = `file:${join(dir, "a.db")}`;
    const other = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"]);
    try {
      writeFileSync(`${join(dir, "a.db")}.pid`, `${other.pid} ${hostname()}\n`);
      expect(() => holdSqliteLock(url)).toThrow(`another mechlab process (pid ${other.pid}) already runs on the database ${join(dir, "a.db")}`);
    } finally {
      const gone = new Promise((r) => other.once("exit", r));
      other.kill("SIGKILL");
      await gone;
    }
    const lock = holdSqliteLock(url)!; // its process is gone: taken over
    expect(readFileSync(`${join(dir, "a.db")}.pid`, "utf8")).toBe(`${process.pid} ${hostname()}\n`);
    expect(holdSqliteLock(url)).not.toBeNull(); // the same process again (tests run several servers)
    lock.release();
    expect(existsSync(`${join(dir, "a.db")}.pid`)).toBe(false);
    expect(holdSqliteLock("file::memory:")).toBeNull();
  });

  it("a second server on the same file does not start, and says which process runs on it", () => {
    const url = `file:${join(dir, "b.db")}`;
    const first = holdSqliteLock(url)!; // this test process stands for the server that runs
    try {
      const r = spawnSync(process.execPath, ["--import", "tsx", "server/testing/server-process.ts"], {
        cwd: ROOT,
        env: { ...process.env, MECHLAB_TEST_DB_URL: url },
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain(`another mechlab process (pid ${process.pid}) already runs on the database ${join(dir, "b.db")}`);
      expect(existsSync(join(dir, "b.db"))).toBe(false); // refused before the database was touched
    } finally {
      first.release();
    }
  });
});
