/**
 * CPU time of the PostgreSQL server's processes on this machine (Linux: /proc/<pid>/stat of every process
 * named "postgres"), so a load on PostgreSQL can count the database's work beside mechlab's own process.
 * A process that started or ended between two readings counts only for the part it was alive at both, so
 * the difference is a lower bound. Null where /proc is not available or no such process is readable.
 */
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU time (user + system, ms) of each process named "postgres", by pid. */
export function postgresCpuMs(): Map<string, number> | null {
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  } catch {
    return null;
  }
  const out = new Map<string, number>();
  for (const pid of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue; // ended meanwhile, or not ours to read
    }
    if (stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")) !== "postgres") continue;
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    out.set(pid, ((Number(f[11]) + Number(f[12])) * 1000) / TICKS_PER_SECOND); // utime, stime: fields 14 and 15
  }
  return out.size ? out : null;
}

/** CPU (ms) the processes alive at both readings used between them. */
export function postgresCpuDeltaMs(before: Map<string, number> | null, after: Map<string, number> | null): number | null {
  if (!before || !after) return null;
  let ms = 0;
  for (const [pid, t] of after) {
    const t0 = before.get(pid);
    if (t0 !== undefined) ms += t - t0;
  }
  return ms;
}
