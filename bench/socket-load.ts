/**
 * Load benchmark: N simulated participants (real socket.io clients, in one or more client processes)
 * play IDS sessions against a server in a separate process on loopback. The same clients, with the same
 * load shape, first run against a bare Socket.IO server that only acknowledges (bench/echo-server.ts),
 * so every run prints mechlab next to the baseline it is compared with and their ratio.
 * Reports decision-ack latency percentiles, lost decisions (expected minus stored), unacked intents, and
 * the server's CPU time during the load (per acknowledged action and per accepted command).
 *
 *   node --import tsx bench/socket-load.ts --participants 1000 [--rounds 3] [--session-size 20]
 *     [--ramp-ms 250] [--think-min-ms 500] [--think-max-ms 3000] [--client-procs 1] [--no-baseline]
 *   BENCH_PG_URL=postgresql://… runs mechlab on a fresh PostgreSQL database; BENCH_PROF=dir writes a
 *   CPU profile (--cpu-prof) of the mechlab server to dir; BENCH_NODE_FLAGS adds node flags to the server;
 *   BENCH_SERVER_OUT=file appends the servers' other stdout lines to file (e.g. V8's `--trace-opt
 *   --trace-deopt` output), with "=== start" and "=== end" around the measured load; BENCH_LOAD_PROF=file
 *   writes a CPU profile of the mechlab server's main thread over the measured load only (.cpuprofile).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { createInterface } from "node:readline";
import { freshPostgres } from "../server/testing/harness";
import type { ClientJob, ClientResult } from "./load-clients";
import { loadTreatment } from "./load-treatment";
import { checkTargets, formatChecks } from "./targets";
import { postgresCpuDeltaMs, postgresCpuMs } from "./postgres-cpu";
import { io as ioc, type Socket } from "socket.io-client";
import { arg, refuseUnknownFlags } from "./args";

refuseUnknownFlags(["participants", "rounds", "session-size", "ramp-ms", "think-min-ms", "think-max-ms", "client-procs", "views-in-acks"], ["no-baseline", "warmup", "monitors"]);
const N = arg("participants", 200);
const ROUNDS = arg("rounds", 3);
const SESSION = arg("session-size", 20);
const RAMP_MS = arg("ramp-ms", 250);
const THINK_MIN = arg("think-min-ms", 500);
const THINK_MAX = arg("think-max-ms", 3000);
/** Client processes: one keeps up with about 1,000 participants on this machine. */
const CLIENT_PROCS = arg("client-procs", Math.max(1, Math.ceil(N / 1000)));
const BASELINE = !process.argv.includes("--no-baseline");
/** Clients ask for their own intents' views in the answers, as the browser does (--views-in-acks 0: not). */
const VIEWS_IN_ACKS = arg("views-in-acks", 1) !== 0;
/**
 * --warmup: before the measured load, the same load runs once on other sessions of the same server
 * (not measured), so the figures are those of a warm process (V8 has compiled the hot code; in a cold
 * run of 20 s a good part of the server's CPU is the optimising compiler on V8's helper threads).
 */
const WARMUP = process.argv.includes("--warmup");
/**
 * --monitors: during the measured load, every session is watched as in a lab: one experimenter's monitor
 * (admin:watch) and one room's screen (projector:watch) per session, each a websocket of its own; their
 * pushes count in the server's CPU, and the bytes they received are printed.
 */
const MONITORS = process.argv.includes("--monitors");
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 180_000);
const PASSWORD = "bench-password";

function pct(xs: number[], p: number) {
  if (!xs.length) return NaN;
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

interface ServerStats {
  cpuMs: number;
  /** The main thread's CPU time alone (Linux), null elsewhere. */
  mainCpuMs?: number | null;
  /** CPU time by thread name (Linux; mechlab's server only): "main", V8's helpers, libuv's pool, workers. */
  threadsMs?: Record<string, number>;
  rssMB: number;
  /** V8 heap in use (mechlab's server only). */
  heapMB?: number;
  /** Event-loop delay since the previous stats call (mechlab's server only): p99 and max, ms. */
  loopDelayMs?: { p99: number; max: number };
  events?: number;
  accepted?: number;
  /** Accepted commands by kind (the event log's `command`), as `accepted`. */
  acceptedByCommand?: Record<string, number>;
  /** The writer's transactions and the write requests they held (group commit). */
  transactions?: number;
  requests?: number;
}

/** A server process that prints "PORT n" and answers "stats" on stdin with "STATS {json}". */
async function startServer(script: string, args: string[], env: Record<string, string>, nodeFlags: string[] = []) {
  const proc = spawn(process.execPath, [...nodeFlags, "--import", "tsx", script, ...args], { env: { ...process.env, ...env }, stdio: ["pipe", "pipe", "inherit"] });
  const waiting: ((s: ServerStats) => void)[] = [];
  const profiled: (() => void)[] = [];
  const port: number = await new Promise((res, rej) => {
    createInterface({ input: proc.stdout! }).on("line", (line) => {
      const m = /^PORT (\d+)/.exec(line);
      if (line.startsWith("PROFILE ")) profiled.shift()?.();
      else if (!m && !line.startsWith("STATS ") && process.env.BENCH_SERVER_OUT) appendFileSync(process.env.BENCH_SERVER_OUT, `${line}\n`);
      if (m) res(Number(m[1]));
      if (line.startsWith("STATS ")) waiting.shift()?.(JSON.parse(line.slice(6)) as ServerStats);
    });
    proc.on("exit", (c) => rej(new Error(`${script} exited ${c}`)));
  });
  return {
    proc,
    base: `http://127.0.0.1:${port}`,
    stats: () =>
      new Promise<ServerStats>((res) => {
        waiting.push(res);
        proc.stdin!.write("stats\n");
      }),
    /** The load server's main-thread profiler (bench/load-server.ts): "start", or "stop file". */
    profile: (cmd: string) =>
      new Promise<void>((res) => {
        profiled.push(res);
        proc.stdin!.write(`profile ${cmd}\n`);
      }),
    stop: () =>
      new Promise<void>((res) => {
        proc.once("exit", () => res());
        proc.kill("SIGTERM");
      }),
  };
}

/**
 * Wait until the server is idle (less than 50 ms of CPU in 500 ms, at most 10 s): work left from its
 * start and from creating the sessions (e.g. the solver worker starting and loading its modules) must not
 * count as CPU of the load.
 */
async function settle(stats: () => Promise<ServerStats>): Promise<ServerStats> {
  let last = await stats();
  for (let k = 0; k < 20; k++) {
    await new Promise((r) => setTimeout(r, 500));
    const now = await stats();
    if (now.cpuMs - last.cpuMs < 50) return now;
    last = now;
  }
  return last;
}

/** Run the clients in CLIENT_PROCS processes (tokens dealt round-robin) and merge their results. */
async function runLoad(base: string, tokens: string[]): Promise<ClientResult> {
  if (!/^http:\/\/127\.0\.0\.1:/.test(base)) throw new Error("loopback only");
  const startAt = Date.now() + 500 + 100 * CLIENT_PROCS; // time for the client processes to start
  const jobs = Array.from({ length: CLIENT_PROCS }, (_, k): ClientJob => ({
    base,
    tokens: tokens.map((token, i) => ({ i, token })).filter(({ i }) => i % CLIENT_PROCS === k),
    startAt,
    rampMs: RAMP_MS,
    thinkMinMs: THINK_MIN,
    thinkMaxMs: THINK_MAX,
    timeoutMs: TIMEOUT_MS,
    viewsInAcks: VIEWS_IN_ACKS,
  }));
  const results = await Promise.all(jobs.map((job) => runClientProcess(job)));
  const merged: ClientResult = { outcome: "ok", latencies: [], views: 0, viewsInAcks: 0, sent: 0, acked: 0, rejected: 0, unacked: 0, connectErrors: [], rejections: [], stuck: [], firstSendAt: Infinity, lastDoneAt: 0 };
  for (const r of results) {
    if (r.outcome !== "ok") merged.outcome = r.outcome;
    for (const x of r.latencies) merged.latencies.push(x);
    merged.sent += r.sent;
    merged.views += r.views;
    merged.viewsInAcks += r.viewsInAcks;
    merged.acked += r.acked;
    merged.rejected += r.rejected;
    merged.unacked += r.unacked;
    merged.connectErrors.push(...r.connectErrors);
    merged.rejections.push(...r.rejections);
    merged.stuck.push(...r.stuck);
    merged.firstSendAt = Math.min(merged.firstSendAt, r.firstSendAt || Infinity);
    merged.lastDoneAt = Math.max(merged.lastDoneAt, r.lastDoneAt);
  }
  return merged;
}

function runClientProcess(job: ClientJob): Promise<ClientResult> {
  return new Promise((res, rej) => {
    const p: ChildProcess = spawn(process.execPath, ["--import", "tsx", "bench/load-clients.ts", "--job-on-stdin"], { stdio: ["pipe", "pipe", "inherit"] });
    let result: ClientResult | null = null;
    createInterface({ input: p.stdout! }).on("line", (line) => {
      if (line.startsWith("RESULT ")) result = JSON.parse(line.slice(7)) as ClientResult;
    });
    p.on("exit", (c) => (result ? res(result) : rej(new Error(`client process exited ${c} without a result`))));
    p.stdin!.end(JSON.stringify(job));
  });
}

interface Row {
  server: string;
  database: string;
  participants: number;
  outcome: string;
  wallSeconds: number;
  actionsSent: number;
  acked: number;
  rejected: number;
  unacked: number;
  lostDecisions: number | null;
  decisionsExpected: number;
  ackP50ms: number;
  ackP95ms: number;
  ackP99ms: number;
  ackMaxms: number;
  serverRssMB: number;
  serverHeapMB: number | null;
  /** How long the server's event loop was blocked during the load: p99 and max (ms). */
  serverLoopDelayP99ms: number | null;
  serverLoopDelayMaxms: number | null;
  serverCpuSeconds: number;
  /** Of which the main thread (the rest: V8's garbage-collection and compiler threads, libuv's pool). */
  mainThreadCpuSeconds: number | null;
  /** The load's CPU seconds by thread name (mechlab's server on Linux), e.g. V8's compiler and GC helpers. */
  threadCpuSeconds: Record<string, number> | null;
  cpuMsPerAck: number;
  commandsAccepted: number | null;
  /** Of which by kind (action, intro, connect, disconnect, …). */
  commandsByKind: Record<string, number> | null;
  cpuMsPerCommand: number | null;
  viewsReceived: number;
  viewsInAcks: number;
  writeRequestsPerTransaction: number | null;
  loadAvg: string;
  /** Why the run did not finish (absent when every participant played every action and each was answered). */
  unfinished?: string;
  /** PostgreSQL: CPU of the database's own processes during the load (s; a lower bound, bench/postgres-cpu.ts). */
  databaseCpuSeconds?: number | null;
}

function threadDelta(before: Record<string, number> | undefined, after: Record<string, number> | undefined): Record<string, number> | null {
  if (!before || !after) return null;
  const out: Record<string, number> = {};
  for (const [name, ms] of Object.entries(after)) {
    const s = (ms - (before[name] ?? 0)) / 1000;
    if (s >= 0.01) out[name] = Math.round(s * 100) / 100;
  }
  return out;
}

function row(server: string, database: string, r: ClientResult, before: ServerStats, after: ServerStats, stored: number | null): Row {
  const cpu = after.cpuMs - before.cpuMs;
  const commands = after.accepted !== undefined && before.accepted !== undefined ? after.accepted - before.accepted : null;
  const expected = N * ROUNDS;
  const actions = N * 2 * ROUNDS; // a decision and the results screen's "next" per round
  const why = [
    ...(r.outcome !== "ok" ? ["timed out"] : []),
    ...(r.acked < actions ? [`${actions - r.acked} of ${actions} actions not answered`] : []),
    ...(r.connectErrors.length ? [`connection errors: ${r.connectErrors.slice(0, 3).join(", ")}`] : []),
  ];
  return {
    ...(why.length ? { unfinished: why.join("; ") } : {}),
    server,
    database,
    participants: N,
    outcome: r.outcome,
    // no client finished (a run that timed out): no wall time to give
    wallSeconds: r.lastDoneAt > 0 && Number.isFinite(r.firstSendAt) ? (r.lastDoneAt - r.firstSendAt) / 1000 : NaN,
    actionsSent: r.sent,
    acked: r.acked,
    rejected: r.rejected,
    unacked: r.unacked,
    lostDecisions: stored === null ? null : expected - stored,
    decisionsExpected: expected,
    ackP50ms: pct(r.latencies, 50),
    ackP95ms: pct(r.latencies, 95),
    ackP99ms: pct(r.latencies, 99),
    ackMaxms: pct(r.latencies, 100),
    serverRssMB: after.rssMB,
    serverHeapMB: after.heapMB ?? null,
    serverLoopDelayP99ms: after.loopDelayMs?.p99 ?? null,
    serverLoopDelayMaxms: after.loopDelayMs?.max ?? null,
    serverCpuSeconds: cpu / 1000,
    mainThreadCpuSeconds: after.mainCpuMs != null && before.mainCpuMs != null ? (after.mainCpuMs - before.mainCpuMs) / 1000 : null,
    threadCpuSeconds: threadDelta(before.threadsMs, after.threadsMs),
    cpuMsPerAck: cpu / Math.max(1, r.acked),
    commandsAccepted: commands,
    commandsByKind: after.acceptedByCommand ? Object.fromEntries(Object.entries(after.acceptedByCommand).map(([k, n]) => [k, n - (before.acceptedByCommand?.[k] ?? 0)])) : null,
    cpuMsPerCommand: commands ? cpu / commands : null,
    viewsReceived: r.views,
    viewsInAcks: r.viewsInAcks,
    writeRequestsPerTransaction: after.transactions !== undefined && before.transactions !== undefined ? (after.requests! - before.requests!) / Math.max(1, after.transactions - before.transactions) : null,
    loadAvg: loadavg().map((x) => x.toFixed(1)).join(" "),
  };
}

function report(r: ClientResult) {
  if (r.connectErrors.length) console.log(`connect errors: ${r.connectErrors.join(" | ")}`);
  if (r.rejections.length) console.log(`rejected: ${r.rejections.join(" | ")}`);
  if (r.stuck.length) console.log(`stuck:\n${r.stuck.join("\n")}`);
}

async function baseline(): Promise<Row> {
  const server = await startServer("bench/echo-server.ts", ["--rounds", String(ROUNDS)], {});
  const tokens = Array.from({ length: N }, (_, i) => `baseline-${i}`);
  if (WARMUP) await runLoad(server.base, tokens.map((t) => `warm-${t}`));
  const before = await settle(server.stats);
  const r = await runLoad(server.base, tokens);
  const after = await server.stats();
  await server.stop();
  report(r);
  return row("bare Socket.IO", "-", r, before, after, null);
}

async function mechlab(): Promise<Row> {
  const pg = process.env.BENCH_PG_URL ? await freshPostgres(process.env.BENCH_PG_URL) : null;
  const prof = process.env.BENCH_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROF === "1" ? "/tmp/prof" : process.env.BENCH_PROF}`] : [];
  const server = await startServer("bench/load-server.ts", [], { ADMIN_PASSWORD: PASSWORD, NODE_ENV: "production", ...(pg ? { BENCH_DATABASE_URL: pg.url } : {}) }, [...prof, ...(process.env.BENCH_NODE_FLAGS ?? "").split(" ").filter(Boolean)]);
  const base = server.base;
  const json = { "content-type": "application/json", "x-mechlab-csrf": "1" };
  const login = await fetch(`${base}/api/admin/login`, { method: "POST", headers: json, body: JSON.stringify({ password: PASSWORD }) });
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
  const treatment = loadTreatment("load test", SESSION, ROUNDS);
  const tokens: string[] = [];
  /** The sessions of the measured load (the warm-up's come after them). */
  const measured: string[] = [];
  for (let k = 0; k < Math.ceil(N / SESSION) * (WARMUP ? 2 : 1); k++) {
    const r = await fetch(`${base}/api/admin/sessions`, { method: "POST", headers: { ...json, cookie }, body: JSON.stringify({ treatment }) });
    const { session } = (await r.json()) as { session: { id: string } };
    if (k < Math.ceil(N / SESSION)) measured.push(session.id);
    const d = (await (await fetch(`${base}/api/admin/sessions/${session.id}`, { headers: { cookie } })).json()) as { links: { path: string }[] };
    tokens.push(...d.links.map((l) => l.path.slice(3)));
  }
  const sessionTokens = Math.ceil(N / SESSION) * SESSION;
  if (WARMUP) {
    const w = await runLoad(base, tokens.slice(sessionTokens, sessionTokens + N));
    if (w.outcome !== "ok") console.log("warm-up load did not finish");
  }
  const before = await settle(server.stats);
  const pgBefore = pg ? postgresCpuMs() : null;
  // BENCH_LOAD_MARK=file: "start" and "end" are written to it around the measured load (to profile only the load)
  const mark = (what: string) => {
    if (process.env.BENCH_SERVER_OUT) appendFileSync(process.env.BENCH_SERVER_OUT, `=== ${what}\n`);
    if (process.env.BENCH_LOAD_MARK) writeFileSync(process.env.BENCH_LOAD_MARK, what);
  };
  const watching = MONITORS ? await watchSessions(base, cookie, measured) : null;
  const loadProf = process.env.BENCH_LOAD_PROF;
  if (loadProf) await server.profile("start");
  mark("start");
  const r = await runLoad(base, tokens.slice(0, N));
  const after = await server.stats();
  const pgAfter = pg ? postgresCpuMs() : null;
  mark("end");
  if (watching) {
    for (const s of watching.sockets) s.close();
    console.log(`monitors: ${watching.sockets.length} sockets received ${watching.pushes.admin} monitor pushes (${(watching.bytes.admin / 2 ** 20).toFixed(1)} MiB) and ${watching.pushes.projector} room-screen pushes (${(watching.bytes.projector / 2 ** 20).toFixed(1)} MiB)`);
  }
  if (loadProf) await server.profile(`stop ${loadProf}`);
  // decisions stored: one PlayerRound row per participant per round
  let stored = 0;
  for (const id of measured) {
    const csv = await (await fetch(`${base}/api/admin/sessions/${id}/export/data.csv`, { headers: { cookie } })).text();
    stored += csv.trim().split("\r\n").length - 1;
  }
  await server.stop();
  if (pg) await pg.drop();
  report(r);
  const out = row("mechlab", pg ? "postgresql" : "sqlite", r, before, after, stored);
  if (pg) out.databaseCpuSeconds = (postgresCpuDeltaMs(pgBefore, pgAfter) ?? NaN) / 1000;
  return out;
}

/** One monitor and one room's screen per session (--monitors), counting what they receive. */
async function watchSessions(base: string, cookie: string, ids: readonly string[]) {
  const sockets: Socket[] = [];
  const pushes = { admin: 0, projector: 0 };
  const bytes = { admin: 0, projector: 0 };
  for (const id of ids)
    for (const kind of ["admin", "projector"] as const) {
      const s = ioc(base, { transports: ["websocket"], auth: { admin: true }, extraHeaders: { cookie, origin: base }, forceNew: true, reconnection: false });
      sockets.push(s);
      s.on(`${kind}:view`, (msg: unknown) => {
        pushes[kind]++;
        bytes[kind] += JSON.stringify(msg).length;
      });
      await new Promise<void>((res, rej) => {
        s.once("connect_error", rej);
        s.once("connect", () => s.emit(`${kind}:watch`, { sessionId: id }, (ack: { ok: boolean }) => (ack.ok ? res() : rej(new Error(`${kind}:watch refused`)))));
      });
    }
  return { sockets, pushes, bytes };
}

const fmt = (x: number | null, d = 1) => (x === null || Number.isNaN(x) ? "–" : x.toFixed(d));
const line = (r: Row) =>
  `| ${r.server} | ${r.database} | ${r.participants} | ${fmt(r.ackP50ms)} / ${fmt(r.ackP95ms)} / ${fmt(r.ackP99ms)} / ${fmt(r.ackMaxms)} ms | ${r.acked}/${r.actionsSent} acked, ${r.unacked} unacked | ${r.lostDecisions === null ? "–" : `${r.lostDecisions} of ${r.decisionsExpected}`} | ${fmt(r.serverCpuSeconds)} s (main thread ${r.mainThreadCpuSeconds === null ? "–" : `${fmt(r.mainThreadCpuSeconds)} s`}) | ${fmt(r.cpuMsPerAck, 2)} ms | ${fmt(r.cpuMsPerCommand, 2)} ms | ${r.viewsReceived} + ${r.viewsInAcks} | ${fmt(r.writeRequestsPerTransaction, 1)} | ${fmt(r.wallSeconds)} s | ${r.serverLoopDelayP99ms === null || r.serverLoopDelayMaxms === null ? "–" : `${fmt(r.serverLoopDelayP99ms)} / ${fmt(r.serverLoopDelayMaxms)} ms`} | ${fmt(r.serverRssMB, 0)} MB | ${r.loadAvg} |`;

async function main() {
  console.log(`${N} participants, sessions of ${SESSION}, ${ROUNDS} rounds, think ${THINK_MIN}–${THINK_MAX} ms, 50 connections per ${RAMP_MS} ms, ${CLIENT_PROCS} client process(es)${WARMUP ? ", after a warm-up load on other sessions" : ""}`);
  const rows: Row[] = [];
  if (BASELINE) rows.push(await baseline());
  rows.push(await mechlab());
  for (const r of rows) console.log(JSON.stringify(r));
  console.log("| server | database | participants | ack p50 / p95 / p99 / max | acked | lost | server CPU in load | CPU per ack | CPU per accepted command | view messages + views in acks | writes per transaction | wall | event-loop delay p99 / max | RSS | load avg 1/5/15 min |");
  console.log("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
  for (const r of rows) console.log(line(r));
  const [b, m] = rows.length === 2 ? rows : [null, rows[0]!];
  if (b && m) console.log(`ratio mechlab / baseline: p50 ${fmt(m.ackP50ms / b.ackP50ms)}x, p99 ${fmt(m.ackP99ms / b.ackP99ms)}x, CPU per ack ${fmt(m.cpuMsPerAck / b.cpuMsPerAck)}x`);
  if (m!.commandsByKind)
    console.log(`accepted commands of the load: ${m!.commandsAccepted} (${Object.entries(m!.commandsByKind).filter(([, n]) => n > 0).sort((x, y) => y[1] - x[1]).map(([k, n]) => `${k} ${n}`).join(", ")})`);
  if (m!.databaseCpuSeconds != null && Number.isFinite(m!.databaseCpuSeconds)) {
    const db = m!.databaseCpuSeconds;
    const per = m!.commandsAccepted ? ` (${fmt((db * 1000) / m!.commandsAccepted, 2)} ms per accepted command; mechlab and PostgreSQL together ${fmt(((m!.serverCpuSeconds + db) * 1000) / m!.commandsAccepted, 2)} ms)` : "";
    console.log(`PostgreSQL's own processes during the load: ${fmt(db, 1)} s of CPU${per}; not in the table's server CPU`);
  }
  const checks = checkTargets(m!, b, SESSION);
  console.log(`targets (issue 13; docs/benchmarks.md):\n${formatChecks(checks)}`);
  for (const r of rows) if (r.unfinished) console.log(`${r.server}: the run did not finish: ${r.unfinished}`);
  // exit status 1 when the run did not finish or lost a decision, or a target of its shape is not met
  const ok = rows.every((r) => r.unfinished === undefined && r.unacked === 0) && m!.lostDecisions === 0 && checks.every((c) => c.met);
  if (!ok) console.log("exit status 1: the run did not finish, or a target above is NOT met");
  process.exit(ok ? 0 : 1);
}
void main();
