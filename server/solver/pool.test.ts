import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { loadTreatment } from "../../lib/engine";
import { games } from "../../lib/games/registry";
import { solveMemos } from "../../lib/games/solve-memo";
import { solveMemo, trueGame } from "../../lib/games/ssg-defense/benchmarks";
import { newSession, runBots } from "../../lib/testing/drive";
import { migrate } from "../db/migrate";
import { SessionManager } from "../sessions/manager";
import { SessionStore } from "../sessions/store";
import { freshSqlite, type TestDb } from "../testing/harness";
import { SolverPool, SolverTimeoutError } from "./pool";
import { warmInPool } from "./warm";

const FIXTURE = fileURLToPath(new URL("./hold.fixture.ts", import.meta.url));
const EXAMPLE = fileURLToPath(new URL("../../examples/treatments/ssg-defense-coordinated-join.json", import.meta.url));

let db: TestDb | undefined;
let store: SessionStore | undefined;
let pool: SolverPool | undefined;
afterEach(async () => {
  await pool?.close();
  await store?.close();
  await db?.drop();
  pool = undefined;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("SolverPool", () => {
  it("keeps acknowledging another session's commands while a worker is busy solving", async () => {
    db = await freshSqlite();
    await migrate(db.url);
    store = await SessionStore.open(db.url);
    pool = new SolverPool(1);
    const manager = new SessionManager(store, { botDelayMs: 0, solver: pool });
    const params = { alpha: [2, 3], W: [[1, 0.2], [0.2, 1]], c: [1, 1], rounds: 1, decisionSeconds: null, resultsSeconds: null };
    const r = await manager.create({ name: "acks", game: "ids-investment", params, intro: { quiz: [] } });
    if (!r.ok) throw new Error(r.errors.join());
    const host = r.host;
    // the worker solves the §4.5 game over and over until we release it through shared memory
    const flag = new Int32Array(new SharedArrayBuffer(12));
    let failed: unknown = null;
    const job = pool.run(FIXTURE, "solveUntilReleased", { flag });
    job.catch((e: unknown) => (failed = e));
    while (Atomics.load(flag, 2) === 0 && failed === null) await sleep(5); // at least one solve done: the worker is busy
    expect(failed).toBeNull();
    const acks = [];
    for (const pid of host.state.order)
      for (const kind of ["connect", "consent", "instructions"] as const)
        acks.push(await host.dispatch({ actorKind: "participant", participantId: pid }, { kind, pid }));
    // every command was stored and acknowledged while the solve was still running (it cannot end before
    // the release below; a solve on the event loop would never have let these commands through)
    expect(acks.every((a) => a.ok)).toBe(true);
    expect(pool.pending).toBe(1);
    Atomics.store(flag, 0, 1);
    expect(await job).toBeGreaterThanOrEqual(1);
    expect(pool.pending).toBe(0);
    await manager.stop();
  }, 60_000);

  it("fails a job with the worker's message and keeps serving", async () => {
    pool = new SolverPool(1);
    await expect(pool.run(FIXTURE, "noSuchFunction", {})).rejects.toThrow(/has no exported function noSuchFunction/);
    const flag = new Int32Array(new SharedArrayBuffer(12));
    Atomics.store(flag, 0, 1); // released from the start: returns after one check
    expect(await pool.run(FIXTURE, "solveUntilReleased", { flag })).toBe(0);
  }, 60_000);

  it("a job past its deadline fails with SolverTimeoutError, its worker is stopped, and the next job runs in a new one", async () => {
    pool = new SolverPool(1);
    const released = new Int32Array(new SharedArrayBuffer(12));
    Atomics.store(released, 0, 1);
    expect(await pool.run(FIXTURE, "solveUntilReleased", { flag: released })).toBe(0); // the worker has started
    const stuck = new Int32Array(new SharedArrayBuffer(12)); // never released: solves until its worker is stopped
    const t0 = Date.now();
    const running = pool.run(FIXTURE, "solveUntilReleased", { flag: stuck }, { timeoutMs: 1500 });
    // a job queued behind it with a shorter deadline expires in the queue
    const queued = pool.run(FIXTURE, "solveUntilReleased", { flag: stuck }, { timeoutMs: 300 });
    await expect(queued).rejects.toBeInstanceOf(SolverTimeoutError);
    await expect(running).rejects.toThrow(/took longer than 1.5 s and was stopped/);
    expect(Date.now() - t0).toBeLessThan(10_000);
    const solvesAtStop = Atomics.load(stuck, 2);
    expect(solvesAtStop).toBeGreaterThan(0);
    await sleep(300);
    expect(Atomics.load(stuck, 2)).toBe(solvesAtStop); // the worker is gone, not solving on
    const flag = new Int32Array(new SharedArrayBuffer(12));
    Atomics.store(flag, 0, 1);
    expect(await pool.run(FIXTURE, "solveUntilReleased", { flag }, { timeoutMs: 30_000 })).toBe(0);
    expect(pool.pending).toBe(0);
  }, 60_000);

  it("fails a job whose input cannot be sent to the worker, and runs the next one", async () => {
    pool = new SolverPool(1);
    let deep: unknown = 0;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    await expect(pool.run(FIXTURE, "solveUntilReleased", { flag: deep })).rejects.toThrow(/could not be sent to its worker/);
    await expect(pool.run(FIXTURE, "solveUntilReleased", { f: () => 1 })).rejects.toThrow(/could not be sent to its worker/);
    expect(pool.pending).toBe(0);
    const flag = new Int32Array(new SharedArrayBuffer(12));
    Atomics.store(flag, 0, 1);
    expect(await pool.run(FIXTURE, "solveUntilReleased", { flag })).toBe(0);
  }, 60_000);

  it("precomputes a treatment's solves in a worker; the session then records what solving on the main thread records", async () => {
    pool = new SolverPool(1);
    const example = JSON.parse(readFileSync(EXAMPLE, "utf8"));
    const bot = games["ssg-defense"]!.defaultBot;
    const treatment = { ...example, bots: { seats: [bot, bot, bot], delayMs: 0 } };
    const memo = solveMemos["ssg-defense"]!;
    memo.clear();
    expect(await warmInPool(pool, treatment)).toContain("ssg-defense");
    const warmed = solveMemo().games;
    expect(warmed.length).toBe(1);
    const run = () => {
      const lt = loadTreatment(treatment, games);
      if (!lt.ok) throw new Error(lt.errors.join("; "));
      return { lt: lt.value, rounds: runBots(newSession(lt.value, "same-seed").state, lt.value, 1_000_000).rounds };
    };
    const pooled = run();
    // the main thread read the worker's solve instead of solving again
    const [, checked] = warmed[0]!;
    const params = pooled.lt.treatment.params;
    expect(checked.ok && trueGame(games["ssg-defense"]!.params.parse(params)) === checked.game).toBe(true);
    memo.clear();
    const sync = run();
    expect(pooled.rounds.length).toBeGreaterThan(0);
    expect(JSON.stringify(pooled.rounds)).toBe(JSON.stringify(sync.rounds));
  }, 60_000);
});
