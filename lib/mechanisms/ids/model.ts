/**
 * The interdependent-security (IDS) game of Naghizadeh & Liu, "Budget Balance or Voluntary
 * Participation? Incentivizing Investments in Interdependent Security Games", §II-A.
 *
 * User i picks x_i >= 0 and pays g_i(x) = f_i(x) + h_i(x_i)            (eq. 1) with
 *   f_i(x)   = alpha_i · exp(−Σ_j W_ij x_j)        (risk, decreasing and convex in every x_j)
 *   h_i(x_i) = c_i x_i + q_i x_i² / 2              (investment cost, increasing and convex).
 * W_ij >= 0 is how much j's investment protects i (W_ii: i's own effectiveness).
 * Everything here is pure: no I/O, no clocks, no randomness.
 */

/** An instance of the IDS game (§II-A). `q` defaults to all zeros (linear costs). */
export interface IdsInstance {
  alpha: number[];
  W: number[][];
  c: number[];
  q?: number[];
}

/** Thrown when an instance or message profile is malformed; the message names the field. */
export class IdsInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IdsInputError";
  }
}

/** Thrown when a solver cannot certify its answer (KKT / best-response check failed). */
export class IdsSolverError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IdsSolverError";
  }
}

/** Flat, typed copy of an instance used by the solvers (W row-major). */
export interface Prepared {
  n: number;
  alpha: Float64Array;
  W: Float64Array;
  c: Float64Array;
  q: Float64Array;
}

/** Number of users N of an instance. */
export function numUsers(inst: IdsInstance): number {
  return inst.alpha.length;
}

function at(a: readonly number[], i: number): number {
  const v = a[i];
  if (v === undefined) throw new IdsInputError(`index ${i} out of range (length ${a.length})`);
  return v;
}

/** W_ij with bounds checking. */
export function weight(inst: IdsInstance, i: number, j: number): number {
  const row = inst.W[i];
  if (!row) throw new IdsInputError(`W[${i}] is missing`);
  return at(row, j);
}

/** q_i (0 when `q` is omitted). */
export function quadCoef(inst: IdsInstance, i: number): number {
  return inst.q ? at(inst.q, i) : 0;
}

/**
 * Magnitudes every instance must respect: each alpha_i, W_ij, c_i, q_i is 0 or between
 * `minPositive` and `maxValue`. Then at the optimum (and at every best response) each user's cost is
 * at most Σ_k alpha_k <= N·1e30, investments are at most N·1e60, Externality prices at most 1e60, so
 * nothing can overflow (Infinity or NaN never reach a result).
 */
export const IDS_RANGE = { minPositive: 1e-30, maxValue: 1e30 } as const;

/** Message for a parameter outside `IDS_RANGE`, or null if it is inside. */
export function rangeProblem(x: number): string | null {
  if (x === 0 || (x >= IDS_RANGE.minPositive && x <= IDS_RANGE.maxValue)) return null;
  return `must be 0 or between ${IDS_RANGE.minPositive} and ${IDS_RANGE.maxValue} (got ${x}); rescale money or investment units`;
}

/**
 * Check the §II-A assumptions: equal lengths, finite numbers, alpha >= 0, W >= 0, c >= 0, q >= 0,
 * magnitudes within `IDS_RANGE`, and c_i + q_i > 0 (otherwise h_i is not increasing and the minimum
 * in eq. 2 need not exist). Throws IdsInputError naming the first offending field.
 */
export function validateInstance(inst: IdsInstance): void {
  const n = inst.alpha.length;
  if (n < 1) throw new IdsInputError("alpha must have at least 1 entry");
  const vec = (name: string, v: readonly number[] | undefined) => {
    if (!v) return;
    if (v.length !== n) throw new IdsInputError(`${name} must have ${n} entries (got ${v.length})`);
    v.forEach((x, i) => {
      if (!Number.isFinite(x)) throw new IdsInputError(`${name}[${i}] must be a finite number`);
      if (x < 0) throw new IdsInputError(`${name}[${i}] must be >= 0 (got ${x})`);
      const range = rangeProblem(x);
      if (range) throw new IdsInputError(`${name}[${i}] ${range}`);
    });
  };
  vec("alpha", inst.alpha);
  vec("c", inst.c);
  vec("q", inst.q);
  if (inst.W.length !== n) throw new IdsInputError(`W must have ${n} rows (got ${inst.W.length})`);
  inst.W.forEach((row, i) => {
    if (!Array.isArray(row)) throw new IdsInputError(`W[${i}] must be an array`);
    if (row.length !== n) throw new IdsInputError(`W[${i}] must have ${n} entries (got ${row.length})`);
    row.forEach((x, j) => {
      if (!Number.isFinite(x)) throw new IdsInputError(`W[${i}][${j}] must be a finite number`);
      if (x < 0) throw new IdsInputError(`W[${i}][${j}] must be >= 0 (got ${x})`);
      const range = rangeProblem(x);
      if (range) throw new IdsInputError(`W[${i}][${j}] ${range}`);
    });
  });
  for (let i = 0; i < n; i++) {
    if (at(inst.c, i) + quadCoef(inst, i) <= 0) {
      throw new IdsInputError(`c[${i}] + q[${i}] must be > 0 (investment cost must be increasing)`);
    }
  }
}

/** Validate and flatten an instance into typed arrays (§II-A). */
export function prepare(inst: IdsInstance): Prepared {
  validateInstance(inst);
  const n = inst.alpha.length;
  const W = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const row = inst.W[i] as number[];
    for (let j = 0; j < n; j++) W[i * n + j] = row[j] as number;
  }
  return {
    n,
    alpha: Float64Array.from(inst.alpha),
    W,
    c: Float64Array.from(inst.c),
    q: inst.q ? Float64Array.from(inst.q) : new Float64Array(n),
  };
}

function checkProfile(inst: IdsInstance, x: readonly number[]): void {
  if (x.length !== inst.alpha.length) {
    throw new IdsInputError(`x must have ${inst.alpha.length} entries (got ${x.length})`);
  }
}

/** (Wx)_i = Σ_j W_ij x_j, the protection user i enjoys. */
export function protection(inst: IdsInstance, i: number, x: readonly number[]): number {
  checkProfile(inst, x);
  let s = 0;
  for (let j = 0; j < x.length; j++) s += weight(inst, i, j) * at(x, j);
  return s;
}

/** Risk f_i(x) = alpha_i exp(−(Wx)_i) (§II-A, first term of eq. 1). */
export function riskTerm(inst: IdsInstance, i: number, x: readonly number[]): number {
  return at(inst.alpha, i) * Math.exp(-protection(inst, i, x));
}

/** Investment cost h_i(x_i) = c_i x_i + q_i x_i²/2 (§II-A, second term of eq. 1). */
export function investmentCost(inst: IdsInstance, i: number, xi: number): number {
  return at(inst.c, i) * xi + 0.5 * quadCoef(inst, i) * xi * xi;
}

/** h_i'(x_i) = c_i + q_i x_i. */
export function marginalInvestmentCost(inst: IdsInstance, i: number, xi: number): number {
  return at(inst.c, i) + quadCoef(inst, i) * xi;
}

/** Total cost g_i(x) = f_i(x) + h_i(x_i) of user i (eq. 1); utility is −g_i (or −g_i − t_i, eq. 3). */
export function userCost(inst: IdsInstance, i: number, x: readonly number[]): number {
  return riskTerm(inst, i, x) + investmentCost(inst, i, at(x, i));
}

/** All users' costs g_i(x) (eq. 1). */
export function userCosts(inst: IdsInstance, x: readonly number[]): number[] {
  return inst.alpha.map((_, i) => userCost(inst, i, x));
}

/**
 * Social cost Σ_{i∈users} g_i(x), the objective of eq. 2 (all users by default; a subset gives
 * the objectives Σ_{j≠i} g_j used by the Pivotal taxes, eq. 6).
 */
export function totalCost(inst: IdsInstance, x: readonly number[], users?: readonly number[]): number {
  const who = users ?? inst.alpha.map((_, i) => i);
  let s = 0;
  for (const i of who) s += userCost(inst, i, x);
  return s;
}

/** ∂f_i/∂x_j (x) = −W_ij f_i(x), the marginal externality used in eq. 13. */
export function riskGradient(inst: IdsInstance, i: number, x: readonly number[]): number[] {
  const f = riskTerm(inst, i, x);
  return x.map((_, j) => -weight(inst, i, j) * f);
}

/** ∂/∂x_j Σ_i g_i(x): the gradient of the social cost in eq. 2. */
export function socialGradient(inst: IdsInstance, x: readonly number[]): number[] {
  const n = inst.alpha.length;
  checkProfile(inst, x);
  const g = x.map((xj, j) => marginalInvestmentCost(inst, j, xj));
  for (let i = 0; i < n; i++) {
    const f = riskTerm(inst, i, x);
    for (let j = 0; j < n; j++) g[j] = (g[j] as number) - weight(inst, i, j) * f;
  }
  return g;
}
