/**
 * CPU time of the process's main thread alone (Linux: /proc/self/task/<pid>/stat), next to
 * `process.cpuUsage()` which counts every thread (V8's garbage-collection and compiler helpers too).
 * Null where /proc is not available.
 */
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** One thread's name and CPU time (user + system, ms) from /proc; throws when it cannot be read. */
function threadStat(tid: string): { name: string; ms: number } {
  return statCpu(`/proc/self/task/${tid}/stat`);
}

/** The name and CPU time (user + system, ms) in a /proc `stat` file (a process's or a thread's); throws when it cannot be read. */
export function statCpu(path: string): { name: string; ms: number } {
  const stat = readFileSync(path, "utf8");
  // the name is in parentheses and may hold spaces: the fields after it start at the last ")"
  const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return { name, ms: ((Number(f[11]) + Number(f[12])) * 1000) / TICKS_PER_SECOND }; // utime, stime: fields 14 and 15
}

export function mainThreadCpuMs(): number | null {
  try {
    return threadStat(String(process.pid)).ms;
  } catch {
    return null;
  }
}

/**
 * CPU time of every thread of the process (ms), keyed "main" for the main thread and `<name>#<k>` for the
 * others, k their place in start order (V8's helpers and worker threads are mostly all named "node").
 * Empty where /proc is not available.
 */
export function threadCpuMsByName(): Record<string, number> {
  const out: Record<string, number> = {};
  let tids: string[];
  try {
    tids = readdirSync("/proc/self/task").sort((a, b) => Number(a) - Number(b));
  } catch {
    return out; // no /proc
  }
  for (const [k, tid] of tids.entries()) {
    try {
      const { name, ms } = threadStat(tid);
      out[tid === String(process.pid) ? "main" : `${name}#${k}`] = ms;
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return out;
}
