// `npm start`: build the pages if needed, then run the one-process server (pages + API + Socket.io).
import { spawn } from "node:child_process";
import { buildIfNeeded } from "./build-if-needed.mjs";
import { clusterDatabaseProblem } from "./cluster-database.mjs";
import { whenOrphaned } from "./parent-watch.mjs";

// several processes need PostgreSQL: say so before a build of the pages that can take half a minute (the
// server says the same, server/cluster/config.ts, for every other way of starting it)
const problem = clusterDatabaseProblem(process.env.REDIS_URL, process.env.DATABASE_URL);
if (problem) {
  console.error(`mechlab: ${problem}`);
  process.exit(1);
}
/** @type {import("node:child_process").ChildProcess | undefined} */
let child;
// started by npm (`npm start`): npm stopped with SIGTERM does not pass it on to this process
// (scripts/parent-watch.mjs); the parent is noted before the build, which a stop may interrupt
if (process.env.npm_lifecycle_event === "start")
  whenOrphaned(() => {
    console.error("mechlab: npm start was stopped (its npm process is gone): stopping the server");
    if (child) child.kill("SIGTERM");
    else process.exit(1);
  });
buildIfNeeded();
child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
  stdio: "inherit",
  env: { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...process.env },
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child?.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
