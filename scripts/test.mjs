// `npm test`: type-check, unit + server tests (vitest), then the browser tests (Playwright on Debian's
// Chromium). PostgreSQL tests run when MECHLAB_TEST_PG_URL is set. Ends with one summary line.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { buildIfNeeded, ensureClients } from "./build-if-needed.mjs";

const args = process.argv.slice(2);
const skipE2e = args.includes("--no-e2e") || process.env.MECHLAB_SKIP_E2E === "1";
let passed = 0, failed = 0, skipped = 0;
const failures = [];
mkdirSync("test-results", { recursive: true });
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };
const run = (label, cmd, cmdArgs, extraEnv = {}) => {
  console.log(`\n── ${label} ──`);
  const r = spawnSync(cmd, cmdArgs, { stdio: "inherit", env: { ...env, ...extraEnv } });
  if (r.status !== 0) failures.push(label);
  return r.status === 0;
};

ensureClients();
if (run("type-check (tsc --noEmit)", process.execPath, ["node_modules/typescript/bin/tsc", "--noEmit", "-p", "."])) passed++;
else failed++;

rmSync("test-results/vitest.json", { force: true });
const vitestOk = run("unit and server tests (vitest)", process.execPath, ["node_modules/vitest/vitest.mjs", "run", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/vitest.json"]);
if (existsSync("test-results/vitest.json")) {
  const v = JSON.parse(readFileSync("test-results/vitest.json", "utf8"));
  passed += v.numPassedTests; failed += v.numFailedTests; skipped += v.numPendingTests + (v.numTodoTests ?? 0);
  if (!vitestOk && v.numFailedTests === 0) failed++; // e.g. an unhandled error outside any test
} else failed++;

if (!skipE2e) {
  if (!existsSync("/usr/bin/chromium")) {
    console.error("\nThe browser tests need Debian's Chromium: run `apt-get install -y chromium` (or `npm test -- --no-e2e`).");
    failed++;
    failures.push("browser tests (no /usr/bin/chromium)");
  } else {
    buildIfNeeded();
    rmSync("test-results/e2e.json", { force: true });
    const e2eOk = run("browser tests (Playwright)", process.execPath, ["node_modules/@playwright/test/cli.js", "test", "-c", "e2e/playwright.config.ts", "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_NAME: resolve("test-results/e2e.json") });
    if (existsSync("test-results/e2e.json")) {
      const s = JSON.parse(readFileSync("test-results/e2e.json", "utf8")).stats;
      passed += s.expected; failed += s.unexpected + (s.flaky ?? 0); skipped += s.skipped;
      if (!e2eOk && s.unexpected === 0) failed++;
    } else failed++;
  }
}

if (failures.length) console.log(`\nFailed: ${failures.join(", ")}`);
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || failures.length > 0 ? 1 : 0);
