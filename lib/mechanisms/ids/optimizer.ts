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
import { cholesky, choleskySolve } from "./linalg";

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
}

export interface ExpSumResult {
  z: Float64Array;
  value: number;
  iterations: number;
  /** max_j |z_j − max(0, z_j − ∇F_j)| at the returned point. */
  residual: number;
  /** Scale of the gradient (max(1, max c_j, max_j Σ_k a_k A_kj)); residuals are compared to tol·gradScale. */
  gradScale: number;
  converged: boolean;
}

/** Value, gradient and the exponential terms e_k = a_k exp(−(Az)_k − b_k) at z. */
function evaluate(p: ExpSumProblem, z: Float64Array, e: Float64Array, g: Float64Array | null): number {
  const { m, n, A, a, b, c, q } = p;
  let val = 0;
  for (let k = 0; k < m; k++) {
    const ak = a[k]!;
    if (ak === 0) {
      e[k] = 0;
      continue;
    }
    let y = b[k]!;
    const r = k * n;
    for (let j = 0; j < n; j++) y += A[r + j]! * z[j]!;
    const ek = ak * Math.exp(-y);
    e[k] = ek;
    val += ek;
  }
  for (let j = 0; j < n; j++) {
    const zj = z[j]!;
    val += c[j]! * zj + 0.5 * q[j]! * zj * zj;
  }
  if (g) {
    for (let j = 0; j < n; j++) g[j] = c[j]! + q[j]! * z[j]!;
    for (let k = 0; k < m; k++) {
      const ek = e[k]!;
      if (ek === 0) continue;
      const r = k * n;
      for (let j = 0; j < n; j++) g[j] = g[j]! - ek * A[r + j]!;
    }
  }
  return val;
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
 * Minimise F over z >= 0 starting from z0 (clipped to z >= 0). Deterministic. Never throws on
 * non-convergence: check `converged` / `residual`.
 */
export function minimizeExpSum(p: ExpSumProblem, z0: Float64Array, opts: ExpSumOptions = {}): ExpSumResult {
  const { m, n, A, q } = p;
  const gradScale = gradientScale(p);
  const tol = (opts.tol ?? 1e-12) * gradScale;
  const maxIter = opts.maxIter ?? 200;
  const z = new Float64Array(n);
  for (let j = 0; j < n; j++) z[j] = Math.max(0, z0[j] ?? 0);
  const e = new Float64Array(m);
  const g = new Float64Array(n);
  const zNew = new Float64Array(n);
  const eNew = new Float64Array(m);
  const d = new Float64Array(n);
  const gNew = new Float64Array(n);
  let lastActiveDecrease = 0;
  /** Set zNew = P(z + t d) and return F(zNew); records the active-set decrease for Armijo. */
  const trial = (t: number): number => {
    let activeDecrease = 0;
    for (let j = 0; j < n; j++) {
      const zn = Math.max(0, z[j]! + t * d[j]!);
      zNew[j] = zn;
      if (isActive[j]) activeDecrease += g[j]! * (z[j]! - zn);
    }
    lastActiveDecrease = activeDecrease;
    return evaluate(p, zNew, eNew, null);
  };
  const free = new Int32Array(n);
  const isActive = new Uint8Array(n);
  let AF = new Float64Array(0);
  let H = new Float64Array(0);
  const rhs = new Float64Array(n);
  let val = evaluate(p, z, e, g);
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
    // Compact A restricted to free columns, rows scaled by sqrt(e_k); H = AFᵀ AF + diag(q_F).
    if (AF.length < m * nf) AF = new Float64Array(m * nf);
    if (H.length < nf * nf) H = new Float64Array(nf * nf);
    H.fill(0, 0, nf * nf);
    for (let k = 0; k < m; k++) {
      const ek = e[k]!;
      if (ek === 0) continue;
      const s = Math.sqrt(ek);
      const r = k * n;
      const rf = k * nf;
      let any = false;
      for (let jj = 0; jj < nf; jj++) {
        const v = s * A[r + free[jj]!]!;
        AF[rf + jj] = v;
        if (v !== 0) any = true;
      }
      if (!any) continue;
      for (let jj = 0; jj < nf; jj++) {
        const v = AF[rf + jj]!;
        if (v === 0) continue;
        const hr = jj * nf;
        for (let ll = jj; ll < nf; ll++) H[hr + ll] = H[hr + ll]! + v * AF[rf + ll]!;
      }
    }
    let maxDiag = 0;
    for (let jj = 0; jj < nf; jj++) {
      const idx = jj * nf + jj;
      H[idx] = H[idx]! + q[free[jj]!]!;
      maxDiag = Math.max(maxDiag, H[idx]!);
    }
    // Levenberg–Marquardt shift proportional to the residual keeps fast local convergence and
    // makes the step well defined when the Hessian is singular (e.g. the total-effort model).
    let shift = Math.min(res, 1e-2 * Math.max(maxDiag, 1e-300)) * Math.min(1, res) + 1e-13 * maxDiag + 1e-300;
    const Hsave = H.slice(0, nf * nf);
    for (let tries = 0; nf > 0 && !cholesky(H, nf, shift); tries++) {
      if (tries > 40) break;
      H.set(Hsave);
      shift = Math.max(shift * 100, 1e-12 * Math.max(maxDiag, 1));
    }
    for (let jj = 0; jj < nf; jj++) rhs[jj] = -g[free[jj]!]!;
    if (nf > 0) choleskySolve(H, nf, rhs);
    let slopeFree = 0;
    d.fill(0);
    for (let jj = 0; jj < nf; jj++) {
      const j = free[jj]!;
      d[j] = rhs[jj]!;
      slopeFree += -g[j]! * rhs[jj]!;
    }
    for (let j = 0; j < n; j++) {
      if (!isActive[j]) continue;
      let hjj = q[j]!;
      for (let k = 0; k < m; k++) {
        const v = A[k * n + j]!;
        hjj += e[k]! * v * v;
      }
      d[j] = -g[j]! / Math.max(hjj, 1e-12 * gradScale);
    }
    // Armijo backtracking along the projection arc. Newton undershoots on exp(−y) when moving
    // towards more investment, so a full step that works is expanded while the value keeps
    // dropping. Near the optimum the decrease drowns in rounding; then a step is accepted when it
    // lowers the projected-gradient residual instead.
    let beta = 1;
    let accepted = false;
    const noise = 1e-14 * (Math.abs(val) + 1);
    for (let ls = 0; ls < 60; ls++) {
      const vn = trial(beta);
      const pred = 1e-4 * (beta * slopeFree + lastActiveDecrease);
      if (val - vn >= pred && vn <= val) {
        accepted = true;
        let vBest = vn;
        if (beta === 1) {
          for (let ex = 0; ex < 30; ex++) {
            const v2 = trial(beta * 2);
            if (!(v2 < vBest - noise)) break;
            beta *= 2;
            vBest = v2;
          }
          trial(beta);
        }
        val = vBest;
        break;
      }
      if (pred <= noise && vn <= val + noise) {
        evaluate(p, zNew, eNew, gNew);
        if (projResidual(zNew, gNew) < res) {
          accepted = true;
          break;
        }
      }
      beta *= 0.5;
    }
    if (!accepted) break;
    z.set(zNew);
    val = evaluate(p, z, e, g);
    res = projResidual(z, g);
  }
  return { z, value: val, iterations: it, residual: res, gradScale, converged: res <= tol };
}

