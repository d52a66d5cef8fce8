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
import { choleskySolve } from "./linalg";
import { coordinateSweeps } from "./coordinate";
import { gradientScale, type ExpSumProblem } from "./exp-sum";
import { adaptFactor, formAndFactor, type Factor } from "./factor";

export type { ExpSumProblem } from "./exp-sum";
export type { Factor } from "./factor";
export { formAndFactor } from "./factor";

/** Options of `minimizeExpSum` (the eq. 2 / eq. 6 solver). */
export interface ExpSumOptions {
  /** Absolute tolerance on the projected gradient, relative to `gradScale` (default 1e-12). */
  tol?: number;
  maxIter?: number;
  /** Coordinate-minimisation sweeps before Newton (default 0). */
  sweeps?: number;
  /** Cholesky factor of the Hessian on a free set, used for the first (chord) steps. */
  initialFactor?: Factor;
}

/** Result of `minimizeExpSum`, with the KKT certificate of eq. 2 / eq. 6. */
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

/**
 * Minimise F over z >= 0 starting from z0 (clipped to z >= 0). Deterministic. Never throws on
 * non-convergence: check `converged` / `residual`.
 */
export function minimizeExpSum(p: ExpSumProblem, z0: Float64Array, opts: ExpSumOptions = {}): ExpSumResult {
  const { m, n } = p;
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

