/**
 * Figures behind the size limits of `mechlab solve ids|cip` and the IDS scaling certificate
 * (issue 11): idsReport (everything `solve ids` prints) at N around its limit, the CIP command
 * around its type limit, and the social optimum on badly scaled IDS families (certified / refused).
 * Run: node --import tsx bench/solve-limits.ts   (results go to docs/benchmarks/*.md by hand)
 */
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { makeRng, seedFrom } from "../lib/core/rng";
import { idsReport, IdsSolverError, randomIdsInstance, socialOptimum, type IdsInstance } from "../lib/mechanisms/ids";
import { equalSplit } from "../lib/mechanisms/cip/baseline";
import { designMenu } from "../lib/mechanisms/cip/menu";
import { populationWeights, type CipInstance } from "../lib/mechanisms/cip/model";
import { solveCipCommand } from "../lib/mechanisms/cip/solve-cli";

const time = (fn: () => void) => {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
};
const ms = (v: number) => v.toFixed(0);

console.log(`node ${process.version}, load average ${loadavg().map((v) => v.toFixed(1)).join(" ")}`);
console.log("\n### solve ids: idsReport (one call per instance, after one warm-up at N = 50)\n");
idsReport(randomIdsInstance(makeRng(seedFrom("warm")), 50));
console.log("| N | dense s=1 | dense s=0.3 | quadratic |\n|---|---|---|---|");
for (const n of [100, 200, 300]) {
  const cells = [{}, { spillover: 0.3 }, { quadratic: true }].map((o, k) =>
    ms(time(() => idsReport(randomIdsInstance(makeRng(seedFrom(`limits-${n}-${k}`)), n, o)))),
  );
  console.log(`| ${n} | ${cells.join(" ms | ")} ms |`);
}

console.log("\n### solve cip: the whole command (menu LP with verification, equal split)\n");
console.log("| types K | ms |\n|---|---|");
const only = process.argv[2];
for (const K of [10, 25, 50, 80, 100]) {
  const types = Array.from({ length: K }, (_, i) => ({ theta: 1 + i, phi: 0, probability: 1 / K, minResources: 5 + (i % 7), rewardRate: 1 + 0.01 * i }));
  const raw = { types, evaluationRate: 2, paymentCost: 0.5, resources: 20 * K, weighting: "slot" as const };
  // Past the limit the command refuses at once; time what it would have run (menu LP + equal split).
  const past = () => {
    const inst: CipInstance = raw;
    const weights = populationWeights(inst);
    designMenu(inst, { weights });
    equalSplit(inst, weights);
  };
  const t = time(() => (K <= 50 ? solveCipCommand(raw) : past()));
  console.log(`| ${K} | ${ms(t)}${K > 50 ? " (over the limit: refused by solve cip)" : ""} |`);
}
if (only === "cip") process.exit(0);

console.log("\n### socialOptimum on badly scaled IDS families\n");
console.log("| orders of magnitude (alpha, W, c, q) | N | instances | certified | refused | median / max ms |\n|---|---|---|---|---|---|");
for (const orders of [8, 12, 16, 24]) {
  for (const n of [10, 25]) {
    const rng = makeRng(seedFrom(`scaling-${orders}-${n}`));
    const pow = () => 10 ** (orders * (rng.next() - 0.5));
    let ok = 0;
    let refused = 0;
    const times: number[] = [];
    const count = 100;
    for (let t = 0; t < count; t++) {
      const inst: IdsInstance = {
        alpha: Array.from({ length: n }, pow),
        c: Array.from({ length: n }, pow),
        q: Array.from({ length: n }, () => (rng.next() < 0.5 ? 0 : pow())),
        W: Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j || rng.next() < 0.6 ? pow() : 0))),
      };
      const t0 = performance.now();
      try {
        socialOptimum(inst);
        ok++;
      } catch (e) {
        if (!(e instanceof IdsSolverError)) throw e;
        refused++;
      }
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(`| ${orders} | ${n} | ${count} | ${ok} | ${refused} | ${times[count >> 1]!.toFixed(2)} / ${times[count - 1]!.toFixed(2)} |`);
  }
}
