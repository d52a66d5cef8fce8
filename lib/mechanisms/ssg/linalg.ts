/**
 * Tiny dense linear algebra for the NSE solver's Newton and Levenberg–Marquardt steps.
 */

/** Solve A x = b by Gaussian elimination with partial pivoting; null when (numerically) singular. */
export function solveDense(A: readonly (readonly number[])[], b: readonly number[]): number[] | null {
  const n = b.length;
  const M = A.map((row, i) => [...row.slice(0, n), b[i] ?? 0]);
  let scale = 0;
  for (const row of M) for (let j = 0; j < n; j++) scale = Math.max(scale, Math.abs(row[j] ?? 0));
  if (scale === 0) return null;
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(M[r]![col]!) > Math.abs(M[piv]![col]!)) piv = r;
    if (Math.abs(M[piv]![col]!) <= 1e-14 * scale) return null;
    if (piv !== col) [M[piv], M[col]] = [M[col]!, M[piv]!];
    const pr = M[col]!;
    for (let r = col + 1; r < n; r++) {
      const row = M[r]!;
      const f = row[col]! / pr[col]!;
      if (f === 0) continue;
      for (let j = col; j <= n; j++) row[j] = row[j]! - f * pr[j]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    const row = M[i]!;
    let s = row[n]!;
    for (let j = i + 1; j < n; j++) s -= row[j]! * x[j]!;
    x[i] = s / row[i]!;
  }
  return x;
}

/**
 * Levenberg–Marquardt step: solve (AᵀA + ρ·diag(AᵀA) + ρ·I) δ = −Aᵀ r.
 *
 * A has one row per defender (≤ n) and one column per unknown (up to 1 + m·n). When there are more
 * columns than rows the step is computed in the row space (Woodbury identity, the same δ): with
 * D = ρ·diag(AᵀA) + ρ·I, δ = −D⁻¹Aᵀ y where (I + A D⁻¹ Aᵀ) y = r, a rows × rows system instead of a
 * cols × cols one (at m = 100, n = 10 the dense normal equations took seconds per game).
 */
export function lmStep(A: readonly ArrayLike<number>[], r: readonly number[], rho: number): number[] | null {
  const rows = A.length;
  const cols = A[0]?.length ?? 0;
  if (cols > rows) return lmStepRowSpace(A, r, rho, rows, cols);
  const N: number[][] = Array.from({ length: cols }, () => new Array<number>(cols).fill(0));
  const g = new Array<number>(cols).fill(0);
  for (let k = 0; k < rows; k++) {
    const a = A[k]!;
    for (let i = 0; i < cols; i++) {
      const ai = a[i]!;
      if (ai === 0) continue;
      g[i] = g[i]! - ai * r[k]!;
      for (let j = 0; j < cols; j++) N[i]![j] = N[i]![j]! + ai * a[j]!;
    }
  }
  for (let i = 0; i < cols; i++) N[i]![i] = N[i]![i]! * (1 + rho) + rho;
  return solveDense(N, g);
}

function lmStepRowSpace(A: readonly ArrayLike<number>[], r: readonly number[], rho: number, rows: number, cols: number): number[] | null {
  // D_jj = ρ·(AᵀA)_jj + ρ; the normal matrix's largest entry is on its diagonal (it is positive semidefinite)
  const dInv = new Array<number>(cols);
  let maxN = 0;
  let minD = Infinity;
  for (let j = 0; j < cols; j++) {
    let s = 0;
    for (let k = 0; k < rows; k++) s += A[k]![j]! * A[k]![j]!;
    const d = rho * s + rho;
    maxN = Math.max(maxN, s * (1 + rho) + rho);
    minD = Math.min(minD, d);
    dInv[j] = 1 / d;
  }
  // same refusal as the dense path: the normal matrix is numerically singular (its rank is ≤ rows < cols)
  if (maxN === 0 || !(minD > 1e-14 * maxN)) return null;
  const M: number[][] = Array.from({ length: rows }, () => new Array<number>(rows).fill(0));
  for (let k = 0; k < rows; k++) {
    const ak = A[k]!;
    for (let l = k; l < rows; l++) {
      const al = A[l]!;
      let s = 0;
      for (let j = 0; j < cols; j++) s += ak[j]! * dInv[j]! * al[j]!;
      M[k]![l] = s + (k === l ? 1 : 0);
      M[l]![k] = M[k]![l]!;
    }
  }
  const y = solveDense(M, r);
  if (!y) return null;
  const d = new Array<number>(cols).fill(0);
  for (let j = 0; j < cols; j++) {
    let s = 0;
    for (let k = 0; k < rows; k++) s += A[k]![j]! * y[k]!;
    d[j] = -dInv[j]! * s;
  }
  return d;
}
