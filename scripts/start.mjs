// `npm start`: build the pages if needed, then run the one-process server (pages + API + Socket.io).
import { spawn } from "node:child_process";
import { buildIfNeeded } from "./build-if-needed.mjs";
import { clusterDatabaseProblem } from "./cluster-database.mjs";

// several processes need PostgreSQL: say so before a build of the pages that can take half a minute (the
// server says the same, server/cluster/config.ts, for every other way of starting it)
const problem = clusterDatabaseProblem(process.env.REDIS_URL, process.env.DATABASE_URL);
if (problem) {
  console.error(`mechlab: ${problem}`);
  process.exit(1);
}
buildIfNeeded();
const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
  stdio: "inherit",
  env: { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...process.env },
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
