/**
 * Socially optimal investments, eq. 2:  x* = argmin_{x >= 0} Σ_i g_i(x),
 * and the restricted problems the Pivotal mechanism needs (eq. 6, eq. 9):
 *   argmin_{x_S >= 0} Σ_{k∈U} g_k(x_S, x_{−S} fixed)
 * for a set U of users whose costs count and a set S of users whose investments are optimised.
 */
import { IdsInputError, IdsSolverError, prepare, type IdsInstance, type Prepared } from "./model";
import { certifiedMinimum, CERTIFICATE } from "./rescale";
import type { ExpSumProblem, Factor } from "./optimizer";

/** Options for `socialOptimum`. */
export interface SocialOptimumOptions {
  /** Users whose costs g_k enter the objective (default: everyone, eq. 2; Σ_{j≠i} in eq. 6). */
  users?: readonly number[];
  /** Users whose investments are optimised; must be a subset of `users` (default: `users`). */
  vars?: readonly number[];
  /** Investments of users outside `vars` (default 0, i.e. x̂_i^i = 0 of §III-B). Length N. */
  fixed?: readonly number[];
  /** Warm start (length N); entries outside `vars` are ignored. */
  start?: readonly number[];
  /** Projected-gradient tolerance relative to the gradient scale (default 1e-12). */
  tol?: number;
}

/** Result of `socialOptimum`. */
export interface SocialOptimumResult {
  /** Full investment profile (length N): optimised entries and the fixed ones. */
  x: number[];
  /** Σ_{k∈users} g_k(x) at the optimum. */
  cost: number;
  iterations: number;
  /**
   * Relative KKT residual over the optimised j (certificate, eq. 2 is convex): max_j |∂_j| / scale_j
   * (x_j > 0) or max(0, −∂_j) / scale_j (x_j = 0), scale_j = marginal cost + marginal benefit of x_j.
   * At most 1e-9 (else IdsSolverError).
   */
  kktResidual: number;
}

function indexList(name: string, list: readonly number[] | undefined, n: number): number[] {
  if (!list) return Array.from({ length: n }, (_, i) => i);
  const seen = new Set<number>();
  for (const i of list) {
    if (!Number.isInteger(i) || i < 0 || i >= n) throw new IdsInputError(`${name} contains invalid user ${i}`);
    if (seen.has(i)) throw new IdsInputError(`${name} contains user ${i} twice`);
    seen.add(i);
  }
  return [...list].sort((a, b) => a - b);
}

/** Internal: solve on a prepared instance (used by the mechanisms to avoid re-validation). vars ⊆ users. */
export function solveSocial(
  P: Prepared,
  users: readonly number[],
  vars: readonly number[],
  fixed: ArrayLike<number> | null,
  start: ArrayLike<number> | null,
  tol = 1e-12,
  initialFactor?: Factor,
): SocialOptimumResult & { factor: Factor | null } {
  const n = P.n;
  const m = users.length;
  const nv = vars.length;
  const inVars = new Uint8Array(n);
  for (const j of vars) inVars[j] = 1;
  const A = new Float64Array(m * nv);
  const a = new Float64Array(m);
  const b = new Float64Array(m);
  const W = P.W;
  for (let r = 0; r < m; r++) {
    const k = users[r]!;
    a[r] = P.alpha[k]!;
    const row = k * n;
    let off = 0;
    if (fixed) for (let j = 0; j < n; j++) if (!inVars[j]) off += W[row + j]! * (fixed[j] ?? 0);
    b[r] = off;
    const out = r * nv;
    for (let col = 0; col < nv; col++) A[out + col] = W[row + vars[col]!]!;
  }
  const c = new Float64Array(nv);
  const q = new Float64Array(nv);
  for (let col = 0; col < nv; col++) {
    c[col] = P.c[vars[col]!]!;
    q[col] = P.q[vars[col]!]!;
  }
  const prob: ExpSumProblem = { m, n: nv, A, a, b, c, q };
  const z0 = new Float64Array(nv);
  if (start) for (let col = 0; col < nv; col++) z0[col] = start[vars[col]!] ?? 0;
  const r = certifiedMinimum(prob, z0, tol, initialFactor ?? null, start !== null);
  if (!(r.residual <= CERTIFICATE)) {
    throw new IdsSolverError(
      `socialOptimum: relative KKT residual ${r.residual.toExponential(3)} exceeds ${CERTIFICATE} after ${r.iterations} iterations`,
    );
  }
  const x = new Array<number>(n).fill(0);
  for (let j = 0; j < n; j++) if (!inVars[j] && fixed) x[j] = fixed[j] ?? 0;
  vars.forEach((j, col) => (x[j] = r.z[col]!));
  return { x, factor: r.factor, cost: r.value + fixedInvestmentCost(P, users, vars, x), iterations: r.iterations, kktResidual: r.residual };
}

/** Σ_{k∈U, k∉S} h_k(x_k): investment costs of counted users whose investment is fixed. */
function fixedInvestmentCost(P: Prepared, users: readonly number[], vars: readonly number[], x: readonly number[]): number {
  const inVars = new Set(vars);
  let s = 0;
  for (const k of users) {
    if (inVars.has(k)) continue;
    const xk = x[k] ?? 0;
    s += P.c[k]! * xk + 0.5 * P.q[k]! * xk * xk;
  }
  return s;
}

/**
 * Socially optimal investment profile x* of eq. 2 (projected Newton with a KKT certificate;
 * corner solutions x_j = 0 are exact). With `opts.users/vars/fixed` it solves the restricted
 * problems of eq. 6 (Pivotal, users j≠i with x_i fixed) and of eq. 9 (coalition best response).
 * Throws IdsSolverError if the KKT residual cannot be certified.
 */
export function socialOptimum(inst: IdsInstance, opts: SocialOptimumOptions = {}): SocialOptimumResult {
  const P = prepare(inst);
  const users = indexList("users", opts.users, P.n);
  const vars = opts.vars ? indexList("vars", opts.vars, P.n) : users;
  const userSet = new Set(users);
  for (const j of vars) {
    if (!userSet.has(j)) throw new IdsInputError(`vars contains user ${j} who is not in users (its investment would be free)`);
  }
  if (opts.fixed && opts.fixed.length !== P.n) throw new IdsInputError(`fixed must have ${P.n} entries`);
  if (opts.start && opts.start.length !== P.n) throw new IdsInputError(`start must have ${P.n} entries`);
  opts.fixed?.forEach((v, j) => {
    if (!Number.isFinite(v) || v < 0) throw new IdsInputError(`fixed[${j}] must be a finite number >= 0`);
  });
  const { factor: _factor, ...result } = solveSocial(P, users, vars, opts.fixed ?? null, opts.start ?? null, opts.tol);
  return result;
}
