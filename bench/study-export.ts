/**
 * `npm run bench -- study-export [--rows N] [--long-only]`: the study-wide export streams in constant memory.
 * Fills a fresh SQLite database with one session of N player-rounds (default 1,000,000: 10,000
 * participants × 100 rounds, groups of 2 with their round records), then streams the long and the wide
 * CSV to a counting sink and reports time, rows/s, the heap the export retains (measured after a forced
 * GC every 50 chunks; constant memory means this does not grow with N) and the heap and RSS peaks.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrate } from "../server/db/migrate";
import { writeStudyExport } from "../server/export/study";
import { SessionStore } from "../server/sessions/store";
import { makeWriter, type SqlStatement, type SqlValue, type SqlWriter } from "../server/db/writer";

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const ROWS = arg("rows", 1_000_000);
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

async function measure(store: SessionStore, id: string, format: "long" | "wide") {
  gc?.();
  const base = process.memoryUsage();
  let peakHeap = 0;
  let peakRss = 0;
  let bytes = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed - base.heapUsed);
    peakRss = Math.max(peakRss, m.rss - base.rss);
  };
  const timer = setInterval(sample, 50);
  const t0 = performance.now();
  let chunks = 0;
  let retained = 0;
  const n = await writeStudyExport(store, [id], format, async (chunk) => {
    bytes += Buffer.byteLength(chunk);
    // every 50 chunks: what the export holds on to (after a full GC), which must not grow with the rows
    if (gc && ++chunks % 50 === 0) {
      gc();
      retained = Math.max(retained, process.memoryUsage().heapUsed - base.heapUsed);
    }
  });
  const ms = performance.now() - t0;
  clearInterval(timer);
  sample();
  const mb = (x: number) => (x / 1048576).toFixed(1);
  console.log(
    `${format}: ${n.toLocaleString("en-US")} rows, ${mb(bytes)} MB of CSV in ${(ms / 1000).toFixed(1)} s (${Math.round((format === "long" ? n : n * ROUNDS) / (ms / 1000)).toLocaleString("en-US")} player-rounds/s); retained heap after GC at most +${gc ? mb(retained) : "? (run with --expose-gc)"} MB, peak heap +${mb(peakHeap)} MB, peak RSS +${mb(peakRss)} MB`,
  );
}

const dir = mkdtempSync(join(tmpdir(), "mechlab-bench-"));
const url = `file:${join(dir, "bench.db")}`;
try {
  await migrate(url);
  const store = await SessionStore.open(url);
  const writer = await makeWriter(url);
  const t0 = performance.now();
  await fill(store, writer, "bench-session");
  await writer.close();
  console.log(`filled ${(PEOPLE * ROUNDS).toLocaleString("en-US")} player-rounds (${PEOPLE} participants × ${ROUNDS} rounds) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await measure(store, "bench-session", "long");
  if (!process.argv.includes("--long-only")) await measure(store, "bench-session", "wide");
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
