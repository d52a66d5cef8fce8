/**
 * What one accepted command costs as a session grows (issue 13: one session of 1,000 seats).
 *
 *   node --import tsx bench/seat-copy.ts [--seats 20,1000,5000] [--copies 2000]
 *
 * 1. The participants map's copy-on-write per command: copying an n-key plain object and replacing one
 *    entry (what lib/engine/draft.ts did before the ChunkMap), `new Map(old)`, and a ChunkMap's
 *    `edit()` + `set` (lib/engine/chunk-map.ts: copies the chunk list and one chunk).
 * 2. The engine path of a decision in a session of n ≤ 1,000 bot seats (ids-investment, groups of 4): `reduce`,
 *    then the server's change scans `changedParts` (snapshot rows to write) and `affectedParticipants`
 *    (views to send), per command, over one round's decisions of every seat.
 * Uses only APIs that also existed before the change, so the same file measures an older checkout.
 */
import { createSessionState, loadTreatment, reduce, type LoadedTreatment, type SessionState } from "../lib/engine";
import { botMoves } from "../lib/engine/bots";
import { games } from "../lib/games/registry";
import { affectedParticipants, changedParts } from "../server/sessions/snapshot";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const SEATS = arg("seats", "20,1000,5000").split(",").map(Number);
const COPIES = Number(arg("copies", "2000"));
const GROUP = 4;

function participant(i: number) {
  return { id: `p${i}`, seat: i, label: null, claimed: true, bot: false, stage: "playing", history: [], recentActionIds: [] as string[] };
}

/** µs per copy-and-replace-one, median of 5 runs of COPIES copies each. */
function perCopy(run: () => void): number {
  const times: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    for (let i = 0; i < COPIES; i++) run();
    times.push(((performance.now() - t0) * 1000) / COPIES);
  }
  return times.sort((a, b) => a - b)[2]!;
}

async function copyCosts(n: number) {
  const record = JSON.parse(JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i}`, participant(i)])))) as Record<string, ReturnType<typeof participant>>;
  let obj = record;
  let k = 0;
  const objectSpread = perCopy(() => {
    const key = `p${k++ % n}`;
    const c = { ...obj };
    c[key] = { ...c[key]! };
    obj = c;
  });
  let map = new Map(Object.entries(record));
  const mapCopy = perCopy(() => {
    const key = `p${k++ % n}`;
    const c = new Map(map);
    c.set(key, { ...c.get(key)! });
    map = c;
  });
  // the ChunkMap exists from this change on; an older checkout has no lib/engine/chunk-map.ts
  let chunked: number | null = null;
  try {
    const { ChunkMap } = await import("../lib/engine/chunk-map");
    let cm = ChunkMap.fromRecord(record);
    chunked = perCopy(() => {
      const key = `p${k++ % n}`;
      const c = cm.edit();
      c.set(key, { ...c.get(key)! });
      cm = c;
    });
  } catch {
    chunked = null;
  }
  return { objectSpread, mapCopy, chunked };
}

/** n bot seats of ids-investment in groups of 4, untimed: every seat decides once per round. */
function treatment(n: number): LoadedTreatment {
  const alpha = Array(GROUP).fill(10);
  const r = loadTreatment(
    {
      name: "seat-copy",
      game: "ids-investment",
      groups: n / GROUP,
      params: { alpha, W: alpha.map((_, i) => alpha.map((__, j) => (i === j ? 1 : 0.3))), c: Array(GROUP).fill(1), xMax: 5, rounds: 3, decisionSeconds: null, resultsSeconds: null },
      intro: { quiz: [] },
      bots: { seats: Array(n).fill("random"), delayMs: 0 },
    },
    games,
  );
  if (!r.ok) throw new Error(r.errors.join("; "));
  return r.value;
}

function engineCost(n: number) {
  const lt = treatment(n);
  const ids = Array.from({ length: n }, (_, i) => `p${i + 1}`);
  let s: SessionState = createSessionState(lt, { id: "bench", seed: "seat-copy", nowMs: 0, participantIds: ids, completionCodes: ids.map((i) => `c-${i}`) }).state;
  const moves = botMoves(s, lt, 1000);
  if (moves.length < n / 2) throw new Error(`expected a decision per seat, got ${moves.length}`);
  let reduceMs = 0;
  let scanMs = 0;
  let commands = 0;
  let now = 1000;
  for (const m of moves) {
    now++;
    const t0 = performance.now();
    const r = reduce(s, lt, { kind: "action", pid: m.pid, clientActionId: m.clientActionId, action: m.action, byBot: true, at: m.at }, now);
    const t1 = performance.now();
    if (!r.ok) continue;
    changedParts(s, r.state);
    affectedParticipants(s, r.state);
    const t2 = performance.now();
    reduceMs += t1 - t0;
    scanMs += t2 - t1;
    commands++;
    s = r.state;
  }
  return { commands, reduceUs: (reduceMs * 1000) / commands, scanUs: (scanMs * 1000) / commands };
}

const fmt = (x: number | null) => (x === null ? "–" : x.toFixed(x < 10 ? 2 : 1));
console.log(`seat-copy: ${COPIES} copies per run (median of 5); load average ${(await import("node:os")).loadavg().map((x) => x.toFixed(2)).join(" / ")}`);
engineCost(SEATS[0]!); // warm-up (JIT), not printed
console.log("| seats | copy + replace one (µs): plain object | new Map | ChunkMap edit + set | engine per decision (µs): reduce | change scans | decisions |");
console.log("|---|---|---|---|---|---|---|");
for (const n of SEATS) {
  const c = await copyCosts(n);
  // a session has at most 1,000 seats (lib/engine/treatment.ts): larger sizes measure the copy alone
  const e = n <= 1000 ? engineCost(n) : null;
  console.log(`| ${n} | ${fmt(c.objectSpread)} | ${fmt(c.mapCopy)} | ${fmt(c.chunked)} | ${fmt(e?.reduceUs ?? null)} | ${fmt(e?.scanUs ?? null)} | ${e?.commands ?? "–"} |`);
}
