/**
 * One server process against several (PostgreSQL + Redis, server/cluster/) under the same load: N simulated
 * participants (bench/load-clients.ts) play 20-seat IDS sessions like bench/socket-load.ts. With K processes,
 * session k is created on process k mod K (which then owns it) and participant i connects to process
 * i mod K, as an ordinary round-robin load balancer would spread them: most intents reach a process that
 * does not own their session and are forwarded to the owner. Reports acked decisions per second, ack
 * latency percentiles, lost acked actions (acked but not in the event log as accepted), the per-round rows
 * stored of those expected (fewer when the run timed out) and the servers' CPU.
 *
 *   BENCH_PG_URL=postgresql://postgres@127.0.0.1:5432/postgres BENCH_REDIS_URL=redis://127.0.0.1:6379 \
 *     node --import tsx bench/cluster-load.ts --participants 2000 --processes 3 [--redis 1]
 * `--processes 1` runs one process without Redis unless `--redis 1`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { createInterface } from "node:readline";
import pg from "pg";
import { migrate } from "../server/db/migrate";
import { freshPostgres } from "../server/testing/harness";
import type { ClientJob, ClientResult } from "./load-clients";
import { loadTreatment } from "./load-treatment";
import { arg } from "./args";

const N = arg("participants", 2000);
const K = arg("processes", 3);
const USE_REDIS = K > 1 || arg("redis", 0) === 1;
const ROUNDS = arg("rounds", 3);
const SESSION = 20;
const CLIENT_PROCS = arg("client-procs", Math.max(2, Math.ceil(N / 1000)));
const PASSWORD = "bench-password";
const PG_URL = process.env.BENCH_PG_URL;
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
if (!PG_URL) throw new Error("set BENCH_PG_URL=postgresql://postgres@127.0.0.1:5432/postgres (and BENCH_REDIS_URL for several processes)");

const pct = (xs: number[], p: number) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
};
const cpuMs = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // utime + stime in clock ticks (100/s)
};

function startNode(env: Record<string, string>): Promise<{ proc: ChildProcess; base: string }> {
  const proc = spawn(process.execPath, ["--import", "tsx", "server/testing/cluster-node.ts"], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((res, rej) => {
    createInterface({ input: proc.stdout! }).on("line", (line) => {
      const m = /^PORT (\d+)/.exec(line);
      if (m) res({ proc, base: `http://127.0.0.1:${m[1]}` });
    });
    proc.on("exit", (c) => rej(new Error(`server exited ${c}`)));
  });
}

function runClientProcess(job: ClientJob): Promise<ClientResult> {
  return new Promise((res, rej) => {
    const p = spawn(process.execPath, ["--import", "tsx", "bench/load-clients.ts", "--job-on-stdin"], { stdio: ["pipe", "pipe", "inherit"] });
    let result: ClientResult | null = null;
    createInterface({ input: p.stdout! }).on("line", (line) => {
      if (line.startsWith("RESULT ")) result = JSON.parse(line.slice(7)) as ClientResult;
    });
    p.on("exit", (c) => (result ? res(result) : rej(new Error(`client process exited ${c} without a result`))));
    p.stdin!.end(JSON.stringify(job));
  });
}

const db = await freshPostgres(PG_URL, "mechlab_cluster_bench");
await migrate(db.url);
const env: Record<string, string> = { DATABASE_URL: db.url, ADMIN_PASSWORD: PASSWORD, NODE_ENV: "production", MECHLAB_QUIET: "1" };
if (USE_REDIS) Object.assign(env, { REDIS_URL, MECHLAB_REDIS_PREFIX: `mechlab-bench-${process.pid}-${randomBytes(3).toString("hex")}:` });
else delete process.env.REDIS_URL;
const nodes = await Promise.all(Array.from({ length: K }, () => startNode(env)));
const json = { "content-type": "application/json", "x-mechlab-csrf": "1" };
const cookies = await Promise.all(
  nodes.map(async (n) => ((await fetch(`${n.base}/api/admin/login`, { method: "POST", headers: json, body: JSON.stringify({ password: PASSWORD }) })).headers.get("set-cookie") ?? "").split(";")[0]!),
);
const treatment = loadTreatment("cluster load", SESSION, ROUNDS);
const tokens: string[] = [];
for (let k = 0; k < Math.ceil(N / SESSION); k++) {
  const n = nodes[k % K]!;
  const cookie = cookies[k % K]!;
  const r = await fetch(`${n.base}/api/admin/sessions`, { method: "POST", headers: { ...json, cookie }, body: JSON.stringify({ treatment }) });
  const { session } = (await r.json()) as { session: { id: string } };
  const d = (await (await fetch(`${n.base}/api/admin/sessions/${session.id}`, { headers: { cookie } })).json()) as { links: { path: string }[] };
  tokens.push(...d.links.map((l) => l.path.slice(3)));
}
const before = nodes.map((n) => cpuMs(n.proc.pid!));
const startAt = Date.now() + 500 + 150 * CLIENT_PROCS;
// participant i goes to process i mod K (round robin); each client process takes every CLIENT_PROCS-th
const jobs: ClientJob[] = [];
for (let c = 0; c < CLIENT_PROCS; c++)
  for (let k = 0; k < K; k++) {
    const mine = tokens.map((token, i) => ({ i, token })).filter(({ i }) => i % K === k && Math.floor(i / K) % CLIENT_PROCS === c);
    if (mine.length) jobs.push({ base: nodes[k]!.base, tokens: mine, startAt, rampMs: 250, thinkMinMs: 500, thinkMaxMs: 3000, timeoutMs: 300_000 });
  }
const results = await Promise.all(jobs.map(runClientProcess));
const after = nodes.map((n) => cpuMs(n.proc.pid!));
const latencies = results.flatMap((r) => r.latencies);
const acked = results.reduce((s, r) => s + r.acked, 0);
const sent = results.reduce((s, r) => s + r.sent, 0);
const unacked = results.reduce((s, r) => s + r.unacked, 0);
const rejected = results.reduce((s, r) => s + r.rejected, 0);
const wall = (Math.max(...results.map((r) => r.lastDoneAt)) - Math.min(...results.map((r) => r.firstSendAt || Infinity))) / 1000;
const c = new pg.Client({ connectionString: db.url });
await c.connect();
const stored = Number((await c.query(`SELECT count(*) AS n FROM "PlayerRound"`)).rows[0].n);
// every acked action must be in the event log as accepted (the clients never send one twice)
const accepted = Number((await c.query(`SELECT count(DISTINCT "clientActionId") AS n FROM "ActionEvent" WHERE "command" = 'action' AND "accepted"`)).rows[0].n);
const owners = (await c.query(`SELECT "owner", count(*)::int AS n FROM "SessionLease" GROUP BY 1`)).rows.map((r: { n: number }) => r.n);
await c.end();
const outcome = results.every((r) => r.outcome === "ok") ? "ok" : "timeout";
for (const r of results) if (r.rejections.length || r.stuck.length || r.connectErrors.length) console.log(JSON.stringify({ rejections: r.rejections, stuck: r.stuck, connectErrors: r.connectErrors }));
console.log(
  JSON.stringify({
    processes: K,
    redis: USE_REDIS,
    participants: N,
    outcome,
    sessionsPerProcess: owners,
    wallSeconds: Math.round(wall * 10) / 10,
    sent,
    acked,
    rejected,
    unacked,
    ackedPerSecond: Math.round(acked / wall),
    lostAckedActions: Math.max(0, acked - accepted),
    acceptedActions: accepted,
    roundRowsStored: `${stored} of ${N * ROUNDS}`,
    ackP50ms: Math.round(pct(latencies, 50) * 10) / 10,
    ackP95ms: Math.round(pct(latencies, 95) * 10) / 10,
    ackP99ms: Math.round(pct(latencies, 99) * 10) / 10,
    ackMaxms: Math.round(pct(latencies, 100) * 10) / 10,
    serverCpuSeconds: after.map((a, k) => Math.round((a - before[k]!) / 100) / 10),
    loadAvg: loadavg().map((x) => x.toFixed(1)).join(" "),
  }),
);
await Promise.all(nodes.map((n) => new Promise<void>((r) => (n.proc.once("exit", () => r()), n.proc.kill("SIGTERM")))));
await db.drop();
process.exit(0);
