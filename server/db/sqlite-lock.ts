/**
 * One mechlab process per SQLite file (PostgreSQL: server/db/process-lock.ts). Two would both load the
 * running sessions: the optimistic version check keeps either from overwriting the other's rows, but the
 * participants of the one that falls behind see a round frozen at 0 s and their answers refused.
 *
 * A lock file next to the database (`<file>.pid`: process id, host name), created exclusively at start
 * and removed at a clean stop. One left behind by a process that died (kill -9, a power loss) names a
 * process that no longer runs, or another machine's, and is taken over; one naming a process of this
 * machine that still runs refuses the start and says which. The same process may open the file again
 * (tests run several servers in one process). SQLite over a network share from several machines is not
 * supported (SQLite's own locking is unreliable there).
 */
import { readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";

export interface SqliteLock {
  release(): void;
}

/** Whether process `pid` of this machine runs (a zombie does not). */
function runs(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"; // it runs, as another user
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return true;
  }
}

/** The lock of SQLite URL `dbUrl` (`file:/abs/path`) for this process, or throw naming the process that holds it. */
export function holdSqliteLock(dbUrl: string): SqliteLock | null {
  if (!dbUrl.startsWith("file:/")) return null; // :memory:
  const path = `${dbUrl.slice("file:".length)}.pid`;
  const mine = `${process.pid} ${hostname()}\n`;
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(path, mine, { flag: "wx" });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 2) throw e;
    }
    let held = "";
    try {
      held = readFileSync(path, "utf8");
    } catch {
      continue; // removed meanwhile
    }
    const [pidText, host] = held.trim().split(/\s+/);
    const pid = Number(pidText);
    if (pid === process.pid && host === hostname()) return { release: () => undefined }; // this process holds it already
    if (Number.isInteger(pid) && pid > 0 && host === hostname() && runs(pid))
      throw new Error(
        `another mechlab process (pid ${pid}) already runs on the database ${dbUrl.slice("file:".length)}: one process per SQLite file — stop it (or use its address), or give this one another DATABASE_URL. If no mechlab runs, delete ${path}.`,
      );
    try {
      unlinkSync(path); // left behind by a process that no longer runs
    } catch {
      /* removed meanwhile */
    }
  }
  return {
    release: () => {
      try {
        if (readFileSync(path, "utf8") === mine) unlinkSync(path);
      } catch {
        /* gone already */
      }
    },
  };
}
