/**
 * Small dense linear algebra on Float64Array (row-major) for the Newton systems of the eq. 2 / eq. 6
 * solvers (Cholesky factor, solve, rank-one update/downdate, row deletion).
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
 * Rank-one update (sign = +1) or downdate (sign = −1) of a Cholesky factor in place:
 * L Lᵀ ± v vᵀ = L' L'ᵀ (lower triangle of the row-major n×n array; v is overwritten).
 * Returns false if a downdate would lose positive definiteness.
 */
export function cholRankOne(L: Float64Array, n: number, v: Float64Array, sign: 1 | -1): boolean {
  for (let k = 0; k < n; k++) {
    const lkk = L[k * n + k]!;
    const vk = v[k]!;
    if (vk === 0) continue;
    const r2 = lkk * lkk + sign * vk * vk;
    if (!(r2 > 1e-14 * lkk * lkk)) return false;
    const r = Math.sqrt(r2);
    const c = r / lkk;
    const s = vk / lkk;
    L[k * n + k] = r;
    for (let i = k + 1; i < n; i++) {
      const idx = i * n + k;
      const lik = (L[idx]! + sign * s * v[i]!) / c;
      L[idx] = lik;
      v[i] = c * v[i]! - s * lik;
    }
  }
  return true;
}

/**
 * Cholesky factor of the matrix with row and column p deleted, from the factor L of the full
 * n×n matrix (lower triangle). O(n²). Returns null if the update fails numerically.
 */
export function cholDelete(L: Float64Array, n: number, p: number): Float64Array | null {
  const m = n - 1;
  const out = new Float64Array(m * m);
  for (let i = 0; i < n; i++) {
    if (i === p) continue;
    const ii = i < p ? i : i - 1;
    for (let j = 0; j <= i; j++) {
      if (j === p) continue;
      const jj = j < p ? j : j - 1;
      out[ii * m + jj] = L[i * n + j]!;
    }
  }
  // The trailing block absorbs the deleted column: L33' L33'ᵀ = L33 L33ᵀ + l lᵀ.
  const t = m - p;
  if (t <= 0) return out;
  const block = new Float64Array(t * t);
  const v = new Float64Array(t);
  for (let a = 0; a < t; a++) {
    v[a] = L[(p + 1 + a) * n + p]!;
    for (let b = 0; b <= a; b++) block[a * t + b] = out[(p + a) * m + (p + b)]!;
  }
  if (!cholRankOne(block, t, v, 1)) return null;
  for (let a = 0; a < t; a++) for (let b = 0; b <= a; b++) out[(p + a) * m + (p + b)] = block[a * t + b]!;
  return out;
}
