/**
 * The unregulated IDS game (§II-A): each user i minimises its own g_i(x) = f_i(x) + h_i(x_i)
 * (eq. 1) over x_i >= 0 given the others' investments.
 *
 * Best response (exact): with s = Σ_{j≠i} W_ij x_j and K = alpha_i W_ii e^{−s}, the first-order
 * condition is c_i + q_i x = K e^{−W_ii x}. For q_i = 0 it has the closed form
 * x = max(0, ln(K / c_i) / W_ii); for q_i > 0 we solve the monotone scalar equation by safeguarded
 * Newton to machine precision. If alpha_i W_ii = 0, x_i does not lower i's own risk and BR = 0.
 *
 * Equilibrium selection (documented in docs/papers/ids.md): Gauss–Seidel best-response iteration
 * in user order 0..N−1 starting from x = 0; if that does not settle, the equilibrium found by
 * Lemke's algorithm on the (linearised, for q > 0) complementarity form of the best-response
 * conditions. The answer is returned only if every component is certified to be a best response
 * (|x_i − BR_i(x)| tiny); otherwise an IdsSolverError is thrown.
 */
import { lemke } from "./lemke";
import { IdsInputError, IdsSolverError, prepare, userCosts, type IdsInstance, type Prepared } from "./model";

/** Best response of a user with own parameters (alpha, wii, c, q) to outside protection s. */
export function bestResponseScalar(alpha: number, wii: number, s: number, c: number, q: number): number {
  if (alpha <= 0 || wii <= 0) return 0;
  // psi(x) = c + q x − alpha wii exp(−s − wii x): increasing, concave; BR is its root (or 0).
  const logK = Math.log(alpha) + Math.log(wii) - s;
  const psi = (x: number) => c + q * x - Math.exp(logK - wii * x);
  if (psi(0) >= 0) return 0;
  if (q === 0) return (logK - Math.log(c)) / wii;
  let hi = (Math.exp(logK) - c) / q; // psi(hi) >= 0 because exp(−wii·hi) <= 1
  if (c > 0) hi = Math.min(hi, (logK - Math.log(c)) / wii);
  let lo = 0;
  let x = hi;
  for (let it = 0; it < 200; it++) {
    const ex = Math.exp(logK - wii * x);
    const v = c + q * x - ex;
    if (v > 0) hi = x;
    else if (v < 0) lo = x;
    else return x;
    let nx = x - v / (q + wii * ex);
    if (!(nx > lo && nx < hi)) nx = 0.5 * (lo + hi);
    if (Math.abs(nx - x) <= 1e-16 * Math.max(1, x) || hi - lo <= 1e-16 * Math.max(1, hi)) return nx;
    x = nx;
  }
  return x;
}

function outsideProtection(P: Prepared, i: number, x: ArrayLike<number>): number {
  const n = P.n;
  let s = 0;
  for (let j = 0; j < n; j++) if (j !== i) s += P.W[i * n + j]! * (x[j] ?? 0);
  return s;
}

/** Internal BR on a prepared instance. */
export function bestResponseP(P: Prepared, i: number, x: ArrayLike<number>): number {
  return bestResponseScalar(P.alpha[i]!, P.W[i * P.n + i]!, outsideProtection(P, i, x), P.c[i]!, P.q[i]!);
}

/**
 * Exact best response BR_i(x_{−i}) = argmin_{x_i >= 0} g_i(x_i, x_{−i}) of the unregulated game
 * (eq. 1); x_i's own entry in `x` is ignored. Used by bots for myopic best response and by the
 * loner in Prop. 2 / eq. 9.
 */
export function bestResponse(inst: IdsInstance, i: number, x: readonly number[]): number {
  const P = prepare(inst);
  if (!Number.isInteger(i) || i < 0 || i >= P.n) throw new IdsInputError(`user ${i} out of range`);
  if (x.length !== P.n) throw new IdsInputError(`x must have ${P.n} entries (got ${x.length})`);
  return bestResponseP(P, i, x);
}

/**
 * Relative KKT residual of user i's own problem min_{x_i >= 0} g_i(x_i, x_{−i}) at x (scale-free, like
 * the social optimum's certificate, optimizer.ts `relativeKktResidual`): with marginal cost
 * c_i + q_i x_i and marginal benefit α_i W_ii e^{−(Wx)_i}, |cost − benefit| / (cost + benefit) when
 * x_i > 0, max(0, benefit − cost) / (cost + benefit) at x_i = 0. It does not change when money or the
 * investment unit is rescaled, so a user whose α is 1e-10 of another's is held to the same relative
 * accuracy. g_i is convex in x_i, so a small residual certifies a best response.
 */
export function ownKktResidual(P: Prepared, i: number, x: ArrayLike<number>): number {
  const n = P.n;
  const a = P.alpha[i]!;
  const wii = P.W[i * n + i]!;
  let y = 0;
  for (let j = 0; j < n; j++) y += P.W[i * n + j]! * (x[j] ?? 0);
  const cost = P.c[i]! + P.q[i]! * (x[i] ?? 0);
  const benefit = a > 0 && wii > 0 ? Math.exp(Math.log(a) + Math.log(wii) - y) : 0;
  const scale = Math.abs(cost) + benefit;
  if (scale === 0) return 0; // g_i is flat in x_i: every x_i is a best response
  const g = cost - benefit;
  const v = (x[i] ?? 0) > 0 ? Math.abs(g) : Math.max(0, -g);
  const r = v / scale;
  return Number.isNaN(r) ? Number.POSITIVE_INFINITY : r;
}

/** Largest relative KKT residual of any user's own problem: the Nash equilibrium's certificate. */
export function nashKktResidual(P: Prepared, x: ArrayLike<number>): number {
  let r = 0;
  for (let i = 0; i < P.n; i++) r = Math.max(r, ownKktResidual(P, i, x));
  return r;
}

/** Largest |x_i − BR_i(x)| (reported with the equilibrium, in investment units). */
export function bestResponseGap(P: Prepared, x: ArrayLike<number>): number {
  let gap = 0;
  for (let i = 0; i < P.n; i++) gap = Math.max(gap, Math.abs((x[i] ?? 0) - bestResponseP(P, i, x)));
  return gap;
}

/** Result of `nashEquilibrium`. */
export interface NashResult {
  x: number[];
  costs: number[];
  /** Gauss–Seidel sweeps plus Newton iterations used. */
  iterations: number;
  method: "best-response" | "lemke";
  /** max_i |x_i − BR_i(x)| in investment units (for information; depends on the unit). */
  gap: number;
  /** Certificate: the largest relative KKT residual of a user's own problem (`nashKktResidual`), scale-free. */
  kktResidual: number;
}

/** Options for `nashEquilibrium`. */
export interface NashOptions {
  maxSweeps?: number;
  /** Certification tolerance on the relative KKT residual `nashKktResidual` (default 1e-9). */
  tol?: number;
}

function gaussSeidel(P: Prepared, maxSweeps: number): { x: Float64Array; sweeps: number; converged: boolean } {
  const n = P.n;
  const x = new Float64Array(n);
  const y = new Float64Array(n); // y = W x
  for (let sweep = 1; sweep <= maxSweeps; sweep++) {
    let change = 0;
    let scale = 1;
    for (let i = 0; i < n; i++) {
      const wii = P.W[i * n + i]!;
      const br = bestResponseScalar(P.alpha[i]!, wii, y[i]! - wii * x[i]!, P.c[i]!, P.q[i]!);
      const d = br - x[i]!;
      if (d !== 0) {
        x[i] = br;
        for (let k = 0; k < n; k++) y[k] = y[k]! + P.W[k * n + i]! * d;
      }
      change = Math.max(change, Math.abs(d));
      scale = Math.max(scale, br);
    }
    // stop on the scale-free residual (an absolute change test would stop early for tiny investments)
    if (change === 0 || (change <= 1e-14 * scale && nashKktResidual(P, x) <= 1e-13)) return { x, sweeps: sweep, converged: true };
  }
  return { x, sweeps: maxSweeps, converged: false };
}

/**
 * Josephy–Newton on the complementarity form of the best-response conditions: with y = W x,
 *   x_i >= 0,  r_i(x) = (y_i + ln(c_i + q_i x_i) − ln(α_i W_ii)) / W_ii >= 0,  x_i r_i(x) = 0
 * (r_i >= 0 ⟺ ∂g_i/∂x_i >= 0; users with α_i W_ii = 0 are fixed at 0). r is linear when q = 0,
 * so one Lemke solve gives the exact equilibrium; for q > 0 each step solves the LCP of the
 * linearisation, whose matrix W_ij/W_ii + δ_ij q_i/((c_i + q_i x_i) W_ii) is strictly copositive.
 */
function lemkeNewton(P: Prepared, start: Float64Array, maxIter = 50): { x: Float64Array; iterations: number } {
  const n = P.n;
  const act: number[] = [];
  for (let i = 0; i < n; i++) if (P.alpha[i]! > 0 && P.W[i * n + i]! > 0) act.push(i);
  const m = act.length;
  const x = new Float64Array(n);
  for (const i of act) x[i] = start[i]!;
  const M = new Float64Array(m * m);
  const q = new Float64Array(m);
  let it = 0;
  for (; it < maxIter; it++) {
    for (let a = 0; a < m; a++) {
      const i = act[a]!;
      const wii = P.W[i * n + i]!;
      const ci = P.c[i]!;
      const qi = P.q[i]!;
      const hi = ci + qi * x[i]!;
      // r_i(x) ≈ Σ_j M_ij x_j + q_i around the current x (exact when q_i = 0).
      let lin = 0;
      for (let b = 0; b < m; b++) {
        const j = act[b]!;
        let v = P.W[i * n + j]! / wii;
        if (j === i && qi > 0) v += qi / (hi * wii);
        M[a * m + b] = v;
        lin += v * x[j]!;
      }
      let y = 0;
      for (let j = 0; j < n; j++) y += P.W[i * n + j]! * x[j]!;
      const r = (y + Math.log(Math.max(hi, 1e-300)) - Math.log(P.alpha[i]! * wii)) / wii;
      q[a] = r - lin;
    }
    const zsol = lemke(M, q, m);
    if (!zsol) break;
    let change = 0;
    let scale = 1;
    for (let a = 0; a < m; a++) {
      const i = act[a]!;
      change = Math.max(change, Math.abs(zsol[a]! - x[i]!));
      scale = Math.max(scale, zsol[a]!);
      x[i] = zsol[a]!;
    }
    if (change <= 1e-14 * scale) break;
  }
  return { x, iterations: it + 1 };
}

/**
 * A Nash equilibrium of the unregulated IDS game (§II-A): every x_i is a best response to x_{−i}.
 * Selection: Gauss–Seidel best responses from x = 0 (user order 0..N−1), falling back to
 * Lemke's algorithm (Josephy–Newton for q > 0); the result is certified by the relative KKT residual of
 * every user's own problem (`nashKktResidual` <= tol, scale-free), else IdsSolverError (`mechlab solve
 * ids` then refuses the instance with exit code 2). General W may admit several equilibria; this returns
 * the selected one.
 */
export function nashEquilibrium(inst: IdsInstance, opts: NashOptions = {}): NashResult {
  const P = prepare(inst);
  const tol = opts.tol ?? 1e-9;
  const certified = (x: Float64Array) => {
    const kkt = nashKktResidual(P, x);
    return { kkt, ok: kkt <= tol };
  };
  const finish = (x: Float64Array, iterations: number, method: NashResult["method"], kkt: number): NashResult => {
    const xs = Array.from(x);
    return { x: xs, costs: userCosts(inst, xs), iterations, method, gap: bestResponseGap(P, x), kktResidual: kkt };
  };
  const gs = gaussSeidel(P, opts.maxSweeps ?? Math.max(200, 20 * P.n));
  const c0 = certified(gs.x);
  if (c0.ok) return finish(gs.x, gs.sweeps, "best-response", c0.kkt);
  let iterations = gs.sweeps;
  for (const start of [gs.x, new Float64Array(P.n)]) {
    const ln = lemkeNewton(P, start);
    iterations += ln.iterations;
    const c1 = certified(ln.x);
    if (c1.ok) return finish(ln.x, iterations, "lemke", c1.kkt);
  }
  throw new IdsSolverError(
    `nashEquilibrium: no certified equilibrium found (relative KKT residual ${c0.kkt.toExponential(3)} > ${tol} after ${gs.sweeps} Gauss–Seidel sweeps; Lemke/Josephy–Newton also failed)`,
  );
}
