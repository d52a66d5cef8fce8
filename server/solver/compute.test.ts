/**
 * Long steps during play run off the event loop (lib/engine/compute.ts, server/solver/compute.ts):
 * while one session's mechanism step waits in the solver pool, another session's commands are stored and
 * acknowledged; the rounds come out identical to the engine's inline path; and a step that was computing
 * when the server stopped is run again when the session is loaded, with the same result.
 */
import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { adminView, loadTreatment, participantView, pendingComputes, type ComputeJob, type LoadedTreatment } from "../../lib/engine";
import { runComputeJob } from "../../lib/mechanisms/compute-job";
import { games } from "../../lib/games/registry";
import { newSession, runBots } from "../../lib/testing/drive";
import { migrate } from "../db/migrate";
import type { SessionHost } from "../sessions/host";
import { SessionManager } from "../sessions/manager";
import { SessionStore } from "../sessions/store";
import { freshSqlite, type TestDb } from "../testing/harness";
import { computingTreatment } from "./computing.fixture";
import { SolverPool } from "./pool";

const FIXTURE = fileURLToPath(new URL("./hold.fixture.ts", import.meta.url));
const KILL_FIXTURE = fileURLToPath(new URL("./computing.fixture.ts", import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let db: TestDb | undefined;
let store: SessionStore | undefined;
let pool: SolverPool | undefined;
afterEach(async () => {
  await pool?.close();
  await store?.close();
  await db?.drop();
  pool = undefined;
  store = undefined;
});

const ssgTreatment = computingTreatment;
const idsTreatment = {
  name: "acks",
  game: "ids-investment",
  params: { alpha: [2, 3], W: [[1, 0.2], [0.2, 1]], c: [1, 1], rounds: 1, decisionSeconds: null, resultsSeconds: null },
  intro: { quiz: [] },
};

function loaded(raw: unknown): LoadedTreatment {
  const r = loadTreatment(raw, games);
  if (!r.ok) throw new Error(r.errors.join("\n"));
  return r.value;
}

/** The rounds of the engine's inline path (the headless driver runs every step at once), as stored JSON. */
function inlineRounds(seed: string) {
  const lt = loaded(ssgTreatment);
  const rounds = runBots(newSession(lt, seed).state, lt, 0).rounds;
  return rounds.map((r) => ({ round: r.round, id: r.mechanism.id, input: JSON.parse(JSON.stringify(r.mechanism.input)), output: JSON.parse(JSON.stringify(r.mechanism.output)) }));
}

async function storedRounds(s: SessionStore, id: string) {
  return (await s.roundOutcomes(id)).map((r) => ({ round: r.round, id: r.mechanismId, input: JSON.parse(r.inputJson), output: JSON.parse(r.outputJson) }));
}

async function until(what: string, ok: () => boolean, ms = 60_000) {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

const computingGroups = (h: SessionHost) => h.state.groups.toArray().filter((g) => g.status === "computing");

/** Occupy the pool's only worker with real solves until `release()`. */
function hold(p: SolverPool) {
  const flag = new Int32Array(new SharedArrayBuffer(12));
  const job = p.run(FIXTURE, "solveUntilReleased", { flag });
  job.catch(() => undefined);
  return { started: () => Atomics.load(flag, 2) > 0, release: () => Atomics.store(flag, 0, 1), job };
}

describe("long steps during play", () => {
  it("a session waiting for its step does not delay another session's acks; its rounds equal the inline path", async () => {
    db = await freshSqlite();
    await migrate(db.url);
    store = await SessionStore.open(db.url);
    pool = new SolverPool(1);
    const manager = new SessionManager(store, { botDelayMs: 0, solver: pool });
    const a = await manager.create(ssgTreatment, { seed: "computing-a", draft: true });
    const b = await manager.create(idsTreatment);
    if (!a.ok || !b.ok) throw new Error("create failed");
    const busy = hold(pool);
    await until("the worker to be busy", busy.started);
    expect((await a.host.dispatch({ actorKind: "admin", participantId: null }, { kind: "open" })).ok).toBe(true);
    await until("session A to compute", () => computingGroups(a.host).length === 1);
    const g = computingGroups(a.host)[0]!;
    expect(g.computing?.unitId).toBe("ssg-csw-max");
    // participants see that results are being computed, and cannot act meanwhile
    const pid = g.members[0]!;
    const { participantView } = await import("../../lib/engine");
    expect(participantView(a.host.state, a.host.lt, pid, Date.now())?.play?.computing).toBe(true);
    const refused = await a.host.dispatch({ actorKind: "bot", participantId: pid }, { kind: "action", pid, clientActionId: "late-1", action: { type: "continue" }, byBot: true });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/being computed/);
    // session B is served while A's step cannot have finished (the worker is held)
    const acks = [];
    for (const p of b.host.state.order)
      for (const kind of ["connect", "consent", "instructions"] as const) acks.push(await b.host.dispatch({ actorKind: "participant", participantId: p }, { kind, pid: p }));
    expect(acks.every((x) => x.ok)).toBe(true);
    expect(computingGroups(a.host)).toHaveLength(1);
    busy.release();
    await busy.job;
    await a.host.whenOver();
    await a.host.drain();
    expect(await storedRounds(store, a.host.id)).toEqual(inlineRounds("computing-a"));
    const events = await store.events(a.host.id);
    expect(events.filter((e) => e.command === "computed" && e.accepted)).toHaveLength(2);
    await manager.stop();
  }, 120_000);

  it("kill -9 of the server process mid-compute: the restarted server re-issues the step and records the inline result", async () => {
    db = await freshSqlite();
    await migrate(db.url);
    const child = spawn(process.execPath, ["--import", "tsx", KILL_FIXTURE, db.url, "computing-kill"], { stdio: ["ignore", "pipe", "inherit"] });
    const id = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (b: Buffer) => {
        out += b.toString();
        const m = /computing (\S+)\n/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on("exit", (code) => reject(new Error(`the fixture exited early (${code})`)));
    });
    const gone = new Promise((r) => child.on("exit", r));
    child.kill("SIGKILL");
    await gone;
    store = await SessionStore.open(db.url);
    const row = await store.get(id);
    const snapshot = row ? await store.loadState(row) : null;
    expect((snapshot?.groups.toArray() ?? []).map((x) => x.status)).toEqual(["computing"]);
    pool = new SolverPool(1);
    const manager = new SessionManager(store, { botDelayMs: 0, solver: pool });
    expect(await manager.boot()).toBe(1);
    const host = await manager.get(id);
    if (!host) throw new Error("not loaded");
    await host.whenOver();
    await host.drain();
    expect(await storedRounds(store, id)).toEqual(inlineRounds("computing-kill"));
    await manager.stop();
  }, 180_000);

  it("a step computing when the server stops runs again when the session is loaded, with the inline result", async () => {
    db = await freshSqlite();
    await migrate(db.url);
    store = await SessionStore.open(db.url);
    pool = new SolverPool(1);
    const first = new SessionManager(store, { botDelayMs: 0, solver: pool });
    const a = await first.create(ssgTreatment, { seed: "computing-b", draft: true });
    if (!a.ok) throw new Error("create failed");
    const busy = hold(pool);
    await until("the worker to be busy", busy.started);
    await a.host.dispatch({ actorKind: "admin", participantId: null }, { kind: "open" });
    await until("session A to compute", () => computingGroups(a.host).length === 1);
    const id = a.host.id;
    // the process dies: its hosts stop and the step in the pool is lost (nothing after the stored snapshot survives)
    await first.stop();
    busy.release();
    await pool.close();
    await store.close();
    store = await SessionStore.open(db.url);
    const stored = await store.get(id);
    const snapshot = stored ? await store.loadState(stored) : null;
    expect((snapshot?.groups.toArray() ?? []).map((x) => x.status)).toEqual(["computing"]);
    expect(await storedRounds(store, id)).toEqual([]);
    pool = new SolverPool(1);
    const second = new SessionManager(store, { botDelayMs: 0, solver: pool });
    expect(await second.boot()).toBe(1);
    const host = await second.get(id);
    if (!host) throw new Error("not loaded");
    await host.whenOver();
    await host.drain();
    expect(await storedRounds(store, id)).toEqual(inlineRounds("computing-b"));
    await second.stop();
  }, 120_000);
});

describe("a step that fails in the solver pool and on the main thread", () => {
  /** A main-thread runner that fails while `failing(job)` holds, else runs the registered unit. */
  function flakyInline(failing: (job: ComputeJob) => boolean) {
    return (job: ComputeJob) => {
      if (failing(job)) throw new Error(`test: the solver ran out of memory on ${job.unitId}`);
      return runComputeJob(job);
    };
  }
  const admin = { actorKind: "admin", participantId: null } as const;
  const failedGroup = (h: SessionHost) => computingGroups(h).find((g) => g.computing?.failed);

  it("is stored and shown on the monitor with its error; the experimenter retries it and the session goes on with the inline rounds", async () => {
    db = await freshSqlite();
    await migrate(db.url);
    store = await SessionStore.open(db.url);
    pool = new SolverPool(1);
    let failing = true;
    // the pool's worker cannot run it (its job is refused) and the main thread fails too
    const manager = new SessionManager(store, { botDelayMs: 0, solver: pool, inlineCompute: flakyInline(() => failing) });
    const a = await manager.create(ssgTreatment, { seed: "computing-fail", draft: true });
    if (!a.ok) throw new Error("create failed");
    await pool.close(); // every job sent to the pool now fails, as when its worker died
    await a.host.dispatch(admin, { kind: "open" });
    await until("the step to fail", () => failedGroup(a.host) !== undefined);
    await a.host.drain();
    const g = failedGroup(a.host)!;
    expect(g.status).toBe("computing");
    const row = adminView(a.host.state, a.host.lt, Date.now()).groups.find((x) => x.id === g.id)!;
    expect(row.computeFailure?.message).toMatch(/ran out of memory/);
    expect(row.computeFailure?.attempts).toBe(1);
    expect(row.computeFailure?.step).toMatch(/^ssg-csw-max@/);
    // the members read that the step failed and that the experimenter decides, never the error itself
    for (const pid of g.members) {
      const v = participantView(a.host.state, a.host.lt, pid, Date.now());
      expect(v?.play?.computing).toBe(true);
      expect(v?.play?.computeFailed).toBe(true);
      expect(JSON.stringify(v)).not.toMatch(/out of memory|ssg-csw-max/);
    }
    // stored: the snapshot holds the failure, the event log the failed command; a reload does not re-run it silently
    const stored = await store.loadState((await store.get(a.host.id))!);
    expect(stored.groups.get(g.id)?.computing?.failed?.message).toMatch(/ran out of memory/);
    expect((await store.events(a.host.id)).filter((e) => e.command === "computeFailed" && e.accepted)).toHaveLength(1);
    expect(pendingComputes(stored)).toEqual([]);
    // ending the phase is refused with what to do instead
    const force = await a.host.dispatch(admin, { kind: "forcePhaseEnd", groupId: g.id });
    expect(force.ok).toBe(false);
    if (!force.ok) expect(force.error.message).toMatch(/failed .*retry it, or end the group/);
    failing = false;
    expect((await a.host.dispatch(admin, { kind: "retryCompute", groupId: g.id })).ok).toBe(true);
    for (const pid of g.members) expect(participantView(a.host.state, a.host.lt, pid, Date.now())?.play?.computeFailed ?? false).toBe(false);
    await a.host.whenOver();
    await a.host.drain();
    expect(await storedRounds(store, a.host.id)).toEqual(inlineRounds("computing-fail"));
    // a retry of a group that has no failed step is refused
    const again = await a.host.dispatch(admin, { kind: "retryCompute", groupId: g.id });
    expect(again.ok).toBe(false);
    await manager.stop();
  }, 120_000);

  it("the experimenter ends the group instead: its members finish, the completed rounds stay stored", async () => {
    db = await freshSqlite();
    await migrate(db.url);
    store = await SessionStore.open(db.url);
    // no pool: steps run on the main thread, and the second round's fails every time
    const manager = new SessionManager(store, { botDelayMs: 0, inlineCompute: flakyInline((job) => job.key.startsWith("2:")) });
    const a = await manager.create(ssgTreatment, { seed: "computing-end", draft: true });
    if (!a.ok) throw new Error("create failed");
    await a.host.dispatch(admin, { kind: "open" });
    await until("the step to fail", () => failedGroup(a.host) !== undefined);
    await a.host.drain();
    const g = failedGroup(a.host)!;
    expect(g.round).toBe(2);
    const retried = await a.host.dispatch(admin, { kind: "retryCompute", groupId: g.id });
    expect(retried.ok).toBe(true);
    await until("the retry to fail", () => (failedGroup(a.host)?.computing?.attempts ?? 0) === 2);
    await a.host.drain();
    expect(adminView(a.host.state, a.host.lt, Date.now()).groups[0]?.computeFailure?.attempts).toBe(2);
    expect((await a.host.dispatch(admin, { kind: "endFailedGroup", groupId: g.id })).ok).toBe(true);
    await a.host.whenOver();
    await a.host.drain();
    expect(a.host.state.groups.get(g.id)?.status).toBe("ended");
    expect(a.host.state.order.every((pid) => a.host.state.participants.get(pid)?.stage === "done")).toBe(true);
    expect(await storedRounds(store, a.host.id)).toEqual(inlineRounds("computing-end").filter((r) => r.round === 1));
    const notes = (await store.events(a.host.id)).filter((e) => e.accepted).map((e) => e.command);
    expect(notes.filter((c) => c === "computeFailed")).toHaveLength(2);
    expect(notes).toContain("endFailedGroup");
    await manager.stop();
  }, 120_000);
});
