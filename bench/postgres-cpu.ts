/**
 * CPU time of the PostgreSQL server's processes on this machine (Linux: /proc/<pid>/stat of every process
 * named "postgres"), so a load on PostgreSQL can count the database's work beside mechlab's own process.
 * A process that started or ended between two readings counts only for the part it was alive at both, so
 * the difference is a lower bound. Null where /proc is not available or no such process is readable.
 */
import { readdirSync } from "node:fs";
import { statCpu } from "./thread-cpu";

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
    try {
      const { name, ms } = statCpu(`/proc/${pid}/stat`);
      if (name === "postgres") out.set(pid, ms);
    } catch {
      // ended meanwhile, or not ours to read
    }
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
