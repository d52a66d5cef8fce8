/**
 * The optimal contract menu: solve the menu LP (menu-lp.ts) with solveLp, then verify the result
 * against the FULL problem (IR of every type, global IC, budget, minimum resources) before
 * reporting it. Infeasibility is explained by constraint family (diagnose.ts).
 */
import { solveLp } from "@/lib/lp/lp";
import { diagnoseInfeasibility, type InfeasibilityFamily } from "./diagnose";
import { buildMenuLp, resourceVar } from "./menu-lp";
import {
  assertInstance,
  at,
  ccUtility,
  contractFor,
  populationWeights,
  utilityMatrix,
  type CipInstance,
  type Contract,
  type MenuWeights,
} from "./model";
import { indifferences, verifyMenu, VERIFY_TOLERANCE, type MenuVerification } from "./verify";

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
  /** Objective reported by the LP (should equal ccUtility). */
  lpObjective: number;
  /** Largest LP-row residual reported by solveLp. */
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
 */
export function designMenu(instance: CipInstance, options: DesignMenuOptions = {}): MenuResult {
  assertInstance(instance);
  const weights = options.weights ?? populationWeights(instance);
  if (weights.alpha.length !== instance.types.length || weights.beta.length !== instance.types.length)
    throw new RangeError("weights must have one alpha and one beta per type");
  const tolerance = options.tolerance ?? VERIFY_TOLERANCE;
  const integer = instance.integerResources === true;
  const lp = solveLp(buildMenuLp(instance, weights, { integer }));
  if (lp.status !== "optimal") {
    return { feasible: false, weights, ...diagnoseInfeasibility(instance, weights, integer) };
  }
  const resources = instance.types.map((_, k) => cleanValue(lp.values[resourceVar(k)] ?? 0, integer));
  const verification = verifyMenu(instance, weights, resources, tolerance);
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
  return menuFromResources(instance, weights, resources, lp.objective, lp.maxResidual, verification, tolerance);
}

/** Integer mode: snap values that the solver returned as 104.99999999 to 105. */
function cleanValue(x: number, integer: boolean): number {
  return integer && Math.abs(x - Math.round(x)) < 1e-6 ? Math.round(x) : x;
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
    indifferences: indifferences(ciUtility, tolerance),
    lpObjective,
    lpResidual,
    verification,
  };
}
