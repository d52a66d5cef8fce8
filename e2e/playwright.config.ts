/**
 * Browser tests against the real one-process server (pages + /api + Socket.io), on Debian's Chromium.
 * `next build` must have run first (`npm test` does it). Each run uses a fresh SQLite file.
 */
import { defineConfig } from "@playwright/test";
import { readdirSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// MECHLAB_E2E_PORT lets several checkouts on one machine run the browser tests at once.
const PORT = Number(process.env.MECHLAB_E2E_PORT ?? 3123);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Remove databases of earlier runs (older than an hour, so a run in progress elsewhere keeps its file). */
function removeOldRunDatabases() {
  const dir = join(ROOT, "data");
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names)
    if (/^e2e-\d+-\d+\.db(-wal|-shm|-journal)?$/.test(n) && Date.now() - statSync(join(dir, n)).mtimeMs > 3600_000)
      rmSync(join(dir, n), { force: true });
}

// One fresh database per run; the name reaches the worker processes through the environment they inherit.
if (!process.env.MECHLAB_E2E_DB) {
  removeOldRunDatabases();
  process.env.MECHLAB_E2E_DB = `file:./data/e2e-${Date.now()}-${process.pid}.db`;
}

export default defineConfig({
  testDir: ".",
  testMatch: /.*\.spec\.ts$/,
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? "list" : [["list"]],
  outputDir: resolve(ROOT, "test-results/e2e-artifacts"),
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: "chromium",
    headless: true,
    testIdAttribute: "data-testid",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    command: "node --import tsx server/index.ts",
    cwd: ROOT,
    url: `http://127.0.0.1:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 90_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      NODE_ENV: "production",
      PORT: String(PORT),
      HOST: "127.0.0.1",
      DATABASE_URL: process.env.MECHLAB_E2E_DB,
      ADMIN_PASSWORD: "e2e-secret",
      NEXT_TELEMETRY_DISABLED: "1",
      CHECKPOINT_DISABLE: "1",
      MECHLAB_QUIET: "1",
    },
  },
});
