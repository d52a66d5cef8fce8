/**
 * A small, safe front end to javascript-lp-solver.
 *
 * Rules learnt the hard way (measured against HiGHS; see docs/solvers.md):
 * - every variable is x >= 0; we never use `unrestricted` (it can hang forever);
 * - variable names are prefixed so they cannot collide with `feasible`, `result`, …;
 * - the solver's `feasible` flag is not trusted: every solution is checked against the
 *   constraints here and the largest violation is returned as `maxResidual`.
 */
import solver from "javascript-lp-solver";

export type LpRelation = "<=" | ">=" | "=";

/** One linear constraint: Σ coeffs[v]·v (relation) rhs. */
export interface LpConstraint {
  name: string;
  coeffs: Readonly<Record<string, number>>;
  relation: LpRelation;
  rhs: number;
}

/** A linear program over non-negative variables. */
export interface LpProblem {
  direction: "max" | "min";
  variables: readonly string[];
  objective: Readonly<Record<string, number>>;
  constraints: readonly LpConstraint[];
  /** Variables restricted to integers (branch and bound). */
  integers?: readonly string[];
}

export type LpResult =
  | { status: "optimal"; values: Record<string, number>; objective: number; maxResidual: number }
  | { status: "infeasible"; violated: string[] }
  | { status: "unbounded" };

const PREFIX = "v_";
const CPREFIX = "c_";

/**
 * Largest violation of any constraint (or of x >= 0) at `values`, and the names of violated rows.
 * A row's violation is measured relative to max(1, |rhs|, Σ|a_i·x_i|): relative to the size of its
 * terms when they are large (a row 300·x − 400·y ≥ 0 cannot be checked to better than about
 * 1e-8 × 400 once the library has rounded x and y to 8 decimals), absolute below 1, matching the
 * library's absolute 1e-8 rounding. Callers should therefore scale their LPs so that variables and
 * row coefficients are of order 1 (see lib/mechanisms/cip/menu-lp.ts) and verify answers in their
 * own units.
 */
export function lpResiduals(p: LpProblem, values: Readonly<Record<string, number>>, tol = 1e-6) {
  let max = 0;
  const violated: string[] = [];
  for (const c of p.constraints) {
    let lhs = 0;
    let terms = 0;
    for (const [v, a] of Object.entries(c.coeffs)) {
      const t = a * (values[v] ?? 0);
      lhs += t;
      terms += Math.abs(t);
    }
    const scale = Math.max(1, Math.abs(c.rhs), terms);
    const r =
      c.relation === "<=" ? lhs - c.rhs : c.relation === ">=" ? c.rhs - lhs : Math.abs(lhs - c.rhs);
    const rel = Math.max(0, r) / scale;
    if (rel > max) max = rel;
    if (rel > tol) violated.push(c.name);
  }
  for (const v of p.variables) {
    const x = values[v] ?? 0;
    if (x < -tol) {
      max = Math.max(max, -x);
      violated.push(`${v} >= 0`);
    }
  }
  return { maxResidual: max, violated };
}

/**
 * Solve an LP with javascript-lp-solver and verify the answer independently.
 * A solution whose residual exceeds `tol` (relative to max(1, |rhs|, Σ|a·x|), see lpResiduals) is reported as infeasible
 * with the violated rows named, never returned as optimal. `timeoutMs` bounds branch and bound in
 * integer mode (then the answer is the best integer point found, still verified, or infeasible).
 */
export function solveLp(p: LpProblem, tol = 1e-6, opts: { timeoutMs?: number } = {}): LpResult {
  const constraints: Record<string, { min?: number; max?: number; equal?: number }> = {};
  p.constraints.forEach((c, i) => {
    const key = `${CPREFIX}${i}`;
    constraints[key] =
      c.relation === "<=" ? { max: c.rhs } : c.relation === ">=" ? { min: c.rhs } : { equal: c.rhs };
  });
  const variables: Record<string, Record<string, number>> = {};
  for (const v of p.variables) variables[PREFIX + v] = { [`${CPREFIX}obj`]: p.objective[v] ?? 0 };
  p.constraints.forEach((c, i) => {
    for (const [v, a] of Object.entries(c.coeffs)) {
      const row = variables[PREFIX + v];
      if (!row) throw new Error(`LP constraint ${c.name} uses unknown variable ${v}`);
      row[`${CPREFIX}${i}`] = (row[`${CPREFIX}${i}`] ?? 0) + a;
    }
  });
  const model = {
    optimize: `${CPREFIX}obj`,
    opType: p.direction,
    constraints,
    variables,
    ...(p.integers && p.integers.length > 0
      ? { ints: Object.fromEntries(p.integers.map((v) => [PREFIX + v, 1])) }
      : {}),
    // Branch and bound stops after this long with the best integer point found so far (checked below
    // like any other answer); without it a hard integer program can run for minutes.
    ...(opts.timeoutMs !== undefined ? { timeout: opts.timeoutMs } : {}),
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const raw = (solver as any).Solve(model) as Record<string, unknown>;
  const values: Record<string, number> = {};
  for (const v of p.variables) {
    const x = raw[PREFIX + v];
    values[v] = typeof x === "number" ? x : 0;
  }
  if (raw.bounded === false) return { status: "unbounded" };
  const { maxResidual, violated } = lpResiduals(p, values, tol);
  if (violated.length > 0) {
    return { status: "infeasible", violated: p.constraints.filter((c) => violated.includes(c.name)).map((c) => c.name).concat(violated.filter((n) => n.endsWith(">= 0"))) };
  }
  if (raw.feasible !== true && maxResidual > tol) return { status: "infeasible", violated };
  let objective = 0;
  for (const v of p.variables) objective += (p.objective[v] ?? 0) * (values[v] ?? 0);
  return { status: "optimal", values, objective, maxResidual };
}
