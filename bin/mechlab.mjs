#!/usr/bin/env node
// mechlab command line: `mechlab simulate …`, `mechlab solve ids|ssg|cip`. Runs the TypeScript sources with tsx.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const main = fileURLToPath(new URL("../server/cli/main.ts", import.meta.url));
// the project's tsconfig (its "@/…" paths), wherever the command is run from (tsx looks in the working directory)
const tsconfig = fileURLToPath(new URL("../tsconfig.json", import.meta.url));
const tsx = import.meta.resolve("tsx");
const r = spawnSync(process.execPath, ["--import", tsx, main, ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, MECHLAB_CLI: "1", TSX_TSCONFIG_PATH: tsconfig },
});
process.exit(r.status ?? 1);
