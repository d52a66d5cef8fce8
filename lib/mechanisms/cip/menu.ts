/**
 * The optimal contract menu: solve the menu LP (menu-lp.ts) with solveLp, then verify the result
 * against the FULL problem (IR of every type, global IC, budget, minimum resources) before
 * reporting it. Infeasibility is explained by constraint family (diagnose.ts).
 */
import { solveLp } from "@/lib/lp/lp";
import { polishVertex } from "@/lib/lp/polish";
import { diagnoseInfeasibility, minimumsExceedBudget, type InfeasibilityFamily } from "./diagnose";
import { buildScaledMenuLp, resourcesFromScaled } from "./menu-lp";
import {
  assertInstance,
  at,
  ccUtility,
  contractFor,
  populationWeights,
  tau,
  utilityMatrix,
  type CipInstance,
  type Contract,
  type MenuWeights,
} from "./model";
import { indifferences, utilityTerms, verifyMenu, VERIFY_TOLERANCE, type MenuVerification } from "./verify";

/** A verified optimal menu: one contract per type, in type order. */
export interface MenuSolution {
  feasible: true;
  weights: MenuWeights;
  /** r_k per type. */
  resources: number[];
  /** (r_k, ρ_k r_k) per type. */
  contracts: Contract[];
  /** CC objective Σ α_k τ_k (π_k − r_k), recomputed from the contracts. */
  ccUtility: number;
  /** τ_k (π_k − r_k) per type (unweighted). */
  ccUtilityByType: number[];
  /** [true type k][contract j] CI utility. */
  ciUtility: number[][];
  /** Per true type, the other contracts it is indifferent to (0-based); the mechanism expects type k → contract k. */
  indifferences: number[][];
  /** Objective reported by the LP, in original units (equals ccUtility up to the solver's rounding). */
  lpObjective: number;
  /** Largest LP-row residual reported by solveLp (scaled LP, relative; see lpResiduals). */
  lpResidual: number;
  /** Independent verification residuals (all within tolerance). */
  verification: MenuVerification;
}

/** No menu: which constraint family fails and why. */
export interface MenuInfeasible {
  feasible: false;
  weights: MenuWeights;
  family: InfeasibilityFamily;
  reason: string;
  blockingRows: string[];
  /** What the experimenter can change, when raising R is not it (diagnose.ts). */
  remedy?: string;
  /** Present when the solver returned a menu that failed verification (family "verification"). */
  verification?: MenuVerification;
}

/** Result of {@link designMenu}. */
export type MenuResult = MenuSolution | MenuInfeasible;

/** Options for {@link designMenu}. */
export interface DesignMenuOptions {
  /** LP weights; default {@link populationWeights}(instance) (one CI per type slot). */
  weights?: MenuWeights;
  /** Verification tolerance (relative); default 1e-6. */
  tolerance?: number;
}

/**
 * Design the CC's optimal menu for `instance`. Throws RangeError on a structurally invalid instance
 * (see instanceProblems); an infeasible but valid instance returns `{feasible: false, family, reason}`.
 *
 * Numerics (docs/solvers.md): the LP is solved in scaled units (buildScaledMenuLp: r in units of R,
 * rows equilibrated); in continuous mode the solver's 8-decimal vertex is then polished to full
 * precision (polishVertex: the binding rows are re-solved exactly), the menu is scaled down by a
 * few ulps if rounding left Σβr a hair above R (the IC/IR rows are homogeneous in r, so this keeps
 * them), and the result is verified in ORIGINAL units with relative tolerances (verifyMenu). The
 * polished menu is used when it verifies and is no worse than the solver's point; otherwise the
 * solver's point is used if it verifies; otherwise the instance is refused (family "verification").
 */
export function designMenu(instance: CipInstance, options: DesignMenuOptions = {}): MenuResult {
  assertInstance(instance);
  const weights = options.weights ?? populationWeights(instance);
  if (weights.alpha.length !== instance.types.length || weights.beta.length !== instance.types.length)
    throw new RangeError("weights must have one alpha and one beta per type");
  const tolerance = options.tolerance ?? VERIFY_TOLERANCE;
  const integer = instance.integerResources === true;
  if (minimumsExceedBudget(instance, weights)) {
    return { feasible: false, weights, ...diagnoseInfeasibility(instance, weights, integer) };
  }
  const scaled = buildScaledMenuLp(instance, weights, { integer });
  const lp = solveLp(scaled.lp);
  if (lp.status !== "optimal") {
    return { feasible: false, weights, ...diagnoseInfeasibility(instance, weights, integer) };
  }
  const lpObjective = lp.objective * scaled.objectiveScale;
  const raw = withinBudget(instance, weights, resourcesFromScaled(scaled, lp.values).map((x) => cleanValue(x, integer)));
  const rawCheck = verifyMenu(instance, weights, raw, tolerance);
  let resources = raw;
  let verification = rawCheck;
  if (!integer) {
    const polishedValues = polishVertex(scaled.lp, lp.values);
    if (polishedValues) {
      const polished = withinBudget(instance, weights, resourcesFromScaled(scaled, polishedValues));
      const check = verifyMenu(instance, weights, polished, tolerance);
      const objRaw = objective(instance, weights, raw);
      const objPolished = objective(instance, weights, polished);
      const objSize = objectiveMagnitude(instance, weights, raw);
      if (check.ok && (!rawCheck.ok || objPolished >= objRaw - tolerance * objSize)) {
        resources = polished;
        verification = check;
      }
    }
  }
  if (!verification.ok) {
    if (integer && verification.violations.every((v) => v.startsWith("integer"))) {
      // javascript-lp-solver can return a fractional point in integer mode: no integer menu found.
      return { feasible: false, weights, ...diagnoseInfeasibility(instance, weights, integer), verification };
    }
    return {
      feasible: false,
      weights,
      family: "verification",
      reason: `the solver's menu failed verification: ${verification.violations.join(", ")}`,
      blockingRows: verification.violations,
      verification,
    };
  }
  return menuFromResources(instance, weights, resources, lpObjective, lp.maxResidual, verification, tolerance);
}

/** Integer mode: snap values that the solver returned as 104.99999999 to 105. */
function cleanValue(x: number, integer: boolean): number {
  return integer && Math.abs(x - Math.round(x)) < 1e-6 ? Math.round(x) : x;
}

/**
 * Never spend more than R: if rounding left Σ β_k r_k above R, scale every r_k down by the excess
 * (a few ulps). IC and IR rows are homogeneous in r, so scaling keeps them; the minimums move by
 * the same relative few ulps and are re-checked by verifyMenu. Integer menus are left alone.
 */
function withinBudget(instance: CipInstance, weights: MenuWeights, resources: number[]): number[] {
  if (instance.integerResources === true) return resources;
  const R = instance.resources;
  let out = resources;
  for (let i = 0; i < 8; i++) {
    const spent = out.reduce((s, r, k) => s + at(weights.beta, k) * r, 0);
    if (!(spent > R)) return out;
    const f = (R / spent) * (1 - Number.EPSILON * 2 ** i);
    out = out.map((r) => r * f);
  }
  return out;
}

/** CC objective Σ α_k τ_k (ρ_k − 1) r_k of a menu. */
function objective(instance: CipInstance, weights: MenuWeights, resources: readonly number[]): number {
  return instance.types.reduce((s, t, k) => s + at(weights.alpha, k) * ccUtility(t, contractFor(t, at(resources, k))), 0);
}

/** Σ |terms| of the CC objective (the scale its rounding error is relative to). */
function objectiveMagnitude(instance: CipInstance, weights: MenuWeights, resources: readonly number[]): number {
  return instance.types.reduce((s, t, k) => {
    const r = at(resources, k);
    return s + Math.abs(at(weights.alpha, k)) * tau(t) * (Math.abs(t.rewardRate * r) + Math.abs(r));
  }, 0);
}

function menuFromResources(
  instance: CipInstance,
  weights: MenuWeights,
  resources: number[],
  lpObjective: number,
  lpResidual: number,
  verification: MenuVerification,
  tolerance: number,
): MenuSolution {
  const contracts = instance.types.map((t, k) => contractFor(t, at(resources, k)));
  const ccUtilityByType = instance.types.map((t, k) => ccUtility(t, at(contracts, k)));
  const ciUtility = utilityMatrix(instance.types, contracts, instance);
  return {
    feasible: true,
    weights,
    resources,
    contracts,
    ccUtility: ccUtilityByType.reduce((s, u, k) => s + at(weights.alpha, k) * u, 0),
    ccUtilityByType,
    ciUtility,
    indifferences: indifferences(ciUtility, tolerance, utilityTerms(instance, resources)),
    lpObjective,
    lpResidual,
    verification,
  };
}
