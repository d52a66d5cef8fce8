/**
 * CIP mechanism timings: optimal-menu solve (LP + verification, continuous and integer) for
 * K = 2, 4, 8 types, and a full Algorithm 1 run with N = 2K truthful CIs.
 * Run: node --import tsx bench/cip-mechanisms.ts   (results go to docs/benchmarks/cip.md by hand)
 */
import { performance } from "node:perf_hooks";
import { designMenu, runAlgorithm1, truthfulChooser, type CipInstance, type CipType } from "../lib/mechanisms/cip";

function instance(K: number, integerResources: boolean): CipInstance {
  const types: CipType[] = Array.from({ length: K }, (_, i) => ({
    theta: i + 1,
    phi: 0,
    probability: 1 / K,
    minResources: 20 + 40 * i,
    rewardRate: 2 * (i + 1),
  }));
  const need = types.reduce((s, t) => s + t.minResources, 0);
  return { types, evaluationRate: 2, paymentCost: 0.5, resources: Math.round(need * 1.6) + 1, weighting: "slot", integerResources };
}

function time(label: string, runs: number, fn: () => boolean): string {
  for (let i = 0; i < 20; i++) if (!fn()) throw new Error(`${label}: failed during warm-up`);
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const ok = fn();
    ms.push(performance.now() - t0);
    if (!ok) throw new Error(`${label}: failed`);
  }
  ms.sort((a, b) => a - b);
  const q = (p: number) => (ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] as number).toFixed(3);
  return `| ${label} | ${runs} | ${q(0.5)} | ${q(0.95)} | ${(ms.at(-1) as number).toFixed(3)} |`;
}

const rows: string[] = [];
for (const K of [2, 4, 8]) {
  for (const integer of [false, true]) {
    const inst = instance(K, integer);
    rows.push(time(`menu K=${K}${integer ? " integer" : ""}`, 300, () => {
      const m = designMenu(inst);
      return m.feasible && m.verification.ok;
    }));
  }
  const inst = instance(K, false);
  const cis = Array.from({ length: 2 * K }, (_, i) => ({ id: `ci${i}` }));
  const truth = Object.fromEntries(cis.map((c, i) => [c.id, i % K]));
  const probe = runAlgorithm1({ instance: inst, cis }, truthfulChooser(inst, truth));
  const excluded = probe.log.filter((e) => e.kind === "exclude").length;
  rows.push(time(`Algorithm 1, K=${K}, N=${2 * K} truthful (${excluded} excluded, ${probe.signing?.signed.length} signed)`, 100, () => runAlgorithm1({ instance: inst, cis }, truthfulChooser(inst, truth)).phase === "done"));
}
console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
console.log("| case | runs | median ms | p95 ms | max ms |\n|---|---|---|---|---|");
for (const r of rows) console.log(r);
