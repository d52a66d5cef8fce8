/**
 * Benchmark of the multi-defender SSG mechanisms (lib/mechanisms/ssg):
 *   node --import tsx bench/ssg-mechanisms.ts
 * Prints a markdown table (median / max per instance, PASS/FAIL against the targets) and exits 0.
 * Targets: NSE for n = 3, m = 10 under 1 s; CSW-Max (steps 2–3: every LP-t, selection and property
 * checks, given the NSE) for n = 10, m = 100 under 200 ms. Other rows are informational.
 */
import { makeRng, seedFrom } from "../lib/core/rng";
import { cswMax } from "../lib/mechanisms/ssg/csw-max";
import { solveLpTSimplex } from "../lib/mechanisms/ssg/lp-t";
import { trySolveNse, type Nse } from "../lib/mechanisms/ssg/nse";
import { randomInstance } from "../lib/mechanisms/ssg/testing";
import type { SsgInstance } from "../lib/mechanisms/ssg/model";

interface Row {
  name: string;
  count: number;
  times: number[];
  target: number | null;
  note: string;
}

function stats(ts: number[]) {
  const s = [...ts].sort((a, b) => a - b);
  const mid = s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  return { median: mid, max: s[s.length - 1]! };
}

function instances(seed: string, count: number, n: number, m: number, maxK: number): SsgInstance[] {
  const rng = makeRng(seedFrom(seed));
  return Array.from({ length: count }, () => randomInstance(rng, n, m, "generic", maxK));
}

function time<T>(f: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = f();
  return { ms: performance.now() - t0, value };
}

const rows: Row[] = [];

// warm-up (JIT)
for (const g of instances("bench-warmup", 5, 3, 10, 1)) trySolveNse(g);

for (const [label, maxK] of [["k_i ∈ {0,1}", 1], ["k_i ∈ {0,1,2}", 2]] as const) {
  const times: number[] = [];
  let failed = 0;
  const methods: Record<string, number> = {};
  for (const g of instances(`bench-nse-3-10-${maxK}`, 50, 3, 10, maxK)) {
    const { ms, value } = time(() => trySolveNse(g));
    times.push(ms);
    if (!value.ok) failed++;
    else methods[value.nse.method] = (methods[value.nse.method] ?? 0) + 1;
  }
  rows.push({ name: `NSE, n = 3, m = 10, ${label}`, count: times.length, times, target: 1000, note: `${failed} without certified NSE; ${JSON.stringify(methods)}` });
}

{
  const gs = instances("bench-csw-10-100", 20, 10, 100, 1);
  const nseTimes: number[] = [];
  const cswTimes: number[] = [];
  const solved: { g: SsgInstance; nse: Nse }[] = [];
  let failed = 0;
  for (const g of gs) {
    const { ms, value } = time(() => trySolveNse(g));
    nseTimes.push(ms);
    if (value.ok) solved.push({ g, nse: value.nse });
    else failed++;
  }
  for (const { g, nse } of solved.slice(0, 3)) cswMax(g, nse); // warm-up
  for (const { g, nse } of solved) cswTimes.push(time(() => cswMax(g, nse)).ms);
  rows.push({ name: "CSW-Max steps 2–3 (m LP-t + checks), n = 10, m = 100", count: cswTimes.length, times: cswTimes, target: 200, note: "given the NSE" });
  rows.push({ name: "NSE, n = 10, m = 100, k_i ∈ {0,1}", count: nseTimes.length, times: nseTimes, target: null, note: `informational; ${failed} without certified NSE` });
  rows.push({
    name: "CSW-Max incl. NSE, n = 10, m = 100",
    count: solved.length,
    times: solved.map((_, i) => (nseTimes[gs.indexOf(solved[i]!.g)] ?? 0) + (cswTimes[i] ?? 0)),
    target: null,
    note: "informational",
  });
  const lpTimes = solved.slice(0, 5).map(({ g, nse }) => time(() => solveLpTSimplex(g, nse.target, nse.defenderUtilities, 1e-6)).ms);
  rows.push({ name: "one LP-t with the simplex wrapper, n = 10, m = 100", count: lpTimes.length, times: lpTimes, target: null, note: "informational (cross-check path)" });
}

const lines = [
  `SSG mechanism benchmark — Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
  "",
  "| case | instances | median (ms) | max (ms) | target | result | notes |",
  "|---|---:|---:|---:|---:|---|---|",
];
for (const r of rows) {
  const { median, max } = stats(r.times);
  const verdict = r.target === null ? "info" : max < r.target ? "PASS" : "FAIL";
  lines.push(`| ${r.name} | ${r.count} | ${median.toFixed(2)} | ${max.toFixed(2)} | ${r.target === null ? "—" : `< ${r.target} ms`} | ${verdict} | ${r.note} |`);
}
console.log(lines.join("\n"));
process.exitCode = 0;
