/**
 * Small dense linear algebra on Float64Array (row-major), just what the IDS solvers need.
 * Internal module; not part of the public API.
 */

/**
 * In-place Cholesky of the symmetric matrix in the upper triangle of `H` (n×n) plus `shift`·I.
 * On success the lower triangle (incl. diagonal) holds L with H + shift·I = L Lᵀ; returns false
 * if a pivot is not positive (the caller then increases the shift and retries from a copy).
 */
export function cholesky(H: Float64Array, n: number, shift: number): boolean {
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    let d = H[rj + j]! + shift;
    for (let k = 0; k < j; k++) {
      const l = H[rj + k]!;
      d -= l * l;
    }
    if (!(d > 0)) return false;
    const ljj = Math.sqrt(d);
    H[rj + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const ri = i * n;
      let s = H[rj + i]!; // upper triangle element (j, i) == (i, j)
      for (let k = 0; k < j; k++) s -= H[ri + k]! * H[rj + k]!;
      H[ri + j] = s / ljj;
    }
  }
  return true;
}

/** Solve L Lᵀ z = b in place (b becomes z) with L from `cholesky`. */
export function choleskySolve(L: Float64Array, n: number, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= L[ri + k]! * b[k]!;
    b[i] = s / L[ri + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let k = i + 1; k < n; k++) s -= L[k * n + i]! * b[k]!;
    b[i] = s / L[i * n + i]!;
  }
}

/**
 * Solve the general n×n system A z = b by LU with partial pivoting (A and b are overwritten;
 * b becomes z). Returns false if A is numerically singular.
 */
export function luSolve(A: Float64Array, n: number, b: Float64Array): boolean {
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale = Math.max(scale, Math.abs(A[i]!));
  const tiny = 1e-14 * Math.max(scale, 1e-300);
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(A[k * n + k]!);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(A[i * n + k]!);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    if (best <= tiny) return false;
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const t = A[k * n + j]!;
        A[k * n + j] = A[p * n + j]!;
        A[p * n + j] = t;
      }
      const t = b[k]!;
      b[k] = b[p]!;
      b[p] = t;
    }
    const piv = A[k * n + k]!;
    for (let i = k + 1; i < n; i++) {
      const f = A[i * n + k]! / piv;
      if (f === 0) continue;
      A[i * n + k] = f;
      for (let j = k + 1; j < n; j++) A[i * n + j] = A[i * n + j]! - f * A[k * n + j]!;
      b[i] = b[i]! - f * b[k]!;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let j = i + 1; j < n; j++) s -= A[i * n + j]! * b[j]!;
    b[i] = s / A[i * n + i]!;
  }
  return true;
}
