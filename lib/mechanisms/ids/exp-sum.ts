/**
 * The convex problem behind eq. 2 and eq. 6 (and BR_{−i} of eq. 9):
 *   minimise Σ_k a_k exp(−(A z)_k − b_k) + Σ_j (c_j z_j + q_j z_j²/2) over z >= 0,
 * with A (m×n, row-major) >= 0, a >= 0, b >= 0. Internal module.
 */

/** Data of the exp-sum problem (eq. 2 restricted to some users and variables). */
export interface ExpSumProblem {
  m: number;
  n: number;
  A: Float64Array;
  a: Float64Array;
  b: Float64Array;
  c: Float64Array;
  q: Float64Array;
}

/** Largest possible gradient magnitude at z = 0, used to make tolerances scale-free. */
export function gradientScale(p: ExpSumProblem): number {
  let s = 1;
  for (let j = 0; j < p.n; j++) s = Math.max(s, Math.abs(p.c[j]!));
  const col = new Float64Array(p.n);
  for (let k = 0; k < p.m; k++) {
    const ak = p.a[k]!;
    if (ak === 0) continue;
    for (let j = 0; j < p.n; j++) col[j] = col[j]! + ak * p.A[k * p.n + j]!;
  }
  for (let j = 0; j < p.n; j++) s = Math.max(s, col[j]!);
  return s;
}
