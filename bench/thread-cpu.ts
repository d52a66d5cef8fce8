/**
 * CPU time of the process's main thread alone (Linux: /proc/self/task/<pid>/stat), next to
 * `process.cpuUsage()` which counts every thread (V8's garbage-collection and compiler helpers too).
 * Null where /proc is not available.
 */
import { readFileSync } from "node:fs";

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
