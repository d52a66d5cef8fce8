/**
 * Recommendation strategies (Gan et al. 2020, §5.1): a distribution over *joint* pure strategies
 * S = (s^1, …, s^n), s^i a set of at most k_i targets, from which the mechanism draws one S and
 * privately tells each defender i her part s^i.
 *
 * - {@link decomposeJoint} turns a mechanism's coverage c (Σc ≤ K) into such a distribution: comb
 *   sampling (sampling.ts) gives sets of at most K targets with marginals exactly c, and each set is split
 *   among the defenders by a fixed rule: targets in index order, each to the defender with spare capacity
 *   who gains least from luring the attacker there, i.e. with the smallest U_i(c,t) − U_i(c,t*); ties to
 *   the lowest index. (Defenders who prefer t to t* are the ones tempted to leave t, cf. Theorem 5.5.)
 * - {@link jointFromProfile} is the product distribution of independent play of a profile (an NSE).
 * - {@link modificationGain} / {@link checkIndividualRationality}: Property 4 on small instances. A
 *   strategy modification φ (Definition 5.1) plays coverage d_s ∈ C_{k_i} when s is recommended, so the
 *   modified coverage is affine in (d_s): ĉ_t = 1 − Σ_s α_{s,t}(1 − d_{s,t}) with
 *   α_{s,t} = P(i is told s and nobody else covers t). The exhaustive LP check of deviation.ts then
 *   decides whether some φ is profitable under the pessimistic rule.
 */
import type { Rng } from "@/lib/core/rng";
import type { LpConstraint } from "@/lib/lp/lp";
import type { NseProfile } from "./certificate";
import { bestPessimisticDeviation, type DeviationWitness } from "./deviation";
import { at, defenderUtility, numTargets, payoffScale, totalResources, type SsgInstance } from "./model";
import { decomposeCoverage } from "./sampling";

/** One joint pure strategy: assignment[i] = sorted targets recommended to defender i. */
export interface JointAllocation {
  readonly prob: number;
  readonly assignment: readonly (readonly number[])[];
}

/**
 * Decompose combined coverage c into a joint recommendation distribution (module doc) for an outcome
 * attacking `target`. Marginals reproduce c exactly; defender i never gets more than k_i targets.
 */
export function decomposeJoint(g: SsgInstance, coverage: readonly number[], target: number): JointAllocation[] {
  const n = g.defenders.length;
  const sets = decomposeCoverage(coverage, totalResources(g));
  const gain = (i: number, t: number) => defenderUtility(g, i, coverage, t) - defenderUtility(g, i, coverage, target);
  return sets.map((w) => {
    const cap = g.defenders.map((d) => d.resources);
    const assignment: number[][] = Array.from({ length: n }, () => []);
    for (const t of w.targets) {
      let best = -1;
      for (let i = 0; i < n; i++) {
        if (at(cap, i) <= 0) continue;
        if (best < 0 || gain(i, t) < gain(best, t)) best = i;
      }
      if (best < 0) throw new Error("decomposeJoint: more targets than resources");
      cap[best] = at(cap, best) - 1;
      at(assignment, best).push(t);
    }
    return { prob: w.prob, assignment };
  });
}

/** Product distribution of independent play: each defender's coverage decomposed by comb sampling. */
export function jointFromProfile(g: SsgInstance, prof: NseProfile): JointAllocation[] {
  let acc: JointAllocation[] = [{ prob: 1, assignment: [] }];
  g.defenders.forEach((d, i) => {
    const own = decomposeCoverage(at(prof.defenderCoverage, i), d.resources);
    const next: JointAllocation[] = [];
    for (const a of acc) for (const w of own) next.push({ prob: a.prob * w.prob, assignment: [...a.assignment, w.targets] });
    acc = next;
  });
  return acc;
}

/** Combined marginal coverage of a joint distribution: P(some defender covers t), eq. (1). */
export function jointMarginals(dist: readonly JointAllocation[], m: number): number[] {
  const out = new Array<number>(m).fill(0);
  for (const e of dist) {
    const covered = new Set(e.assignment.flat());
    for (const t of covered) out[t] = (out[t] ?? 0) + e.prob;
  }
  return out;
}

/** Draw a joint pure strategy with `rng`; returns its index and each defender's private recommendation. */
export function sampleRecommendation(dist: readonly JointAllocation[], rng: Rng): { index: number; recommendations: (readonly number[])[] } {
  let x = rng.next();
  for (let k = 0; k < dist.length; k++) {
    x -= at(dist, k).prob;
    if (x < 0) return { index: k, recommendations: [...at(dist, k).assignment] };
  }
  const last = dist.length - 1;
  return { index: last, recommendations: [...at(dist, last).assignment] };
}

/**
 * Best strategy modification of defender i (Property 4) against the outcome (dist, target): the
 * pessimistic-deviation margin δ (> 0 means a profitable modification exists). Small instances only.
 */
export function modificationGain(g: SsgInstance, dist: readonly JointAllocation[], target: number, i: number): DeviationWitness | null {
  const m = numTargets(g);
  const k = at(g.defenders, i).resources;
  const recs = new Map<string, number>();
  const alpha: number[][] = [];
  for (const e of dist) {
    const s = at(e.assignment, i);
    const key = s.join(",");
    let idx = recs.get(key);
    if (idx === undefined) {
      idx = recs.size;
      recs.set(key, idx);
      alpha.push(new Array<number>(m).fill(0));
    }
    const others = new Set(e.assignment.filter((_, j) => j !== i).flat());
    for (let t = 0; t < m; t++) if (!others.has(t)) at(alpha, idx)[t] = at(at(alpha, idx), t) + e.prob;
  }
  if (recs.size * m > 400) throw new Error(`modificationGain: too many variables (${recs.size * m}); use a smaller instance`);
  const variables: string[] = [];
  const constraints: LpConstraint[] = [];
  const coef: Record<string, number>[] = Array.from({ length: m }, () => ({}));
  const base = new Array<number>(m).fill(1);
  alpha.forEach((row, s) => {
    const budget: Record<string, number> = {};
    row.forEach((a, t) => {
      const name = `d${s}_${t}`;
      variables.push(name);
      budget[name] = 1;
      constraints.push({ name: `${name}_le1`, coeffs: { [name]: 1 }, relation: "<=", rhs: 1 });
      at(coef, t)[name] = a;
      base[t] = at(base, t) - a;
    });
    constraints.push({ name: `budget_${s}`, coeffs: budget, relation: "<=", rhs: k });
  });
  const c = jointMarginals(dist, m);
  const v = defenderUtility(g, i, c, target);
  return bestPessimisticDeviation(g, i, v, { base, coef }, { variables, constraints });
}

/** Property 4 for every defender with resources: `ir` iff no modification gains more than `tol`. */
export function checkIndividualRationality(
  g: SsgInstance,
  dist: readonly JointAllocation[],
  target: number,
  tol = 1e-7 * payoffScale(g),
): { ir: boolean; perDefender: { defender: number; delta: number; brSet: readonly number[] }[] } {
  const perDefender = g.defenders
    .map((d, i) => ({ d, i }))
    .filter(({ d }) => d.resources > 0)
    .map(({ i }) => {
      const w = modificationGain(g, dist, target, i);
      return { defender: i, delta: w ? w.delta : 0, brSet: w ? w.brSet : [] };
    });
  return { ir: perDefender.every((p) => p.delta <= tol), perDefender };
}
