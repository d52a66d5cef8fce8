/**
 * Benchmark of the full SSG solve (certified NSE + CSW-Max, what `mechlab solve ssg` and a CSW-Max
 * round compute) on seeded random instances with m = 100 targets and n = 10 defenders, in two families
 * (k_i ∈ {0,1}, and every defender holding 1–3 resources):
 *   node --import tsx bench/ssg-full.ts [--count 100]
 * Prints median, p95 and max of wall-clock time and of the process CPU time per instance (CPU time
 * is what the solve costs; wall time also contains waiting for a loaded machine), PASS/FAIL against the
 * targets (median < 200 ms, max < 1 s, wall clock) and exits 0.
 */
import { makeRng, seedFrom } from "../lib/core/rng";
import { cswMax } from "../lib/mechanisms/ssg/csw-max";
import { trySolveNse } from "../lib/mechanisms/ssg/nse";
import { randomInstance } from "../lib/mechanisms/ssg/testing";

const countArg = process.argv.indexOf("--count");
const count = countArg >= 0 ? Number(process.argv[countArg + 1]) : 100;

function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
}

const rng = makeRng(seedFrom("bench-ssg-full"));
const instances = Array.from({ length: count }, () => randomInstance(rng, 10, 100, "generic", 1));
/** Second family: every defender holds 1, 2 or 3 resources (the first has about half at 0). */
const busyRng = makeRng(seedFrom("bench-ssg-full-busy"));
const busy = Array.from({ length: count }, () => {
  const g = randomInstance(busyRng, 10, 100, "generic", 3);
  return { ...g, defenders: g.defenders.map((d) => ({ ...d, resources: 1 + busyRng.int(3) })) };
});
const warmRng = makeRng(seedFrom("bench-ssg-full-warmup"));
for (let k = 0; k < 5; k++) trySolveNse(randomInstance(warmRng, 10, 100, "generic", 1)); // JIT warm-up

function measure(games: typeof instances) {
  const wall: number[] = [];
  const cpu: number[] = [];
  const methods: Record<string, number> = {};
  for (const g of games) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = trySolveNse(g);
    if (r.ok) cswMax(g, r.nse);
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    const key = r.ok ? r.nse.method : "no certified NSE";
    methods[key] = (methods[key] ?? 0) + 1;
  }
  return { wall, cpu, methods };
}

const row = (name: string, xs: number[], targets: boolean) => {
  const [med, p95, max] = [quantile(xs, 0.5), quantile(xs, 0.95), quantile(xs, 1)];
  const verdict = targets ? (med < 200 && max < 1000 ? "PASS" : "FAIL") : "info";
  return `| ${name} | ${xs.length} | ${med.toFixed(1)} | ${p95.toFixed(1)} | ${max.toFixed(1)} | ${targets ? "median < 200, max < 1000" : "—"} | ${verdict} |`;
};
const table = (title: string, r: ReturnType<typeof measure>) =>
  [
    `${title} — Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
    "",
    "| time | instances | median (ms) | p95 (ms) | max (ms) | target | result |",
    "|---|---:|---:|---:|---:|---|---|",
    row("wall clock", r.wall, true),
    row("CPU time of the process", r.cpu, false),
    "",
    `How the NSEs were found: ${JSON.stringify(r.methods)}`,
  ].join("\n");
console.log(table("Full SSG solve (NSE + CSW-Max), m = 100, n = 10, k_i ∈ {0,1}", measure(instances)));
console.log("");
console.log(table("Full SSG solve (NSE + CSW-Max), m = 100, n = 10, every k_i ∈ {1,2,3}", measure(busy)));
process.exitCode = 0;
