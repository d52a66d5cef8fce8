/**
 * `npm run bench [-- name…]`: runs every benchmark script (or the named ones) one after the other.
 * Targets and measured numbers are kept in docs/benchmarks.md.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const ALL: Record<string, string[]> = {
  "socket-200": ["bench/socket-load.ts", "--participants", "200"],
  "socket-1000": ["bench/socket-load.ts", "--participants", "1000"],
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
const pick = process.argv.slice(2);
const names = pick.length ? pick : Object.keys(ALL);
let failed = 0;
for (const name of names) {
  const args = ALL[name];
  if (!args) {
    console.error(`unknown benchmark "${name}"; use one of ${Object.keys(ALL).join(", ")}`);
    process.exit(2);
  }
  if (!existsSync(args[0]!)) {
    console.log(`\n## ${name}: ${args[0]} not present, skipped`);
    continue;
  }
  console.log(`\n## ${name}`);
  const r = spawnSync(process.execPath, ["--import", "tsx", ...args], { stdio: "inherit" });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
