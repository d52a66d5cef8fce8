/**
 * Cholesky factors of the free-set Hessian of the eq. 2 / eq. 6 problems: fresh factorisation with a
 * Levenberg–Marquardt shift, and cheap updates when the free set changes. Internal module.
 */
import { cholDelete, cholesky } from "./linalg";
import type { ExpSumProblem } from "./exp-sum";

/**
 * A Cholesky factor L (nf×nf, lower triangle, row-major) of the Hessian restricted to `free`
 * (in factor order, not necessarily sorted) plus the diagonal `shift` it was factored with.
 */
export interface Factor {
  free: Int32Array;
  nf: number;
  L: Float64Array;
  shift: number;
}

/**
 * Bring a (possibly stale) factor to the free set `free` (length nf): delete dropped indices
 * (cholDelete) and append new ones with their current Hessian row (forward solve). Returns the
 * factor unchanged if the sets agree, null if more than 8 indices change or an append is not
 * numerically positive (the caller then factors afresh).
 */
export function adaptFactor(p: ExpSumProblem, e: Float64Array, f: Factor, free: Int32Array, nf: number): Factor | null {
  const inNew = new Uint8Array(p.n);
  for (let jj = 0; jj < nf; jj++) inNew[free[jj]!] = 1;
  const inOld = new Uint8Array(p.n);
  let removed = 0;
  for (let jj = 0; jj < f.nf; jj++) {
    inOld[f.free[jj]!] = 1;
    if (!inNew[f.free[jj]!]) removed++;
  }
  let added = 0;
  for (let jj = 0; jj < nf; jj++) if (!inOld[free[jj]!]) added++;
  if (removed === 0 && added === 0) return f;
  if (removed + added > 8) return null;
  let L = f.L;
  let order = Array.from(f.free);
  let size = f.nf;
  for (let pos = size - 1; pos >= 0; pos--) {
    if (inNew[order[pos]!]) continue;
    const next = cholDelete(L, size, pos);
    if (!next) return null;
    L = next;
    order.splice(pos, 1);
    size--;
  }
  const { m, n, A, q } = p;
  for (let jj = 0; jj < nf; jj++) {
    const j = free[jj]!;
    if (inOld[j]) continue;
    // Hessian row of j against the current order: h_l = Σ_k e_k A_kj A_kl, h_jj adds q_j + shift.
    const h = new Float64Array(size);
    let hjj = q[j]! + f.shift;
    for (let k = 0; k < m; k++) {
      const akj = A[k * n + j]!;
      if (akj === 0 || e[k] === 0) continue;
      const w = e[k]! * akj;
      hjj += w * akj;
      for (let l = 0; l < size; l++) h[l] = h[l]! + w * A[k * n + order[l]!]!;
    }
    // L_new = [[L, 0], [lᵀ, d]] with L l = h and d² = h_jj − lᵀl.
    for (let i = 0; i < size; i++) {
      let sum = h[i]!;
      for (let k = 0; k < i; k++) sum -= L[i * size + k]! * h[k]!;
      h[i] = sum / L[i * size + i]!;
    }
    let d2 = hjj;
    for (let i = 0; i < size; i++) d2 -= h[i]! * h[i]!;
    if (!(d2 > 1e-10 * hjj)) return null;
    const grown = new Float64Array((size + 1) * (size + 1));
    for (let i = 0; i < size; i++) for (let k = 0; k <= i; k++) grown[i * (size + 1) + k] = L[i * size + k]!;
    for (let k = 0; k < size; k++) grown[size * (size + 1) + k] = h[k]!;
    grown[size * (size + 1) + size] = Math.sqrt(d2);
    L = grown;
    order.push(j);
    size++;
  }
  return { free: Int32Array.from(order), nf: size, L, shift: f.shift };
}

/**
 * H_FF = Σ_k e_k A_kF A_kFᵀ + diag(q_F) (+ Levenberg–Marquardt shift, proportional to the residual,
 * which keeps fast local convergence and makes the step well defined when the Hessian is singular,
 * e.g. in the total-effort model) and its Cholesky factor.
 */
export function formAndFactor(p: ExpSumProblem, e: Float64Array, free: Int32Array, nf: number, res: number): Factor {
  const { m, n, A, q } = p;
  // AFt (nf×m, row-major) holds sqrt(e_k)·A_kj for free j; H_jl is then a contiguous dot product.
  const AFt = new Float64Array(nf * m);
  for (let k = 0; k < m; k++) {
    const ek = e[k]!;
    if (ek === 0) continue;
    const s = Math.sqrt(ek);
    const r = k * n;
    for (let jj = 0; jj < nf; jj++) AFt[jj * m + k] = s * A[r + free[jj]!]!;
  }
  const H = new Float64Array(nf * nf);
  for (let jj = 0; jj < nf; jj++) {
    const oj = jj * m;
    for (let ll = jj; ll < nf; ll++) {
      const ol = ll * m;
      let s0 = 0;
      let s1 = 0;
      let k = 0;
      for (; k + 1 < m; k += 2) {
        s0 += AFt[oj + k]! * AFt[ol + k]!;
        s1 += AFt[oj + k + 1]! * AFt[ol + k + 1]!;
      }
      if (k < m) s0 += AFt[oj + k]! * AFt[ol + k]!;
      H[jj * nf + ll] = s0 + s1;
    }
  }
  let maxDiag = 0;
  for (let jj = 0; jj < nf; jj++) {
    const idx = jj * nf + jj;
    H[idx] = H[idx]! + q[free[jj]!]!;
    maxDiag = Math.max(maxDiag, H[idx]!);
  }
  let shift = Math.min(res, 1e-2 * Math.max(maxDiag, 1e-300)) * Math.min(1, res) + 1e-13 * maxDiag + 1e-300;
  const Hsave = H.slice();
  for (let tries = 0; nf > 0 && !cholesky(H, nf, shift); tries++) {
    H.set(Hsave);
    shift = Math.max(shift * 100, 1e-12 * Math.max(maxDiag, 1));
    if (tries > 60) throw new Error("formAndFactor: Hessian could not be regularised");
  }
  return { free: free.slice(0, nf), nf, L: H, shift };
}
