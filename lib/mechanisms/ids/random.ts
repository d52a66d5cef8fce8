/**
 * Seeded random IDS instances (§II-A model) for tests, bots and benchmarks. Pure: all randomness
 * comes from the caller's Rng (lib/core/rng.ts).
 */
import type { Rng } from "../../core/rng";
import type { IdsInstance } from "./model";

/** Options for `randomIdsInstance`. */
export interface RandomIdsOptions {
  /** Probability that an off-diagonal W_ij is non-zero (default 1: dense). */
  density?: number;
  /** Row sum of the off-diagonal part of W on average (default 1). */
  spillover?: number;
  /** Draw q_i > 0 (strictly convex costs) instead of q = 0 (default false). */
  quadratic?: boolean;
}

/**
 * A "well-scaled" random instance: alpha_i ∈ [1, 5], W_ii ∈ [0.5, 1.5], off-diagonal W_ij drawn
 * so each row's spill-over sums to about `spillover`, c_i ∈ [0.05, 1.5], optional q_i ∈ [0, 0.5].
 * Typically a mix of main investors (x*_i > 0) and users at the corner x*_i = 0.
 */
export function randomIdsInstance(rng: Rng, n: number, opts: RandomIdsOptions = {}): IdsInstance {
  const density = opts.density ?? 1;
  const spill = opts.spillover ?? 1;
  const alpha: number[] = [];
  const c: number[] = [];
  const q: number[] = [];
  const W: number[][] = [];
  const offScale = n > 1 ? (2 * spill) / ((n - 1) * Math.max(density, 1e-9)) : 0;
  for (let i = 0; i < n; i++) {
    alpha.push(1 + 4 * rng.next());
    c.push(0.05 + 1.45 * rng.next());
    q.push(opts.quadratic ? 0.5 * rng.next() : 0);
    const row: number[] = [];
    for (let j = 0; j < n; j++) {
      if (j === i) row.push(0.5 + rng.next());
      else row.push(rng.next() < density ? offScale * rng.next() : 0);
    }
    W.push(row);
  }
  return opts.quadratic ? { alpha, W, c, q } : { alpha, W, c };
}
