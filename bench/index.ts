/**
 * `npm run bench [-- name… [--flag…]]`: runs every benchmark script (or the named ones) one after the other;
 * flags after the names go to each named script (`npm run bench -- socket-1000 --no-baseline --warmup`).
 * The exit status is 1 when any of them failed (for the socket loads: did not finish, lost a decision, or
 * missed a target of issue 13). Targets and measured numbers are kept in docs/benchmarks.md.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const ALL: Record<string, string[]> = {
  "socket-200": ["bench/socket-load.ts", "--participants", "200"],
  "socket-1000": ["bench/socket-load.ts", "--participants", "1000"],
  "socket-1000-one-session": ["bench/socket-load.ts", "--participants", "1000", "--session-size", "1000", "--no-baseline"],
  // two client processes keep up with 5,000 participants (the bare server's p99 stays under 20 ms) and leave
  // the server more of a 2-core machine than the default five (docs/benchmarks.md, figures of stop 30)
  "socket-5000": ["bench/socket-load.ts", "--participants", "5000", "--client-procs", "2"],
  "seat-copy": ["bench/seat-copy.ts"],
  ids: ["bench/ids-mechanisms.ts"],
  ssg: ["bench/ssg-mechanisms.ts"],
  "ssg-full": ["bench/ssg-full.ts"],
  cip: ["bench/cip-mechanisms.ts"],
  "cip-caps": ["bench/cip-caps.ts"],
  restart: ["bench/restart.ts"],
  "solve-limits": ["bench/solve-limits.ts"],
  "study-export": ["bench/study-export.ts"],
  "sqlite-writer": ["bench/sqlite-writer.ts"],
  "command-path": ["bench/command-path.ts"],
  "room-join": ["bench/room-join.ts"],
  "monitor-views": ["bench/monitor-views.ts"],
};
const argv = process.argv.slice(2);
const firstFlag = argv.findIndex((a) => a.startsWith("--"));
const pick = firstFlag < 0 ? argv : argv.slice(0, firstFlag);
const flags = firstFlag < 0 ? [] : argv.slice(firstFlag);
if (flags.length && !pick.length) {
  console.error(`name the benchmark(s) the flags ${flags.join(" ")} are for, e.g. npm run bench -- socket-1000 ${flags.join(" ")}`);
  process.exit(2);
}
const names = pick.length ? pick : Object.keys(ALL);
// every name is checked before anything runs (a typo must not be found after minutes of benchmarks)
const unknown = names.filter((n) => !Object.hasOwn(ALL, n));
if (unknown.length) {
  console.error(`unknown benchmark ${unknown.map((n) => `"${n}"`).join(", ")}; use one of ${Object.keys(ALL).join(", ")}`);
  process.exit(2);
}
let failed = 0;
for (const name of names) {
  const args = [...ALL[name]!, ...flags];
  if (!existsSync(args[0]!)) {
    console.log(`\n## ${name}: ${args[0]} not present, skipped`);
    continue;
  }
  console.log(`\n## ${name}`);
  const r = spawnSync(process.execPath, ["--import", "tsx", ...args], { stdio: "inherit" });
  if (r.status !== 0) {
    failed++;
    console.log(`## ${name}: exit status ${r.status ?? r.signal}`);
  }
}
process.exit(failed ? 1 : 0);
