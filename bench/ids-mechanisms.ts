/**
 * IDS mechanism timings (lib/mechanisms/ids): social optimum (eq. 2), Nash equilibrium, Pivotal
 * taxes under incomplete information (eq. 6: N+1 convex optimisations + N best responses), Pivotal
 * under full information (eq. 9: + N loner equilibria), the Externality equilibrium (x*, eq. 13
 * prices, eq. 11 taxes at m*) and the Externality mechanism with its participation check.
 * Instances: randomIdsInstance from a seeded RNG, three families per N (dense spill-over 1,
 * dense spill-over 0.3 with more main investors, quadratic costs). idsReport = everything above
 * with the Pivotal core and the loner equilibria shared.
 * Target: Pivotal (eq. 6) at N = 100 under 100 ms (median per instance). Prints PASS/FAIL, exits 0.
 * Run: node --import tsx bench/ids-mechanisms.ts   (results go to docs/benchmarks/ids.md by hand)
 */
import { performance } from "node:perf_hooks";
import { makeRng, seedFrom } from "../lib/core/rng";
import {
  externalityEquilibriumMessages,
  idsReport,
  externalityMechanism,
  externalityTaxes,
  nashEquilibrium,
  pivotalFullInfo,
  pivotalTaxes,
  randomIdsInstance,
  socialOptimum,
  type IdsInstance,
  type RandomIdsOptions,
} from "../lib/mechanisms/ids";

const FAMILIES: [string, RandomIdsOptions][] = [
  ["dense s=1", {}],
  ["dense s=0.3", { spillover: 0.3 }],
  ["quadratic", { quadratic: true }],
];
const SIZES = [10, 50, 100, 200];
const TARGET_MS = 100;

function stats(fn: () => void, repeats: number): { median: number; max: number } {
  for (let w = 0; w < 2; w++) fn(); // warm-up (JIT)
  const ms: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor((ms.length - 1) / 2)] as number, max: ms[ms.length - 1] as number };
}

const fmt = (s: { median: number; max: number }) => `${s.median.toFixed(2)} / ${s.max.toFixed(2)}`;

console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
{
  // Cold call: the first Pivotal computation in a fresh process pays for JIT compilation.
  const inst = randomIdsInstance(makeRng(seedFrom("bench-ids-100-dense s=1")), 100, {});
  const t0 = performance.now();
  pivotalTaxes(inst);
  console.log(`Cold first call, pivotal (eq. 6) at N = 100: ${(performance.now() - t0).toFixed(2)} ms`);
}
console.log("Times in ms as median / max over repeats (after two warm-up calls).\n");
console.log("| N | family | investors x*>0 | socialOptimum | nash | pivotal (eq. 6) | pivotal full info (eq. 9) | externality m* + taxes | externality + VP | idsReport (all) |");
console.log("|---|---|---|---|---|---|---|---|---|---|");
const pivotal100: number[] = [];
for (const n of SIZES) {
  for (const [name, opts] of FAMILIES) {
    const inst: IdsInstance = randomIdsInstance(makeRng(seedFrom(`bench-ids-${n}-${name}`)), n, opts);
    const reps = n <= 50 ? 9 : n <= 100 ? 7 : 5;
    const slowReps = n <= 50 ? 5 : 3;
    const x = socialOptimum(inst).x;
    const so = stats(() => socialOptimum(inst), reps);
    const ne = stats(() => nashEquilibrium(inst), reps);
    const pv = stats(() => pivotalTaxes(inst), reps);
    const pf = stats(() => pivotalFullInfo(inst), slowReps);
    const ex = n >= 3 ? stats(() => externalityTaxes(externalityEquilibriumMessages(inst).messages), reps) : null;
    const exVp = stats(() => externalityMechanism(inst), slowReps);
    const rep = stats(() => idsReport(inst), slowReps);
    if (n === 100) pivotal100.push(pv.median);
    console.log(
      `| ${n} | ${name} | ${x.filter((v) => v > 0).length} | ${fmt(so)} | ${fmt(ne)} | ${fmt(pv)} | ${fmt(pf)} | ${ex ? fmt(ex) : "–"} | ${fmt(exVp)} | ${fmt(rep)} |`,
    );
  }
}
const worst = Math.max(...pivotal100);
console.log(
  `\nTarget: Pivotal (eq. 6, N+1 optimisations) at N = 100 under ${TARGET_MS} ms: worst median ${worst.toFixed(2)} ms → ${worst < TARGET_MS ? "PASS" : "FAIL"}`,
);
