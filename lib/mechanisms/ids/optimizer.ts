/**
 * Projected Newton solver (Bertsekas' two-metric projection with Levenberg–Marquardt
 * regularisation) for the convex problems behind eq. 2 and eq. 6:
 *
 *   minimise  F(z) = Σ_k a_k exp(−(A z)_k − b_k) + Σ_j (c_j z_j + q_j z_j²/2)   over z >= 0,
 *
 * with A >= 0 (m×n, row-major), a >= 0, b >= 0. F is convex, so a point satisfying the KKT
 * conditions  z_j >= 0, ∇F_j >= 0, z_j·∇F_j = 0  is a global minimum. The solver stops only when
 * the *relative* KKT residual (`relativeKktResidual`, scale-free: unchanged when money or any
 * user's investment unit is rescaled) is below tolerance, and reports it so callers can certify
 * the answer. Internal module.
 */
import { choleskySolve } from "./linalg";
import { coordinateSweeps } from "./coordinate";
import type { ExpSumProblem } from "./exp-sum";
import { adaptFactor, formAndFactor, type Factor } from "./factor";

export type { ExpSumProblem } from "./exp-sum";
export type { Factor } from "./factor";
export { formAndFactor } from "./factor";

/** Options of `minimizeExpSum` (the eq. 2 / eq. 6 solver). */
export interface ExpSumOptions {
  /** Tolerance on the relative KKT residual (default 1e-12). */
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
  /** Relative KKT residual (`relativeKktResidual`) at the returned point: the certificate. */
  residual: number;
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

/**
 * ∇F(z) = c + q∘z − Aᵀe given the exponential terms e at z; with `scale`, also the size of each
 * gradient component's two sides, scale_j = |c_j + q_j z_j| + (Aᵀe)_j (marginal cost + marginal benefit).
 */
function gradientFrom(p: ExpSumProblem, z: Float64Array, e: Float64Array, g: Float64Array, scale?: Float64Array): void {
  const { m, n, A, c, q } = p;
  const benefit = scale ?? g;
  if (scale) scale.fill(0);
  else g.fill(0);
  for (let k = 0; k < m; k++) {
    const ek = e[k]!;
    if (ek === 0) continue;
    const r = k * n;
    for (let j = 0; j < n; j++) benefit[j] = benefit[j]! + ek * A[r + j]!;
  }
  for (let j = 0; j < n; j++) {
    const cost = c[j]! + q[j]! * z[j]!;
    g[j] = cost - benefit[j]!;
    if (scale) scale[j] = Math.abs(cost) + benefit[j]!;
  }
}

/**
 * Relative KKT residual of z >= 0 (scale-free certificate of eq. 2 / eq. 6): max over j of
 * |∇F_j| / scale_j where z_j > 0 and max(0, −∇F_j) / scale_j where z_j = 0, with
 * scale_j = |c_j + q_j z_j| + Σ_k e_k A_kj. It compares each user's marginal cost with the marginal
 * benefit of its investment, so it does not change when money or an investment unit is rescaled and
 * users whose costs are 1e-10 of the others' are held to the same relative accuracy. Because F is
 * convex, residual ρ bounds the optimality gap: F(z) − F* <= ρ·Σ_j scale_j (z_j + u_j) for any box
 * 0 <= x* <= u (a relative duality gap).
 */
export function relativeKktResidual(z: ArrayLike<number>, g: ArrayLike<number>, scale: ArrayLike<number>): number {
  let r = 0;
  for (let j = 0; j < z.length; j++) {
    const gj = g[j]!;
    const v = z[j]! > 0 ? Math.abs(gj) : Math.max(0, -gj);
    if (v === 0) continue;
    const rel = v / scale[j]!;
    if (!(rel <= r)) r = Number.isNaN(rel) ? Number.POSITIVE_INFINITY : rel;
  }
  return r;
}

/** Relative KKT residual (`relativeKktResidual`) of problem p at z >= 0. */
export function kktCertificate(p: ExpSumProblem, z: Float64Array): number {
  const e = new Float64Array(p.m);
  const g = new Float64Array(p.n);
  const scale = new Float64Array(p.n);
  evaluate(p, z, e, null, new Int32Array(p.n));
  gradientFrom(p, z, e, g, scale);
  return relativeKktResidual(z, g, scale);
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
  const tol = opts.tol ?? 1e-12;
  const maxIter = opts.maxIter ?? 300;
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
  const gScale = new Float64Array(n);
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
  let val = evaluate(p, z, e, null, nzBuf);
  gradientFrom(p, z, e, g, gScale);
  // res (projected gradient, in the problem's units) steers the active set and the shift; rho
  // (relative, scale-free) decides when to stop.
  let res = projResidual(z, g);
  let rho = relativeKktResidual(z, g, gScale);
  let it = 0;
  for (; it < maxIter && rho > tol; it++) {
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
    // F is a sum of non-negative terms, so its rounding is relative to F itself: an absolute floor
    // (1e-14·(F + 1)) let a step that sends an investment to a huge value pass as "no worse" whenever
    // every cost is below 1e-14 money units, and the answer could then not be certified.
    const noise = 1e-14 * Math.abs(val);
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
      zNew.set(z);
      coordinateSweeps(p, zNew, 1);
      const after = evaluate(p, zNew, eNew, null, nzBuf);
      if (!(after < before)) break; // keep z: never return a point worse than one already reached
      z.set(zNew);
      e.set(eNew);
      val = after;
      gradientFrom(p, z, e, g, gScale);
      res = projResidual(z, g);
      rho = relativeKktResidual(z, g, gScale);
      continue;
    }
    // eNew holds the exponential terms at zNew (last trial evaluated), so only the gradient is new.
    z.set(zNew);
    e.set(eNew);
    val = lastVal;
    gradientFrom(p, z, e, g, gScale);
    const prevRes = res;
    res = projResidual(z, g);
    rho = relativeKktResidual(z, g, gScale);
    lastRatio = res / prevRes;
  }
  return { z, value: val, iterations: it, hessians, residual: rho, converged: rho <= tol, factor };
}

