/**
 * Lemke's complementary pivoting algorithm for the linear complementarity problem
 *   find z >= 0 with w = M z + q >= 0 and zᵀw = 0.
 * Used for the Nash equilibrium of the IDS game, whose best-response conditions form an LCP with
 * M_ij = W_ij / W_ii (nonnegative, positive diagonal, hence strictly copositive: Lemke's method
 * is then guaranteed to end with a solution rather than a secondary ray). Internal module.
 */

/** Solve LCP(q, M) (M row-major n×n). Returns z, or null on ray termination / pivot limit. */
export function lemke(M: Float64Array, q: Float64Array, n: number): Float64Array | null {
  const z = new Float64Array(n);
  let minQ = 0;
  let row = -1;
  for (let i = 0; i < n; i++) {
    if (q[i]! < minQ) {
      minQ = q[i]!;
      row = i;
    }
  }
  if (row < 0) return z; // z = 0 solves it
  const cols = 2 * n + 2; // w (n) | z (n) | z0 | rhs
  const rhs = 2 * n + 1;
  const T = new Float64Array(n * cols);
  let scale = 1;
  for (let i = 0; i < n; i++) {
    T[i * cols + i] = 1;
    for (let j = 0; j < n; j++) {
      T[i * cols + n + j] = -M[i * n + j]!;
      scale = Math.max(scale, Math.abs(M[i * n + j]!));
    }
    T[i * cols + 2 * n] = -1;
    T[i * cols + rhs] = q[i]!;
  }
  const tol = 1e-12 * scale;
  const basis = Int32Array.from({ length: n }, (_, i) => i);
  const pivot = (r: number, c: number) => {
    const pr = r * cols;
    const pv = T[pr + c]!;
    for (let k = 0; k < cols; k++) T[pr + k] = T[pr + k]! / pv;
    for (let i = 0; i < n; i++) {
      if (i === r) continue;
      const f = T[i * cols + c]!;
      if (f === 0) continue;
      const pi = i * cols;
      for (let k = 0; k < cols; k++) T[pi + k] = T[pi + k]! - f * T[pr + k]!;
    }
    const leaving = basis[r]!;
    basis[r] = c;
    return leaving;
  };
  let leaving = pivot(row, 2 * n); // z0 enters
  for (let iter = 0; iter < 50 * n + 100; iter++) {
    const entering = leaving < n ? leaving + n : leaving - n; // complement of the leaving variable
    let best = -1;
    let bestRatio = Infinity;
    for (let i = 0; i < n; i++) {
      const a = T[i * cols + entering]!;
      if (a <= tol) continue;
      const ratio = T[i * cols + rhs]! / a;
      // Prefer z0 leaving on ties (terminates), then the smallest row index (determinism).
      const slack = 1e-13 * Math.max(1, Math.abs(ratio));
      if (best < 0 || ratio < bestRatio - slack || (ratio <= bestRatio + slack && basis[i] === 2 * n)) {
        bestRatio = ratio;
        best = i;
      }
    }
    if (best < 0) return null; // secondary ray
    leaving = pivot(best, entering);
    if (leaving === 2 * n) {
      for (let i = 0; i < n; i++) {
        const v = basis[i]!;
        if (v >= n && v < 2 * n) z[v - n] = Math.max(0, T[i * cols + rhs]!);
      }
      return z;
    }
  }
  return null;
}
