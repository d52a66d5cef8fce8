/**
 * The CC's optimal-menu linear program (reconstructed model, docs/papers/cip.md):
 *
 *   maximise   Σ_k α_k τ_k (ρ_k − 1) r_k
 *   subject to Σ_k β_k r_k = R  (or ≤ R, see CipInstance.budget)   "budget"
 *              r_k ≥ r_min(θ_k)                                  "min k"
 *              (τ_k a − cρ_k) r_k ≥ (τ_k a − cρ_{k−1}) r_{k−1}   "DLIC k"  (k ≥ 2)
 *              (τ_k a − cρ_k) r_k ≥ (τ_k a − cρ_{k+1}) r_{k+1}   "ULIC k"  (k < K)
 *              (τ_1 a − cρ_1) r_1 ≥ 0                            "IR 1"
 *
 * Row names are 1-based like the paper. Variables are r1…rK (all ≥ 0, as solveLp requires).
 */
import type { LpConstraint, LpProblem } from "@/lib/lp/lp";
import { at, budgetMode, tau, type CipInstance, type MenuWeights } from "./model";

/** Constraint families of the menu LP. */
export type MenuRowFamily = "budget" | "min" | "IR" | "DLIC" | "ULIC";

/** Name of the LP variable holding r_k (k 0-based). */
export const resourceVar = (k: number): string => `r${k + 1}`;

/** Family of a row from its name ("DLIC 3" → "DLIC"). */
export function rowFamily(name: string): MenuRowFamily {
  const head = name.split(" ")[0];
  if (head === "budget" || head === "min" || head === "IR" || head === "DLIC" || head === "ULIC") return head;
  throw new Error(`unknown CIP LP row ${name}`);
}

/** Options for {@link buildMenuLp}. */
export interface MenuLpOptions {
  /** Restrict r to integers. */
  integer?: boolean;
  /** Row families to keep (default: all). */
  families?: readonly MenuRowFamily[];
  /** Rows to drop by name (diagnosis). */
  dropRows?: readonly string[];
  /** "ccUtility" (default): maximise the CC objective; "minSpend" / "maxSpend": minimise / maximise Σ β_k r_k. */
  objective?: "ccUtility" | "minSpend" | "maxSpend";
}

/** Build the menu LP for `instance` with per-type weights (see module doc). */
export function buildMenuLp(instance: CipInstance, weights: MenuWeights, options: MenuLpOptions = {}): LpProblem {
  const { types, evaluationRate: a, paymentCost: c } = instance;
  const K = types.length;
  const variables = types.map((_, k) => resourceVar(k));
  const rows: LpConstraint[] = [];
  const budget: Record<string, number> = {};
  types.forEach((_, k) => (budget[resourceVar(k)] = at(weights.beta, k)));
  rows.push({ name: "budget", coeffs: budget, relation: budgetMode(instance) === "exact" ? "=" : "<=", rhs: instance.resources });
  types.forEach((t, k) => {
    rows.push({ name: `min ${k + 1}`, coeffs: { [resourceVar(k)]: 1 }, relation: ">=", rhs: t.minResources });
  });
  const own = (k: number, j: number) => tau(at(types, k)) * a - c * at(types, j).rewardRate;
  rows.push({ name: "IR 1", coeffs: { [resourceVar(0)]: own(0, 0) }, relation: ">=", rhs: 0 });
  for (let k = 1; k < K; k++) {
    rows.push({
      name: `DLIC ${k + 1}`,
      coeffs: { [resourceVar(k)]: own(k, k), [resourceVar(k - 1)]: -own(k, k - 1) },
      relation: ">=",
      rhs: 0,
    });
  }
  for (let k = 0; k < K - 1; k++) {
    rows.push({
      name: `ULIC ${k + 1}`,
      coeffs: { [resourceVar(k)]: own(k, k), [resourceVar(k + 1)]: -own(k, k + 1) },
      relation: ">=",
      rhs: 0,
    });
  }
  const families = options.families;
  const drop = new Set(options.dropRows ?? []);
  const constraints = rows.filter(
    (r) => !drop.has(r.name) && (families === undefined || families.includes(rowFamily(r.name))),
  );
  const objective: Record<string, number> = {};
  types.forEach((t, k) => {
    objective[resourceVar(k)] =
      options.objective === "minSpend" || options.objective === "maxSpend" ? at(weights.beta, k) : at(weights.alpha, k) * tau(t) * (t.rewardRate - 1);
  });
  return {
    direction: options.objective === "minSpend" ? "min" : "max",
    variables,
    objective,
    constraints,
    ...(options.integer ? { integers: variables } : {}),
  };
}

/**
 * The menu LP in well-scaled units, the form every CIP solve uses ({@link buildScaledMenuLp}).
 * javascript-lp-solver rounds variables to 8 decimals and its pivoting tolerances are absolute
 * (1e-8), so the LP it sees must have variables and coefficients of order 1 whatever the units of
 * the instance (R = 6e-5 or 4e8, a·τ − cρ = 0.01 or 700):
 * - variables are x_k = r_k / unit with unit = R / 1024 (else the largest r_min / 1024, else 1;
 *   1 in integer mode, where r must stay integral), so Σ β_k x_k = 1024: the solver's 8-decimal
 *   rounding is then about 1e-11 of R, at any R (a power of two keeps r = unit · x exact);
 * - every row is divided by its largest coefficient magnitude (row equilibration), rhs included;
 * - the objective is divided by its largest coefficient magnitude.
 * Row names, relations and the feasible set are those of {@link buildMenuLp} (up to the
 * change of variables); answers must still be verified in original units (verify.ts).
 */
export interface ScaledMenuLp {
  lp: LpProblem;
  /** r_k = unit · x_k. */
  unit: number;
  /** Objective of {@link buildMenuLp} = objective of `lp` × objectiveScale. */
  objectiveScale: number;
}

/** The scaled LP measures resources in units of R / RESOURCE_STEPS (see {@link ScaledMenuLp}). */
const RESOURCE_STEPS = 1024;

/** Resource unit of the scaled LP (see {@link ScaledMenuLp}). */
export function menuResourceUnit(instance: CipInstance, integer: boolean): number {
  if (integer) return 1;
  if (instance.resources > 0) return instance.resources / RESOURCE_STEPS;
  const rmin = Math.max(0, ...instance.types.map((t) => t.minResources));
  return rmin > 0 ? rmin / RESOURCE_STEPS : 1;
}

/** {@link buildMenuLp} in scaled units (see {@link ScaledMenuLp}). */
export function buildScaledMenuLp(instance: CipInstance, weights: MenuWeights, options: MenuLpOptions = {}): ScaledMenuLp {
  const base = buildMenuLp(instance, weights, options);
  const unit = menuResourceUnit(instance, options.integer === true);
  const constraints = base.constraints.map((row): LpConstraint => {
    let big = 0;
    for (const a of Object.values(row.coeffs)) big = Math.max(big, Math.abs(a * unit));
    const d = big > 0 ? big : 1;
    const coeffs: Record<string, number> = {};
    for (const [v, a] of Object.entries(row.coeffs)) coeffs[v] = (a * unit) / d;
    return { ...row, coeffs, rhs: row.rhs / d };
  });
  let objectiveScale = 0;
  for (const a of Object.values(base.objective)) objectiveScale = Math.max(objectiveScale, Math.abs(a * unit));
  if (!(objectiveScale > 0)) objectiveScale = 1;
  const objective: Record<string, number> = {};
  for (const [v, a] of Object.entries(base.objective)) objective[v] = (a * unit) / objectiveScale;
  return { lp: { ...base, objective, constraints }, unit, objectiveScale };
}

/** Resources r_k (original units) from the values of a scaled menu LP, in type order. */
export function resourcesFromScaled(scaled: ScaledMenuLp, values: Readonly<Record<string, number>>): number[] {
  return scaled.lp.variables.map((v) => scaled.unit * (values[v] ?? 0));
}
