// Builds the Next.js pages when .next is missing or older than the sources (used by npm start and npm test).
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const SOURCES = ["app", "lib", "next.config.js", "package.json", "tsconfig.json"];

function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs;
  for (const e of readdirSync(path)) if (e !== "node_modules" && !e.startsWith(".")) m = Math.max(m, newest(join(path, e)));
  return m;
}

export function ensureClients() {
  if (!existsSync("prisma/generated/sqlite") || !existsSync("prisma/generated/pg"))
    execFileSync(process.execPath, ["scripts/prisma-generate.mjs"], { stdio: "inherit" });
}

export function buildIfNeeded({ force = false } = {}) {
  ensureClients();
  const stamp = ".next/BUILD_ID";
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  const src = Math.max(...SOURCES.map(newest));
  if (!force && built > src) return false;
  console.log("mechlab: building the web pages (next build)…");
  execFileSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
  });
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) buildIfNeeded({ force: process.argv.includes("--force") });
