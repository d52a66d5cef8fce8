/**
 * Shared internals for the mechanisms: fast cost evaluation on prepared instances and the
 * "everyone but i" subproblems of eq. 6 / eq. 9. Internal module.
 */
import { cholDelete, cholRankOne } from "./linalg";
import type { Prepared } from "./model";
import { formAndFactor, relativeKktResidual, type Factor } from "./optimizer";
import { solveSocial } from "./social-optimum";

/** g_k(x) for every k on a prepared instance (eq. 1). */
export function costsP(P: Prepared, x: ArrayLike<number>): Float64Array {
  const n = P.n;
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let y = 0;
    for (let j = 0; j < n; j++) y += P.W[k * n + j]! * (x[j] ?? 0);
    const xk = x[k] ?? 0;
    out[k] = P.alpha[k]! * Math.exp(-y) + P.c[k]! * xk + 0.5 * P.q[k]! * xk * xk;
  }
  return out;
}

/** Σ_k v_k except index `skip` (−1: none), with Neumaier compensation. */
export function sumExcept(v: ArrayLike<number>, skip = -1): number {
  let s = 0;
  let comp = 0;
  for (let k = 0; k < v.length; k++) {
    if (k === skip) continue;
    const x = v[k]!;
    const t = s + x;
    comp += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  return s + comp;
}

/** All users except i, in order. */
export function others(n: number, i: number): number[] {
  const r: number[] = [];
  for (let j = 0; j < n; j++) if (j !== i) r.push(j);
  return r;
}

/**
 * argmin_{x_{−i} >= 0} Σ_{j≠i} g_j(x_{−i}, x_i = xi) and its value: the coalition's response when user i is
 * outside the mechanism and invests xi (eq. 6 with x̂_i^i = xi; BR_{−i} of eq. 9).
 */
export function coalitionOptimum(
  P: Prepared,
  i: number,
  xi: number,
  start: ArrayLike<number> | null,
  factor?: Factor,
): { x: number[]; cost: number; factor: Factor | null } {
  const fixed = new Float64Array(P.n);
  fixed[i] = xi;
  const rest = others(P.n, i);
  const r = solveSocial(P, rest, rest, fixed, start, 1e-12, factor);
  return { x: r.x, cost: r.cost, factor: r.factor };
}

/** g_i(x) for one user on a prepared instance (eq. 1), O(N). */
export function userCostP(P: Prepared, i: number, x: ArrayLike<number>): number {
  const n = P.n;
  let y = 0;
  for (let j = 0; j < n; j++) y += P.W[i * n + j]! * (x[j] ?? 0);
  const xi = x[i] ?? 0;
  return P.alpha[i]! * Math.exp(-y) + P.c[i]! * xi + 0.5 * P.q[i]! * xi * xi;
}

/** Exact Hessian of eq. 2 at x on its free set (x_j > 0 or ∂_j <= 0), factored, plus e_k = f_k(x). */
export function hessianAt(P: Prepared, x: readonly number[]): { factor: Factor; e: Float64Array } {
  const n = P.n;
  const e = new Float64Array(n);
  const g = Float64Array.from(P.c);
  for (let k = 0; k < n; k++) {
    let y = 0;
    for (let j = 0; j < n; j++) y += P.W[k * n + j]! * x[j]!;
    e[k] = P.alpha[k]! * Math.exp(-y);
  }
  for (let j = 0; j < n; j++) g[j] = g[j]! + P.q[j]! * x[j]!;
  for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) g[j] = g[j]! - e[k]! * P.W[k * n + j]!;
  const free = new Int32Array(n);
  let nf = 0;
  for (let j = 0; j < n; j++) if (x[j]! > 0 || g[j]! <= 0) free[nf++] = j;
  const prob = { m: n, n, A: P.W, a: P.alpha, b: new Float64Array(n), c: P.c, q: P.q };
  return { factor: formAndFactor(prob, e, free, nf, 0), e };
}

/**
 * Factor for the first chord steps of the eq. 6 subproblem "everyone but i" (variables renumbered
 * without i): delete i from the x* factor and downdate by user i's risk term e_i w_i w_iᵀ.
 * Returns undefined when the update is not numerically safe (the solver then factors afresh).
 */
export function excludedFactor(P: Prepared, base: { factor: Factor; e: Float64Array }, i: number): Factor | undefined {
  const { free, nf, L } = base.factor;
  const n = P.n;
  let pos = -1;
  for (let jj = 0; jj < nf; jj++) if (free[jj] === i) pos = jj;
  const L2 = pos >= 0 ? cholDelete(L, nf, pos) : L.slice(0, nf * nf);
  if (!L2) return undefined;
  const m = pos >= 0 ? nf - 1 : nf;
  const free2 = new Int32Array(m);
  const v = new Float64Array(m);
  const s = Math.sqrt(base.e[i]!);
  let t = 0;
  for (let jj = 0; jj < nf; jj++) {
    const j = free[jj]!;
    if (j === i) continue;
    free2[t] = j > i ? j - 1 : j;
    v[t] = s * P.W[i * n + j]!;
    t++;
  }
  if (!cholRankOne(L2, m, v, -1)) return undefined;
  return { free: free2, nf: m, L: L2, shift: base.factor.shift };
}


/**
 * Relative KKT residual (scale-free, see `relativeKktResidual`) of min_{x_U >= 0} Σ_{k∈U} g_k(x) at x
 * (variables = users U).
 */
export function kktResidualP(P: Prepared, x: readonly number[], users: readonly number[]): number {
  const n = P.n;
  const grad = new Float64Array(users.length);
  const scale = new Float64Array(users.length);
  const z = new Float64Array(users.length);
  users.forEach((j, t) => (z[t] = x[j]!));
  for (const k of users) {
    let y = 0;
    for (let j = 0; j < n; j++) y += P.W[k * n + j]! * x[j]!;
    const e = P.alpha[k]! * Math.exp(-y);
    users.forEach((j, t) => (scale[t] = scale[t]! + e * P.W[k * n + j]!));
  }
  users.forEach((j, t) => {
    const cost = P.c[j]! + P.q[j]! * x[j]!;
    grad[t] = cost - scale[t]!;
    scale[t] = Math.abs(cost) + scale[t]!;
  });
  return relativeKktResidual(z, grad, scale);
}
