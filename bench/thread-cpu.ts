/**
 * CPU time of the process's main thread alone (Linux: /proc/self/task/<pid>/stat), next to
 * `process.cpuUsage()` which counts every thread (V8's garbage-collection and compiler helpers too).
 * Null where /proc is not available.
 */
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

export function mainThreadCpuMs(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
    // fields after the command name (which may hold spaces) start at the last ")"
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(f[11]) + Number(f[12])) * 1000) / TICKS_PER_SECOND; // utime, stime: fields 14 and 15
  } catch {
    return null;
  }
}

/**
 * CPU time of every thread of the process, by thread (name and start order) (Linux: /proc/self/task/<tid>/stat; e.g.
 * "node" for the main thread, "V8Worker"/"node" helpers, "libuv-worker", worker threads), empty elsewhere.
 */
export function threadCpuMsByName(): Record<string, number> {
  const out: Record<string, number> = {};
  try {
    const tids = readdirSync("/proc/self/task").sort((a, b) => Number(a) - Number(b));
    for (const [k, tid] of tids.entries()) {
      try {
        const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
        const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
        const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        const ms = ((Number(f[11]) + Number(f[12])) * 1000) / TICKS_PER_SECOND;
        // helper threads mostly share the name "node": number them in the order they started
        const key = tid === String(process.pid) ? "main" : `${name}#${k}`;
        out[key] = (out[key] ?? 0) + ms;
      } catch {
        // the thread ended between the listing and the read
      }
    }
  } catch {
    // no /proc
  }
  return out;
}
