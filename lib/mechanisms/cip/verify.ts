/**
 * Independent verification of a CIP menu: every constraint of the full (unrelaxed) problem is
 * re-checked from the utilities, so a menu is never trusted on the LP solver's word alone.
 */
import { at, budgetMode, ciUtility, contractFor, tau, type CipInstance, type Contract, type MenuWeights } from "./model";

/**
 * Residuals of a menu against the full problem. All violations are RELATIVE to the size of the
 * quantities compared (no max(1, ·) floors), so a menu at R = 6e-5 is checked as strictly as one
 * at R = 600:
 * - a utility U(k,j) = τ_k·a·r_j − c·ρ_j·r_j is compared with the magnitude of its terms,
 *   |τ_k·a·r_j| + |c·ρ_j·r_j| (the floating-point accuracy of U, even when τ_k·a ≈ c·ρ_j);
 * - resources are compared with R (budget), r_min (minimums) or the resource scale.
 */
export interface MenuVerification {
  /** True when every residual is within `tolerance`. */
  ok: boolean;
  tolerance: number;
  /**
   * Exact budget: |Σ β_k r_k − R| / max(R, Σ β_k |r_k|); "atMost": max(0, Σ β_k r_k − R) / the same.
   * (0 when R and every r_k are 0.)
   */
  budgetResidual: number;
  /** R − Σ β_k r_k (0 up to rounding for an exact budget; never negative for menus from designMenu). */
  unspent: number;
  /** max_k max(0, r_min_k − r_k) / r_min_k (types with r_min_k > 0). */
  minResourcesViolation: number;
  /** max_k max(0, −r_k) / resource scale max(R, max r_min, max |r|) (resources can't be negative). */
  negativityViolation: number;
  /** Integer mode only: max_k |r_k − round(r_k)| (0 otherwise). */
  integralityViolation: number;
  /** max_k max(0, −U(k,k)) / terms(k,k): individual rationality of EVERY type. */
  irViolation: number;
  /** max_{k,j} max(0, U(k,j) − U(k,k)) / max(terms(k,j), terms(k,k)): GLOBAL incentive compatibility. */
  icViolation: number;
  /** Largest utility magnitude max |U(k,j)| (informational; residuals use per-utility term sizes). */
  scale: number;
  /** Human-readable names of violated conditions, e.g. "IC 2→3" (type 2 prefers contract 3), 1-based. */
  violations: string[];
}

/** Default tolerance for verification (relative). */
export const VERIFY_TOLERANCE = 1e-6;

const ratio = (num: number, den: number): number => (num <= 0 ? 0 : den > 0 ? num / den : Infinity);

/**
 * Check resources r (one per type) against budget Σβr = R, r ≥ r_min, IR of every type and
 * global IC of every type against every contract, and integrality when `integer` (default: the
 * instance's integerResources). Contracts are (r_k, ρ_k r_k). Works in the instance's own units;
 * shares nothing with the LP but the model's utility function.
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
  const u = types.map((t) => contracts.map((ct) => ciUtility(t, ct, instance)));
  const terms = utilityTerms(instance, resources);
  const violations: string[] = [];
  // a utility that overflowed (τ·a·r beyond the largest double) makes every residual NaN, and NaN > tolerance is
  // false: it must fail here, not pass unnoticed (also each residual below is compared with `exceeds`)
  u.forEach((row, k) => row.forEach((x, j) => (Number.isFinite(x) ? undefined : violations.push(`utility of type ${k + 1} under contract ${j + 1} is not a finite number (${x}): the payoffs overflow`))));
  const exceeds = (residual: number) => !(residual <= tolerance);
  let scale = 0;
  for (const row of u) for (const x of row) scale = Math.max(scale, Math.abs(x));

  let spent = 0;
  let spentAbs = 0;
  types.forEach((_, k) => {
    spent += at(weights.beta, k) * at(resources, k);
    spentAbs += Math.abs(at(weights.beta, k) * at(resources, k));
  });
  const R = instance.resources;
  const over = budgetMode(instance) === "exact" ? Math.abs(spent - R) : Math.max(0, spent - R);
  const budgetResidual = ratio(over, Math.max(R, spentAbs));
  if (exceeds(budgetResidual)) violations.push(`budget (Σβr = ${spent}, R = ${R})`);

  let resourceScale = R;
  types.forEach((t, k) => (resourceScale = Math.max(resourceScale, t.minResources, Math.abs(at(resources, k)))));

  let minResourcesViolation = 0;
  let negativityViolation = 0;
  let irViolation = 0;
  let icViolation = 0;
  let integralityViolation = 0;
  types.forEach((t, k) => {
    const r = at(resources, k);
    if (!Number.isFinite(r)) violations.push(`r ${k + 1} is not a number`);
    if (integer) {
      const frac = Math.abs(r - Math.round(r));
      integralityViolation = Math.max(integralityViolation, frac);
      if (exceeds(frac)) violations.push(`integer r ${k + 1}`);
    }
    const m = ratio(t.minResources - r, t.minResources);
    minResourcesViolation = Math.max(minResourcesViolation, m);
    if (exceeds(m)) violations.push(`min ${k + 1}`);
    const neg = ratio(-r, resourceScale);
    negativityViolation = Math.max(negativityViolation, neg);
    if (exceeds(neg)) violations.push(`r ${k + 1} >= 0`);
    const row = at(u, k);
    const own = at(row, k);
    const ownTerms = at(at(terms, k), k);
    const ir = ratio(-own, ownTerms);
    irViolation = Math.max(irViolation, ir);
    if (exceeds(ir)) violations.push(`IR ${k + 1}`);
    row.forEach((other, j) => {
      if (j === k) return;
      const ic = ratio(other - own, Math.max(ownTerms, at(at(terms, k), j)));
      icViolation = Math.max(icViolation, ic);
      if (exceeds(ic)) violations.push(`IC ${k + 1}→${j + 1}`);
    });
  });
  return {
    ok: violations.length === 0,
    tolerance,
    budgetResidual,
    unspent: R - spent,
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
 * For each true type k, the OTHER contracts j it is indifferent to, 0-based:
 * |U(k,j) − U(k,k)| ≤ tol · max(m(k,j), m(k,k)), where m is `magnitudes` (e.g. the size of each
 * utility's terms, see {@link utilityTerms}) or else |U| — relative, so it means the same at any
 * scale. At an LP optimum a type is indifferent wherever a ULIC or DLIC binds; the mechanism still
 * expects type k to take contract k.
 */
export function indifferences(
  utility: readonly (readonly number[])[],
  tolerance = VERIFY_TOLERANCE,
  magnitudes?: readonly (readonly number[])[],
): number[][] {
  const mag = (k: number, j: number) => Math.max(Math.abs(at(at(utility, k), j)), magnitudes ? at(at(magnitudes, k), j) : 0);
  return utility.map((row, k) => {
    const own = at(row, k);
    const out: number[] = [];
    row.forEach((x, j) => {
      if (j !== k && Math.abs(x - own) <= tolerance * Math.max(mag(k, j), mag(k, k))) out.push(j);
    });
    return out;
  });
}

/** [true type k][contract j] magnitude of the terms of U(k,j): |τ_k·a·r_j| + |c·ρ_j·r_j|. */
export function utilityTerms(instance: CipInstance, resources: readonly number[]): number[][] {
  const { types, evaluationRate: a, paymentCost: c } = instance;
  const contracts = types.map((t, k) => contractFor(t, at(resources, k)));
  return types.map((t) => contracts.map((ct) => Math.abs(tau(t) * a * ct.resources) + Math.abs(c * ct.reward)));
}
