/**
 * Tiny dense linear algebra for the NSE solver's Newton steps (systems of size ≤ n + 1).
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

/** Levenberg–Marquardt step: solve (AᵀA + ρ·diag(AᵀA) + ρ·I) δ = −Aᵀ r. */
export function lmStep(A: readonly (readonly number[])[], r: readonly number[], rho: number): number[] | null {
  const rows = A.length;
  const cols = A[0]?.length ?? 0;
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
