/**
 * From a coverage vector to pure allocations (§2, eq. (1)): every c ∈ [0,1]^m with Σ_t c_t ≤ k is the
 * coverage of a distribution over sets of at most k targets. We use *comb (systematic) sampling*:
 * lay the intervals [C_{t−1}, C_t) with C_t = c_0 + … + c_t end to end, draw U ∈ [0,1) and take every
 * target whose interval contains one of the points U, U+1, U+2, … . Each interval has length ≤ 1, so it
 * holds at most one point and target t is chosen with probability exactly c_t; at most ⌈Σc⌉ ≤ k
 * targets are chosen. The distribution has at most m+1 distinct sets (one per interval of U between
 * the fractional parts of the C_t).
 */
import type { Rng } from "@/lib/core/rng";
import { at } from "./model";

/** One pure allocation (sorted target indices) and its probability. */
export interface WeightedAllocation {
  readonly targets: readonly number[];
  readonly prob: number;
}

function checkCoverage(c: readonly number[], k: number, tol: number): number[] {
  if (!Number.isInteger(k) || k < 0) throw new Error(`resources must be a non-negative integer (got ${k})`);
  let sum = 0;
  const out = c.map((v, t) => {
    if (!Number.isFinite(v) || v < -tol || v > 1 + tol) throw new Error(`coverage[${t}] = ${v} is outside [0, 1]`);
    const x = Math.min(1, Math.max(0, v));
    sum += x;
    return x;
  });
  if (sum > k + tol * Math.max(1, k)) throw new Error(`coverage sums to ${sum}, more than the ${k} resources`);
  return out;
}

/** The set chosen by comb sampling for offset U ∈ [0,1). */
function combSet(c: readonly number[], k: number, U: number): number[] {
  const chosen: number[] = [];
  let lo = 0;
  let next = U; // next comb point
  for (let t = 0; t < c.length; t++) {
    const hi = lo + at(c, t);
    if (next < hi && next >= lo && at(c, t) > 0) {
      chosen.push(t);
      next += 1;
    }
    while (next < hi) next += 1; // cannot happen for c_t ≤ 1 except by rounding
    lo = hi;
  }
  return chosen.length > k ? chosen.slice(0, k) : chosen;
}

/**
 * Exact decomposition of a coverage vector into a distribution over sets of at most k targets
 * (comb sampling, see module doc). Probabilities sum to 1; zero-probability sets are dropped.
 * @throws if an entry is outside [0,1] or Σ c > k (beyond `tol`).
 */
export function decomposeCoverage(c: readonly number[], k: number, tol = 1e-9): WeightedAllocation[] {
  const x = checkCoverage(c, k, tol);
  const cuts = new Set<number>([0, 1]);
  let cum = 0;
  for (const v of x) {
    cum += v;
    const f = cum - Math.floor(cum);
    cuts.add(f);
  }
  const pts = [...cuts].sort((a, b) => a - b);
  const out: WeightedAllocation[] = [];
  for (let j = 0; j + 1 < pts.length; j++) {
    const a = at(pts, j);
    const b = at(pts, j + 1);
    if (b - a <= 0) continue;
    const targets = combSet(x, k, (a + b) / 2);
    const prev = out.find((w) => w.targets.length === targets.length && w.targets.every((t, i) => t === targets[i]));
    if (prev) (prev as { prob: number }).prob += b - a;
    else out.push({ targets, prob: b - a });
  }
  return out;
}

/** Draw one pure allocation (sorted target indices, at most k) with marginals exactly c (comb sampling). */
export function sampleAllocation(c: readonly number[], k: number, rng: Rng, tol = 1e-9): number[] {
  const x = checkCoverage(c, k, tol);
  return combSet(x, k, rng.next());
}

/** Marginal coverage Σ_s x_s · cov_t(s) of a distribution over allocations, eq. (1). */
export function allocationMarginals(dist: readonly WeightedAllocation[], m: number): number[] {
  const out = new Array<number>(m).fill(0);
  for (const w of dist) for (const t of w.targets) out[t] = (out[t] ?? 0) + w.prob;
  return out;
}
