/**
 * `npm run bench -- study-export`: the study-wide export streams in constant memory.
 * Fills a fresh SQLite database with one session of N player-rounds (default 1,000,000: 10,000
 * participants × 100 rounds, groups of 2 with their round records), then streams the long and the wide
 * CSV to a counting sink and reports time, rows/s, the heap the export retains (measured after a forced
 * GC every 50 chunks; constant memory means this does not grow with N), the peaks of the heap in use,
 * the heap V8 reserved and the process's anonymous memory (RssAnon: heap plus native memory of the
 * database driver, not the file cache), and how long the event loop waited (p99 and max).
 * Last, the long export once more without forced GCs, timing how late a 1-ms timer fires meanwhile
 * (what live sessions wait for while an export runs).
 * Run directly for options: `node --import tsx bench/study-export.ts [--rows N] [--long-only]
 * [--loop-only] [--db FILE]` (--db keeps the filled database in FILE and reuses it when it exists).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { migrate } from "../server/db/migrate";
import { writeStudyExport } from "../server/export/study";
import { SessionStore } from "../server/sessions/store";
import { makeWriter, type SqlStatement, type SqlValue, type SqlWriter } from "../server/db/writer";
import { arg } from "./args";

const ROWS = arg("rows", 1_000_000);
const dbIndex = process.argv.indexOf("--db");
const KEEP_DB = dbIndex >= 0 ? process.argv[dbIndex + 1] : undefined;
const ROUNDS = 100;
const PEOPLE = Math.max(2, Math.round(ROWS / ROUNDS / 2) * 2);
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as (() => void) | undefined;

/** Multi-row INSERTs through the server's SQL writer (Prisma's createMany is far slower here). */
async function insertRows(writer: SqlWriter, table: string, columns: string[], rows: SqlValue[][]) {
  const per = Math.floor(30_000 / columns.length);
  const stmts: SqlStatement[] = [];
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    stmts.push({
      sql: `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${chunk.map(() => `(${columns.map(() => "?").join(", ")})`).join(", ")}`,
      args: chunk.flat(),
    });
  }
  await writer.transaction(stmts);
}

async function fill(store: SessionStore, writer: SqlWriter, id: string) {
  const treatment = { name: "bench", game: "ids-investment", params: { alpha: [10, 10], W: [[1, 0.4], [0.4, 1]], c: [1, 1], rounds: ROUNDS } };
  await store.db.session.create({ data: { id, code: "BENCH", name: "bench", gameId: "ids-investment", treatmentJson: JSON.stringify(treatment), seed: "b", status: "ended", version: 1, stateJson: "{}" } });
  const now = new Date();
  for (let round = 1; round <= ROUNDS; round++) {
    const outcomes: SqlValue[][] = [];
    for (let g = 0; g < PEOPLE / 2; g++)
      outcomes.push([id, `g${g + 1}`, round, "none", "1", "{}", "{}", JSON.stringify({ total_cost: 3.2 + g / 1000, distance_to_so: 0.5 }), "{}", now]);
    await insertRows(writer, "RoundOutcome", ["sessionId", "groupId", "round", "mechanismId", "mechanismVer", "inputJson", "outputJson", "groupJson", "seedJson", "createdAt"], outcomes);
    const rows: SqlValue[][] = [];
    for (let p = 0; p < PEOPLE; p++)
      rows.push([
        id, `g${Math.floor(p / 2) + 1}`, round, `p${String(p).padStart(6, "0")}`, p, null, "user",
        JSON.stringify({ x: (p % 50) / 10 }), JSON.stringify({ risk: 1.25, cost: 2.5 + p / 1e5 }), 12.5, 1000 + p, false, false, now,
      ]);
    await insertRows(writer, "PlayerRound", ["sessionId", "groupId", "round", "participantId", "seat", "label", "role", "decisionJson", "outcomeJson", "payoff", "decisionMs", "timedOut", "isBot", "createdAt"], rows);
  }
}

/** Anonymous resident memory of this process in bytes (Linux; 0 elsewhere): heap and native allocations. */
function rssAnon(): number {
  try {
    return Number(/RssAnon:\s+(\d+)/.exec(readFileSync("/proc/self/status", "utf8"))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

async function measure(store: SessionStore, id: string, format: "long" | "wide") {
  gc?.();
  const base = { ...process.memoryUsage(), anon: rssAnon() };
  const peak = { heapUsed: 0, heapTotal: 0, rss: 0, anon: 0 };
  let bytes = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed - base.heapUsed);
    peak.heapTotal = Math.max(peak.heapTotal, m.heapTotal - base.heapTotal);
    peak.rss = Math.max(peak.rss, m.rss - base.rss);
    peak.anon = Math.max(peak.anon, rssAnon() - base.anon);
  };
  const timer = setInterval(sample, 50);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const t0 = performance.now();
  let chunks = 0;
  let retained = 0;
  const n = await writeStudyExport(store, [id], format, async (chunk) => {
    bytes += Buffer.byteLength(chunk);
    if (++chunks % 10 === 0) sample();
    // every 50 chunks: what the export holds on to (after a full GC), which must not grow with the rows
    if (gc && chunks % 50 === 0) {
      gc();
      retained = Math.max(retained, process.memoryUsage().heapUsed - base.heapUsed);
    }
  });
  const ms = performance.now() - t0;
  clearInterval(timer);
  loop.disable();
  sample();
  const mb = (x: number) => (x / 1048576).toFixed(1);
  console.log(
    `${format}: ${n.toLocaleString("en-US")} rows, ${mb(bytes)} MB of CSV in ${(ms / 1000).toFixed(1)} s (${Math.round((format === "long" ? n : n * ROUNDS) / (ms / 1000)).toLocaleString("en-US")} player-rounds/s); ` +
      `retained heap after GC at most +${gc ? mb(retained) : "? (run with --expose-gc)"} MB; peaks above start: heap used +${mb(peak.heapUsed)} MB, heap reserved +${mb(peak.heapTotal)} MB, ` +
      `RssAnon +${mb(peak.anon)} MB, RSS +${mb(peak.rss)} MB; event-loop delay p99 ${(loop.percentile(99) / 1e6).toFixed(0)} ms, max ${(loop.max / 1e6).toFixed(0)} ms (includes the forced GCs above and time the machine gave to other processes)`,
  );
}

/**
 * What live sessions feel while an export runs: the long export again, without the forced GCs of the
 * memory measurement, with the event loop's delay sampled every 10 ms (how late a timer, a socket
 * message or another request is served) and the longest gaps between two turns of the loop.
 */
async function measureLoop(store: SessionStore, id: string) {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const gaps: number[] = [];
  let last = performance.now();
  let running = true;
  const tick = () => {
    const now = performance.now();
    gaps.push(now - last);
    last = now;
    if (running) setTimeout(tick, 1);
  };
  setTimeout(tick, 1);
  loop.enable();
  const t0 = performance.now();
  const n = await writeStudyExport(store, [id], "long", async () => {});
  const ms = performance.now() - t0;
  running = false;
  loop.disable();
  gaps.sort((a, b) => a - b);
  const q = (p: number) => gaps[Math.min(gaps.length - 1, Math.floor(p * gaps.length))]!.toFixed(0);
  console.log(
    `loop (long, no forced GC): ${n.toLocaleString("en-US")} rows in ${(ms / 1000).toFixed(1)} s; a 1-ms timer waited p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${gaps.at(-1)!.toFixed(0)} ms ` +
      `(${gaps.length.toLocaleString("en-US")} turns); event-loop delay p99 ${(loop.percentile(99) / 1e6).toFixed(0)} ms, max ${(loop.max / 1e6).toFixed(0)} ms; load average ${loadavg().map((x) => x.toFixed(1)).join(" ")}`,
  );
}

const dir = mkdtempSync(join(tmpdir(), "mechlab-bench-"));
const file = KEEP_DB ?? join(dir, "bench.db");
const url = `file:${file}`;
try {
  const reuse = KEEP_DB !== undefined && existsSync(KEEP_DB);
  await migrate(url);
  const store = await SessionStore.open(url);
  if (reuse) console.log(`reusing ${KEEP_DB} (${(await store.db.playerRound.count()).toLocaleString("en-US")} player-rounds)`);
  else {
    const writer = await makeWriter(url);
    const t0 = performance.now();
    await fill(store, writer, "bench-session");
    await writer.close();
    console.log(`filled ${(PEOPLE * ROUNDS).toLocaleString("en-US")} player-rounds (${PEOPLE} participants × ${ROUNDS} rounds) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  if (!process.argv.includes("--loop-only")) {
    await measure(store, "bench-session", "long");
    if (!process.argv.includes("--long-only")) await measure(store, "bench-session", "wide");
  }
  await measureLoop(store, "bench-session");
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
