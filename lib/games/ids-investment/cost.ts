/**
 * One user's cost pieces, and the best response to the protection others give. Used by the preview,
 * the scoring and the myopic bot.
 */

/** f = α·exp(−(w_ii·x + protection)), h = c·x + q·x²/2. */
export function userCostAt(alpha: number, wii: number, c: number, q: number, x: number, protection: number) {
  const risk = alpha * Math.exp(-(wii * x + protection));
  const invest = c * x + (q * x * x) / 2;
  return { risk, invest, total: risk + invest };
}

/**
 * argmin over x in [0, xMax] of α·exp(−(w·x + P)) + c·x + q·x²/2 (strictly convex in x):
 * the first-order condition α·w·exp(−(w·x+P)) = c + q·x is solved by bisection on its monotone
 * derivative, so the corner x = 0 (and x = xMax) come out exactly.
 */
export function bestResponseToProtection(alpha: number, w: number, c: number, q: number, protection: number, xMax: number): number {
  const d = (x: number) => -alpha * w * Math.exp(-(w * x + protection)) + c + q * x;
  if (d(0) >= 0) return 0;
  if (d(xMax) <= 0) return xMax;
  let lo = 0;
  let hi = xMax;
  for (let k = 0; k < 200 && hi - lo > 1e-12; k++) {
    const mid = (lo + hi) / 2;
    if (d(mid) > 0) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}

/** Protection user i gets from the others: Σ_{j≠i} W_ij x_j. */
export function protectionFromOthers(W: readonly (readonly number[])[], i: number, x: readonly number[]): number {
  const row = W[i] ?? [];
  let s = 0;
  for (let j = 0; j < x.length; j++) if (j !== i) s += (row[j] ?? 0) * (x[j] ?? 0);
  return s;
}
