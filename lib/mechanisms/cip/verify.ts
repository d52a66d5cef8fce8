/**
 * Independent verification of a CIP menu: every constraint of the full (unrelaxed) problem is
 * re-checked from the utilities, so a menu is never trusted on the LP solver's word alone.
 */
import { at, budgetMode, ciUtility, contractFor, type CipInstance, type Contract, type MenuWeights } from "./model";

/** Residuals of a menu against the full problem. All violations are relative (see `scale`). */
export interface MenuVerification {
  /** True when every residual is within `tolerance`. */
  ok: boolean;
  tolerance: number;
  /** |Σ β_k r_k − R| / max(1, R) for an exact budget; max(0, Σ β_k r_k − R) / max(1, R) for "atMost". */
  budgetResidual: number;
  /** R − Σ β_k r_k (0 up to rounding for an exact budget). */
  unspent: number;
  /** max_k max(0, r_min_k − r_k) / max(1, r_min_k). */
  minResourcesViolation: number;
  /** max_k max(0, −r_k) (resources can't be negative). */
  negativityViolation: number;
  /** Integer mode only: max_k |r_k − round(r_k)| (0 otherwise). */
  integralityViolation: number;
  /** max_k max(0, −U(k,k)) / scale: individual rationality of EVERY type. */
  irViolation: number;
  /** max_{k,j} max(0, U(k,j) − U(k,k)) / scale: GLOBAL incentive compatibility. */
  icViolation: number;
  /** Normaliser of utility residuals: max(1, max |U(k,j)|). */
  scale: number;
  /** Human-readable names of violated conditions, e.g. "IC 2→3" (type 2 prefers contract 3), 1-based. */
  violations: string[];
}

/** Default tolerance for verification (relative). */
export const VERIFY_TOLERANCE = 1e-6;

/**
 * Check resources r (one per type) against budget Σβr = R, r ≥ r_min, IR of every type and
 * global IC of every type against every contract, and integrality when `integer` (default: the
 * instance's integerResources). Contracts are (r_k, ρ_k r_k).
 */
export function verifyMenu(
  instance: CipInstance,
  weights: MenuWeights,
  resources: readonly number[],
  tolerance = VERIFY_TOLERANCE,
  integer = instance.integerResources === true,
): MenuVerification {
  const { types } = instance;
  const contracts: Contract[] = types.map((t, k) => contractFor(t, at(resources, k)));
  const u = types.map((t) => contracts.map((c) => ciUtility(t, c, instance)));
  const violations: string[] = [];
  let scale = 1;
  for (const row of u) for (const x of row) scale = Math.max(scale, Math.abs(x));

  const spent = types.reduce((s, _, k) => s + at(weights.beta, k) * at(resources, k), 0);
  const over = budgetMode(instance) === "exact" ? Math.abs(spent - instance.resources) : Math.max(0, spent - instance.resources);
  const budgetResidual = over / Math.max(1, instance.resources);
  if (budgetResidual > tolerance) violations.push(`budget (Σβr = ${spent}, R = ${instance.resources})`);

  let minResourcesViolation = 0;
  let negativityViolation = 0;
  let irViolation = 0;
  let icViolation = 0;
  let integralityViolation = 0;
  types.forEach((t, k) => {
    const r = at(resources, k);
    if (integer) {
      const frac = Math.abs(r - Math.round(r));
      integralityViolation = Math.max(integralityViolation, frac);
      if (frac > tolerance) violations.push(`integer r ${k + 1}`);
    }
    const m = Math.max(0, t.minResources - r) / Math.max(1, t.minResources);
    minResourcesViolation = Math.max(minResourcesViolation, m);
    if (m > tolerance) violations.push(`min ${k + 1}`);
    negativityViolation = Math.max(negativityViolation, Math.max(0, -r));
    if (r < -tolerance) violations.push(`r ${k + 1} >= 0`);
    const row = at(u, k);
    const own = at(row, k);
    const ir = Math.max(0, -own) / scale;
    irViolation = Math.max(irViolation, ir);
    if (ir > tolerance) violations.push(`IR ${k + 1}`);
    row.forEach((other, j) => {
      if (j === k) return;
      const ic = Math.max(0, other - own) / scale;
      icViolation = Math.max(icViolation, ic);
      if (ic > tolerance) violations.push(`IC ${k + 1}→${j + 1}`);
    });
  });
  return {
    ok: violations.length === 0,
    tolerance,
    budgetResidual,
    unspent: instance.resources - spent,
    minResourcesViolation,
    negativityViolation,
    integralityViolation,
    irViolation,
    icViolation,
    scale,
    violations,
  };
}

/**
 * For each true type k, the OTHER contracts j it is indifferent to (|U(k,j) − U(k,k)| ≤ tol·scale),
 * 0-based. At an LP optimum a type is indifferent wherever a ULIC or DLIC binds; the mechanism
 * still expects type k to take contract k.
 */
export function indifferences(utility: readonly (readonly number[])[], tolerance = VERIFY_TOLERANCE): number[][] {
  let scale = 1;
  for (const row of utility) for (const x of row) scale = Math.max(scale, Math.abs(x));
  return utility.map((row, k) => {
    const own = at(row, k);
    const out: number[] = [];
    row.forEach((x, j) => {
      if (j !== k && Math.abs(x - own) <= tolerance * scale) out.push(j);
    });
    return out;
  });
}
