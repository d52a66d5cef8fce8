/**
 * Load harness: N simulated participants (real socket.io clients in this process) play IDS sessions
 * against a server in a separate process on loopback. Reports decision-ack latency percentiles, lost
 * decisions (acked but not stored, or never acked) and the server's CPU time and memory.
 *
 *   node --import tsx bench/socket-load.ts --participants 200 [--rounds 3] [--session-size 20]
 */
import { spawn } from "node:child_process";
import { io as ioc, type Socket } from "socket.io-client";
import type { ParticipantView } from "../lib/engine/views";
import { freshPostgres } from "../server/testing/harness";

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg("participants", 200);
const ROUNDS = arg("rounds", 3);
const SESSION = arg("session-size", 20);
const GROUP = 4;
const RAMP_MS = arg("ramp-ms", 250);
const THINK_MIN = arg("think-min-ms", 500);
const THINK_MAX = arg("think-max-ms", 3000);
const PASSWORD = "bench-password";

function pct(xs: number[], p: number) {
  if (!xs.length) return NaN;
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

async function main() {
  // BENCH_PG_URL=postgresql://postgres@127.0.0.1:5432/postgres runs the server on a fresh PostgreSQL database
  const pg = process.env.BENCH_PG_URL ? await freshPostgres(process.env.BENCH_PG_URL) : null;
  const server = spawn(process.execPath, [...(process.env.BENCH_PROF ? ["--cpu-prof", "--cpu-prof-dir=/tmp/prof"] : []), "--import", "tsx", "bench/load-server.ts"], {
    env: { ...process.env, ADMIN_PASSWORD: PASSWORD, NODE_ENV: "production", ...(pg ? { BENCH_DATABASE_URL: pg.url } : {}) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port: number = await new Promise((res, rej) => {
    server.stdout!.on("data", (d: Buffer) => {
      const m = /PORT (\d+)/.exec(d.toString());
      if (m) res(Number(m[1]));
    });
    server.on("exit", (c) => rej(new Error(`server exited ${c}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  if (!/^http:\/\/127\.0\.0\.1:/.test(base)) throw new Error("loopback only");
  const json = { "content-type": "application/json", "x-mechlab-csrf": "1" };
  const login = await fetch(`${base}/api/admin/login`, { method: "POST", headers: json, body: JSON.stringify({ password: PASSWORD }) });
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
  const alpha = Array(GROUP).fill(10);
  const W = alpha.map((_, i) => alpha.map((__, j) => (i === j ? 1 : 0.3)));
  const treatment = {
    name: "load test",
    game: "ids-investment",
    groups: SESSION / GROUP,
    params: { alpha, W, c: Array(GROUP).fill(1), xMax: 5, rounds: ROUNDS, decisionSeconds: null, resultsSeconds: null },
    intro: { quiz: [] },
    dropout: { policy: "wait" },
  };
  const tokens: string[] = [];
  for (let k = 0; k < Math.ceil(N / SESSION); k++) {
    const r = await fetch(`${base}/api/admin/sessions`, { method: "POST", headers: { ...json, cookie }, body: JSON.stringify({ treatment }) });
    const { session } = (await r.json()) as { session: { id: string } };
    const d = (await (await fetch(`${base}/api/admin/sessions/${session.id}`, { headers: { cookie } })).json()) as { links: { path: string }[] };
    tokens.push(...d.links.map((l) => l.path.slice(3)));
  }
  const latencies: number[] = [];
  const rejections: string[] = [];
  const stuckReport: (() => string)[] = [];
  const connectErrors: string[] = [];
  let acked = 0, rejected = 0, unacked = 0, sent = 0;
  const t0 = Date.now();
  const done: Promise<void>[] = [];
  const sockets: Socket[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const s = ioc(base, { transports: ["websocket"], auth: { token: tokens[i] }, forceNew: true, reconnection: false, timeout: 60_000 });
    sockets.push(s);
    s.on("connect_error", (e) => connectErrors.push(e.message));
    let busy = false;
    let step = "";
    done.push(
      new Promise<void>((resolve) => {
        let last: ParticipantView | null = null;
        const act = () => {
          const view = last;
          if (!view) return;
          if (view.stage === "done") return resolve();
          if (busy) return;
          let payload: unknown = null;
          let key = "";
          if (view.stage === "intro") {
            key = `intro-${view.introStep}`;
            if (key === step) return;
            step = key;
            s.emit("p:intro", { step: view.introStep }, () => {});
            return;
          }
          const play = view.play;
          if (!play || !play.myTurn) return;
          key = `${play.round}-${play.phase}`;
          if (key === step) return;
          step = key;
          payload = play.phase === "decide" ? { type: "invest", x: Math.round(Math.random() * 500) / 100 } : { type: "continue" };
          busy = true;
          const think = THINK_MIN + Math.random() * (THINK_MAX - THINK_MIN);
          setTimeout(() => {
            const start = performance.now();
            sent++;
            const timer = setTimeout(() => { unacked++; busy = false; act(); }, 10_000);
            s.emit("p:action", { clientActionId: `${tokens[i]}-${key}`, action: payload, at: { round: play.round, phase: play.phase, phaseSeq: play.phaseSeq } }, (ack: { ok: boolean; error?: { code: string; message: string } }) => {
              if (!ack.ok) rejections.push(`${key}: ${ack.error?.code} ${ack.error?.message}`);
              clearTimeout(timer);
              latencies.push(performance.now() - start);
              if (ack.ok) acked++;
              else rejected++;
              busy = false;
              act(); // a view that arrived while waiting for the ack may need an answer
            });
          }, think);
        };
        s.on("p:view", ({ view }: { view: ParticipantView }) => {
          last = view;
          act();
        });
        stuckReport.push(() => (last?.stage === "done" ? "" : `${i}: ${last ? `${last.stage}/${last.introStep}/${last.play?.round}/${last.play?.phase}/turn=${last.play?.myTurn}/pending=${last.play?.pendingCount} waiting=${JSON.stringify(last.waiting)}` : "no view"} busy=${busy} step=${step} connected=${s.connected}`));
      }),
    );
    if (i % 50 === 49) await new Promise((r) => setTimeout(r, RAMP_MS)); // 50 connections per RAMP_MS
  }
  const timeout = new Promise<"timeout">((r) => setTimeout(() => r("timeout"), Number(process.env.BENCH_TIMEOUT_MS ?? 180_000)));
  const outcome = await Promise.race([Promise.all(done).then(() => "ok" as const), timeout]);
  const wall = (Date.now() - t0) / 1000;
  for (let k = 0; k < 100 && acked + rejected + unacked < sent; k++) await new Promise((r) => setTimeout(r, 50));
  if (connectErrors.length) console.log(`connect errors: ${connectErrors.length}: ${[...new Set(connectErrors)].join(" | ")}`);
  if (outcome !== "ok") console.log(stuckReport.map((f) => f()).filter(Boolean).slice(0, 12).join("\n"));
  for (const s of sockets) s.close();
  // decisions stored: one PlayerRound row per participant per round
  let stored = 0;
  const list = (await (await fetch(`${base}/api/admin/sessions`, { headers: { cookie } })).json()) as { id: string }[];
  for (const sess of list) {
    const csv = await (await fetch(`${base}/api/admin/sessions/${sess.id}/export/data.csv`, { headers: { cookie } })).text();
    stored += csv.trim().split("\r\n").length - 1;
  }
  const usage = await new Promise<string>((res) => {
    const ps = spawn("ps", ["-o", "rss=,time=", "-p", String(server.pid)]);
    let out = "";
    ps.stdout.on("data", (d) => (out += d));
    ps.on("exit", () => res(out.trim()));
  });
  server.kill("SIGTERM");
  if (pg) {
    await new Promise((r) => server.once("exit", r));
    await pg.drop();
  }
  const expected = tokens.length * ROUNDS;
  const [rss, cpu] = usage.split(/\s+/);
  const row = {
    database: pg ? "postgresql" : "sqlite",
    participants: tokens.length,
    rounds: ROUNDS,
    outcome,
    wallSeconds: wall,
    actionsSent: sent,
    acked,
    rejected,
    unacked,
    decisionsStored: stored,
    decisionsExpected: expected,
    lostDecisions: expected - stored,
    ackP50ms: pct(latencies, 50),
    ackP95ms: pct(latencies, 95),
    ackP99ms: pct(latencies, 99),
    ackMaxms: pct(latencies, 100),
    serverRssMB: Number(rss) / 1024,
    serverCpuTime: cpu,
  };
  console.log(JSON.stringify(row));
  if (rejections.length) console.log(`rejected: ${rejections.slice(0, 5).join(" | ")}`);
  console.log(
    `| ${row.participants} | ${row.rounds} | ${row.ackP50ms.toFixed(1)} / ${row.ackP95ms.toFixed(1)} / ${row.ackP99ms.toFixed(1)} / ${row.ackMaxms.toFixed(1)} ms | ${row.acked}/${row.actionsSent} acked, ${row.unacked} unacked | ${row.lostDecisions} of ${row.decisionsExpected} | ${row.wallSeconds.toFixed(1)} s | ${row.serverRssMB.toFixed(0)} MB, CPU ${row.serverCpuTime} |`,
  );
  process.exit(outcome === "ok" && row.lostDecisions === 0 ? 0 : 1);
}
void main();
