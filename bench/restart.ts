/**
 * Restart time with 2,000 sessions in the database (`npm run bench -- restart`): 1,900 running
 * sessions untouched for two days and 100 active ones. Measures the start of the server (migration
 * check, boot) in a fresh process, once with the default policy (load only sessions changed within
 * the boot window) and once loading every running session (the behaviour before), on SQLite.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMechlabApp } from "../server/app";
import { migrate } from "../server/db/migrate";
import { SessionManager } from "../server/sessions/manager";
import { SessionStore } from "../server/sessions/store";

const TOTAL = Number(process.env.BENCH_SESSIONS ?? 2000);
const ACTIVE = Math.round(TOTAL / 20);
const treatment = {
  name: "restart bench",
  game: "ids-investment",
  params: { alpha: [2, 3], W: [[1, 0.2], [0.2, 1]], c: [1, 1], rounds: 1, decisionSeconds: null, resultsSeconds: null },
  dropout: { policy: "wait" },
};

async function child(dbUrl: string, mode: string) {
  process.env.MECHLAB_QUIET = "1";
  process.env.ADMIN_PASSWORD = "bench";
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const app = await createMechlabApp({ dbUrl, log: () => {}, ...(mode === "eager" ? { idle: { bootWindowMs: Infinity } } : {}) });
  const ms = performance.now() - t0;
  const loaded = app.manager.all().length;
  const heapMb = (process.memoryUsage().heapUsed - heap0) / 1e6;
  await app.close();
  process.stdout.write(JSON.stringify({ mode, ms, loaded, heapMb }) + "\n");
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "mechlab-restart-"));
  const dbUrl = `file:${join(dir, "restart.db")}`;
  await migrate(dbUrl);
  const store = await SessionStore.open(dbUrl);
  const manager = new SessionManager(store, { botDelayMs: 0 });
  const t0 = performance.now();
  const ids: string[] = [];
  for (let i = 0; i < TOTAL; i++) {
    const r = await manager.create(treatment);
    if (!r.ok) throw new Error(r.errors.join());
    ids.push(r.host.id);
  }
  await manager.stop();
  const old = new Date(Date.now() - 48 * 3600_000);
  await store.db.session.updateMany({ where: { id: { notIn: ids.slice(0, ACTIVE) } }, data: { updatedAt: old } });
  await store.close();
  console.log(`created ${TOTAL} running sessions (${ACTIVE} active, ${TOTAL - ACTIVE} untouched for 2 days) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  for (const mode of ["lazy", "eager", "lazy", "eager"]) {
    const r = spawnSync(process.execPath, ["--import", "tsx", "bench/restart.ts", "--child", dbUrl, mode], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(r.stderr);
    const m = JSON.parse(r.stdout.trim().split("\n").pop()!) as { ms: number; loaded: number; heapMb: number };
    console.log(`${mode === "lazy" ? "default (boot window 24 h)" : "load every running session"}: start ${m.ms.toFixed(0)} ms, ${m.loaded} sessions in memory, heap +${m.heapMb.toFixed(1)} MB`);
  }
  rmSync(dir, { recursive: true, force: true });
}

const args = process.argv.slice(2);
if (args[0] === "--child") await child(args[1]!, args[2]!);
else await main();
