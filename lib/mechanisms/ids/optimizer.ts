/**
 * Projected Newton solver (Bertsekas' two-metric projection with Levenberg–Marquardt
 * regularisation) for the convex problems behind eq. 2 and eq. 6:
 *
 *   minimise  F(z) = Σ_k a_k exp(−(A z)_k − b_k) + Σ_j (c_j z_j + q_j z_j²/2)   over z >= 0,
 *
 * with A >= 0 (m×n, row-major), a >= 0, b >= 0. F is convex, so a point satisfying the KKT
 * conditions  z_j >= 0, ∇F_j >= 0, z_j·∇F_j = 0  is a global minimum; the solver stops only
 * when the projected-gradient residual max_j |z_j − max(0, z_j − ∇F_j)| is below tolerance and
 * reports that residual so callers can certify the answer. Internal module.
 */
import { cholDelete, cholesky, choleskySolve } from "./linalg";

export interface ExpSumProblem {
  m: number;
  n: number;
  A: Float64Array;
  a: Float64Array;
  b: Float64Array;
  c: Float64Array;
  q: Float64Array;
}

export interface ExpSumOptions {
  /** Absolute tolerance on the projected gradient, relative to `gradScale` (default 1e-12). */
  tol?: number;
  maxIter?: number;
  /** Coordinate-minimisation sweeps before Newton (default 0). */
  sweeps?: number;
  /** Cholesky factor of the Hessian on a free set, used for the first (chord) steps. */
  initialFactor?: Factor;
}

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

export interface ExpSumResult {
  z: Float64Array;
  value: number;
  iterations: number;
  /** Number of Hessians formed and factored (the expensive part). */
  hessians: number;
  /** max_j |z_j − max(0, z_j − ∇F_j)| at the returned point. */
  residual: number;
  /** Scale of the gradient (max(1, max c_j, max_j Σ_k a_k A_kj)); residuals are compared to tol·gradScale. */
  gradScale: number;
  converged: boolean;
  /** Last factorisation used (for warm-starting a nearby problem), null if none was needed. */
  factor: Factor | null;
}

/** Value, gradient and the exponential terms e_k = a_k exp(−(Az)_k − b_k) at z. */
function evaluate(p: ExpSumProblem, z: Float64Array, e: Float64Array, g: Float64Array | null, nz: Int32Array): number {
  const { m, n, A, a, b, c, q } = p;
  // Corner solutions are common: only the non-zero investments enter A z (nz: scratch, length n).
  let cnt = 0;
  for (let j = 0; j < n; j++) if (z[j] !== 0) nz[cnt++] = j;
  let val = 0;
  for (let k = 0; k < m; k++) {
    const ak = a[k]!;
    if (ak === 0) {
      e[k] = 0;
      continue;
    }
    let y = b[k]!;
    const r = k * n;
    for (let t = 0; t < cnt; t++) {
      const j = nz[t]!;
      y += A[r + j]! * z[j]!;
    }
    const ek = ak * Math.exp(-y);
    e[k] = ek;
    val += ek;
  }
  for (let t = 0; t < cnt; t++) {
    const zj = z[nz[t]!]!;
    val += c[nz[t]!]! * zj + 0.5 * q[nz[t]!]! * zj * zj;
  }
  if (g) gradientFrom(p, z, e, g);
  return val;
}

/** ∇F(z) = c + q∘z − Aᵀe given the exponential terms e at z. */
function gradientFrom(p: ExpSumProblem, z: Float64Array, e: Float64Array, g: Float64Array): void {
  const { m, n, A, c, q } = p;
  for (let j = 0; j < n; j++) g[j] = c[j]! + q[j]! * z[j]!;
  for (let k = 0; k < m; k++) {
    const ek = e[k]!;
    if (ek === 0) continue;
    const r = k * n;
    for (let j = 0; j < n; j++) g[j] = g[j]! - ek * A[r + j]!;
  }
}

function projResidual(z: Float64Array, g: Float64Array): number {
  let r = 0;
  for (let j = 0; j < z.length; j++) {
    const zj = z[j]!;
    const v = Math.abs(zj - Math.max(0, zj - g[j]!));
    if (v > r) r = v;
  }
  return r;
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

/**
 * Exact cyclic coordinate minimisation sweeps (in place), used to find a good starting point and
 * active set before Newton. y_k = (Az)_k + b_k is maintained incrementally; each coordinate is
 * minimised over z_j >= 0 by safeguarded 1-D Newton on its convex derivative.
 */
export function coordinateSweeps(p: ExpSumProblem, z: Float64Array, sweeps: number): void {
  const { m, n, A, a, b, c, q } = p;
  const ey = new Float64Array(m); // a_k exp(−y_k)
  for (let k = 0; k < m; k++) {
    let y = b[k]!;
    for (let j = 0; j < n; j++) y += A[k * n + j]! * z[j]!;
    ey[k] = a[k]! * Math.exp(-y);
  }
  const rows = new Int32Array(m);
  const w = new Float64Array(m);
  const ek = new Float64Array(m);
  for (let s = 0; s < sweeps; s++) {
    for (let j = 0; j < n; j++) {
      let nr = 0;
      for (let k = 0; k < m; k++) {
        const akj = A[k * n + j]!;
        if (akj !== 0 && ey[k]! !== 0) {
          rows[nr] = k;
          w[nr] = akj;
          ek[nr] = ey[k]!;
          nr++;
        }
      }
      const zj = z[j]!;
      // φ'(δ) = c_j + q_j (z_j + δ) − Σ e_k w_k exp(−w_k δ), increasing in δ.
      const dphi = (dl: number) => {
        let v = c[j]! + q[j]! * (zj + dl);
        let h = q[j]!;
        for (let r = 0; r < nr; r++) {
          const t = ek[r]! * w[r]! * Math.exp(-w[r]! * dl);
          v -= t;
          h += t * w[r]!;
        }
        return [v, h] as const;
      };
      let lo = -zj;
      const [vlo] = dphi(lo);
      let delta: number;
      if (vlo >= 0) delta = lo;
      else {
        // Safeguarded Newton on the increasing φ'; while no upper bracket is known, steps may
        // at most double the distance from lo (exp terms can underflow and make φ'' tiny).
        let hi = Number.POSITIVE_INFINITY;
        delta = 0;
        for (let it = 0; it < 100; it++) {
          const [v, h] = dphi(delta);
          if (v > 0) hi = delta;
          else lo = delta;
          if (Math.abs(v) <= 1e-13 * (Math.abs(c[j]!) + 1)) break;
          let next = h > 0 ? delta - v / h : Number.NaN;
          const cap = Number.isFinite(hi) ? hi : lo + Math.max(1, 2 * (delta - lo + 1));
          if (!(next > lo && next < cap)) next = Number.isFinite(hi) ? 0.5 * (lo + hi) : cap;
          if (Math.abs(next - delta) <= 1e-15 * (1 + Math.abs(delta))) {
            delta = next;
            break;
          }
          delta = next;
        }
        if (!Number.isFinite(hi)) delta = lo; // never bracketed: keep the last point with φ' <= 0
      }
      if (delta === 0) continue;
      z[j] = Math.max(0, zj + delta);
      const dz = z[j]! - zj;
      for (let r = 0; r < nr; r++) ey[rows[r]!] = ek[r]! * Math.exp(-w[r]! * dz);
    }
  }
}

/**
 * Minimise F over z >= 0 starting from z0 (clipped to z >= 0). Deterministic. Never throws on
 * non-convergence: check `converged` / `residual`.
 */
export function minimizeExpSum(p: ExpSumProblem, z0: Float64Array, opts: ExpSumOptions = {}): ExpSumResult {
  const { m, n, A, q } = p;
  const gradScale = gradientScale(p);
  const tol = (opts.tol ?? 1e-12) * gradScale;
  const maxIter = opts.maxIter ?? 200;
  const z = new Float64Array(n);
  const nzBuf = new Int32Array(n);
  for (let j = 0; j < n; j++) z[j] = Math.max(0, z0[j] ?? 0);
  if (opts.sweeps) coordinateSweeps(p, z, opts.sweeps);
  const e = new Float64Array(m);
  const g = new Float64Array(n);
  const zNew = new Float64Array(n);
  const eNew = new Float64Array(m);
  const d = new Float64Array(n);
  const gNew = new Float64Array(n);
  let lastModelDecrease = 0;
  let lastVal = 0;
  /** Set zNew = P(z + t d) and return F(zNew); records ∇Fᵀ(z − zNew) for the Armijo test. */
  const trial = (t: number): number => {
    let md = 0;
    for (let j = 0; j < n; j++) {
      const zn = Math.max(0, z[j]! + t * d[j]!);
      zNew[j] = zn;
      md += g[j]! * (z[j]! - zn);
    }
    lastModelDecrease = md;
    lastVal = evaluate(p, zNew, eNew, null, nzBuf);
    return lastVal;
  };
  const free = new Int32Array(n);
  const isActive = new Uint8Array(n);
  let factor: Factor | null = opts.initialFactor ?? null;
  let factorIsInitial = factor !== null;
  let lastRatio = 1;
  let hessians = 0;
  let sweepRescues = 0;
  const rhs = new Float64Array(n);
  let val = evaluate(p, z, e, g, nzBuf);
  let res = projResidual(z, g);
  let it = 0;
  for (; it < maxIter && res > tol; it++) {
    const eps = Math.min(1e-3, res);
    let nf = 0;
    for (let j = 0; j < n; j++) {
      const act = z[j]! <= eps && g[j]! > 0;
      isActive[j] = act ? 1 : 0;
      if (!act) free[nf++] = j;
    }
    // Chord strategy: keep using the last factorisation (updated in O(nf²) per index when the
    // free set changed a little) while it contracts well enough; otherwise factor a fresh Hessian.
    // Reuse pays when forming and factoring H (m·nf²/2 + nf³/6) costs many O(m·n) evaluations:
    // then even a slowly contracting chord step (residual ratio up to 0.7) beats a fresh Hessian.
    const costRatio = (0.5 * m * nf * nf + (nf * nf * nf) / 6) / (3 * m * n + 1);
    let reused = false;
    if (factor !== null && (factorIsInitial || lastRatio <= Math.min(0.7, 0.05 * costRatio))) {
      const updated = adaptFactor(p, e, factor, free, nf);
      if (updated) {
        factor = updated;
        reused = true;
      }
    }
    if (!reused) {
      factor = formAndFactor(p, e, free, nf, res);
      hessians++;
    }
    factorIsInitial = false;
    const F = factor!;
    for (let jj = 0; jj < nf; jj++) rhs[jj] = -g[F.free[jj]!]!;
    if (nf > 0) choleskySolve(F.L, nf, rhs);
    d.fill(0);
    for (let jj = 0; jj < nf; jj++) d[F.free[jj]!] = rhs[jj]!;
    // Active variables (z_j <= eps with ∂F/∂z_j > 0) are sent to the bound: d_j = −z_j.
    for (let j = 0; j < n; j++) if (isActive[j]) d[j] = -z[j]!;
    // Armijo backtracking along the projection arc, with the first-order model decrease
    // ∇Fᵀ(z − z(β)) of the projected step (robust to huge, clipped steps along directions of zero
    // curvature). Near the optimum the decrease drowns in rounding; then a step is accepted when
    // it lowers the projected-gradient residual instead.
    let beta = 1;
    let accepted = false;
    const noise = 1e-14 * (Math.abs(val) + 1);
    for (let ls = 0; ls < 60; ls++) {
      const vn = trial(beta);
      const pred = 1e-4 * lastModelDecrease;
      if (lastModelDecrease > 0 && val - vn >= pred && vn <= val) {
        accepted = true;
        val = vn;
        break;
      }
      if (pred <= noise && vn <= val + noise) {
        gradientFrom(p, zNew, eNew, gNew);
        if (projResidual(zNew, gNew) < res) {
          accepted = true;
          break;
        }
      }
      beta *= 0.5;
    }
    if (!accepted) {
      lastRatio = 1;
      factor = null;
      if (reused) continue; // a stale factorisation produced a useless step: refactor
      // Even a fresh Newton direction failed: far from the optimum the curvature of exp(−y) can
      // underflow and the step explode. One exact coordinate sweep is a safe way forward.
      if (sweepRescues >= 20) break;
      sweepRescues++;
      const before = val;
      coordinateSweeps(p, z, 1);
      val = evaluate(p, z, e, g, nzBuf);
      res = projResidual(z, g);
      if (!(val < before)) break;
      continue;
    }
    // eNew holds the exponential terms at zNew (last trial evaluated), so only the gradient is new.
    z.set(zNew);
    e.set(eNew);
    val = lastVal;
    gradientFrom(p, z, e, g);
    const prevRes = res;
    res = projResidual(z, g);
    lastRatio = res / prevRes;
  }
  return { z, value: val, iterations: it, hessians, residual: res, gradScale, converged: res <= tol, factor };
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
