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
 * in user order 0..N−1 starting from x = 0; if that does not settle, semismooth Newton on the
 * complementarity form min(x_i, r_i(x)) = 0 started from the last iterate, then from 0. The answer
 * is returned only if every component is certified to be a best response (|x_i − BR_i(x)| tiny);
 * otherwise an IdsSolverError is thrown.
 */
import { luSolve } from "./linalg";
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

/** Largest |x_i − BR_i(x)| (the equilibrium certificate). */
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
  method: "best-response" | "semismooth-newton";
  /** Certificate: max_i |x_i − BR_i(x)|. */
  gap: number;
}

/** Options for `nashEquilibrium`. */
export interface NashOptions {
  maxSweeps?: number;
  /** Certification tolerance on max_i |x_i − BR_i(x)| relative to max(1, max x) (default 1e-9). */
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
    if (change <= 1e-14 * scale) return { x, sweeps: sweep, converged: true };
  }
  return { x, sweeps: maxSweeps, converged: false };
}

/**
 * Semismooth Newton on Φ_i(x) = min(x_i, r_i(x)) with r_i = (y_i + ln(c_i + q_i x_i) − ln(α_i W_ii)) / W_ii,
 * y = W x (r_i >= 0 ⟺ ∂g_i/∂x_i >= 0). Users with α_i W_ii = 0 have Φ_i = x_i.
 */
function semismoothNewton(P: Prepared, start: Float64Array, maxIter = 100): { x: Float64Array; iterations: number } {
  const n = P.n;
  const x = Float64Array.from(start);
  const tiny = 1e-300;
  const phi = (z: Float64Array, out: Float64Array, useMin: Uint8Array | null) => {
    let norm = 0;
    for (let i = 0; i < n; i++) {
      const wii = P.W[i * n + i]!;
      const ai = P.alpha[i]!;
      let v: number;
      if (ai <= 0 || wii <= 0) {
        v = z[i]!;
        if (useMin) useMin[i] = 1;
      } else {
        let y = 0;
        for (let j = 0; j < n; j++) y += P.W[i * n + j]! * z[j]!;
        const r = (y + Math.log(Math.max(P.c[i]! + P.q[i]! * z[i]!, tiny)) - Math.log(ai * wii)) / wii;
        const takeX = z[i]! <= r;
        v = takeX ? z[i]! : r;
        if (useMin) useMin[i] = takeX ? 1 : 0;
      }
      out[i] = v;
      norm += v * v;
    }
    return norm;
  };
  const F = new Float64Array(n);
  const Fn = new Float64Array(n);
  const takeX = new Uint8Array(n);
  const J = new Float64Array(n * n);
  const d = new Float64Array(n);
  const xn = new Float64Array(n);
  let norm = phi(x, F, takeX);
  let it = 0;
  for (; it < maxIter && norm > 1e-30; it++) {
    J.fill(0);
    for (let i = 0; i < n; i++) {
      if (takeX[i]) {
        J[i * n + i] = 1;
        continue;
      }
      const wii = P.W[i * n + i]!;
      for (let j = 0; j < n; j++) J[i * n + j] = P.W[i * n + j]! / wii;
      J[i * n + i] = J[i * n + i]! + P.q[i]! / Math.max(P.c[i]! + P.q[i]! * x[i]!, tiny) / wii;
    }
    for (let i = 0; i < n; i++) d[i] = -F[i]!;
    if (!luSolve(J, n, d)) break;
    let t = 1;
    let ok = false;
    for (let ls = 0; ls < 40; ls++) {
      for (let i = 0; i < n; i++) xn[i] = Math.max(0, x[i]! + t * d[i]!);
      const nn = phi(xn, Fn, null);
      if (nn <= (1 - 1e-4 * t) * norm) {
        ok = true;
        break;
      }
      t *= 0.5;
    }
    if (!ok) break;
    x.set(xn);
    norm = phi(x, F, takeX);
  }
  return { x, iterations: it };
}

/**
 * A Nash equilibrium of the unregulated IDS game (§II-A): every x_i is a best response to x_{−i}.
 * Selection: Gauss–Seidel best responses from x = 0 (user order 0..N−1), falling back to
 * semismooth Newton; the result is certified by max_i |x_i − BR_i(x)| <= tol·max(1, max x),
 * else IdsSolverError. General W may admit several equilibria; this returns the selected one.
 */
export function nashEquilibrium(inst: IdsInstance, opts: NashOptions = {}): NashResult {
  const P = prepare(inst);
  const tol = opts.tol ?? 1e-9;
  const certified = (x: Float64Array) => {
    const gap = bestResponseGap(P, x);
    let scale = 1;
    for (const v of x) scale = Math.max(scale, v);
    return { gap, ok: gap <= tol * scale };
  };
  const finish = (x: Float64Array, iterations: number, method: NashResult["method"], gap: number): NashResult => {
    const xs = Array.from(x);
    return { x: xs, costs: userCosts(inst, xs), iterations, method, gap };
  };
  const gs = gaussSeidel(P, opts.maxSweeps ?? Math.max(200, 20 * P.n));
  const c0 = certified(gs.x);
  if (c0.ok) return finish(gs.x, gs.sweeps, "best-response", c0.gap);
  let iterations = gs.sweeps;
  for (const start of [gs.x, new Float64Array(P.n)]) {
    const sn = semismoothNewton(P, start);
    iterations += sn.iterations;
    const c1 = certified(sn.x);
    if (c1.ok) return finish(sn.x, iterations, "semismooth-newton", c1.gap);
  }
  throw new IdsSolverError(
    `nashEquilibrium: no certified equilibrium found (best-response gap ${c0.gap.toExponential(3)} after ${gs.sweeps} Gauss–Seidel sweeps; semismooth Newton also failed)`,
  );
}
