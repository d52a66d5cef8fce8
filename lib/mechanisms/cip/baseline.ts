/**
 * The paper's baseline: equal allocation. Each of the N CIs gets R/N and pays its own type's
 * rate, π = ρ_k · R/N. N = Σ_k β_k (n CIs for both weightings). The baseline ignores r_min;
 * `belowMinimum` flags the types for which R/N does not cover it.
 */
import { at, ccUtility, ciUtility, contractFor, populationWeights, type CipInstance, type Contract, type MenuWeights } from "./model";

/** The equal-allocation outcome, per type (in type order). */
export interface EqualSplit {
  numberOfCis: number;
  /** R / N. */
  resourcesPerCi: number;
  /** (R/N, ρ_k R/N) per type. */
  contracts: Contract[];
  /** Σ_k α_k τ_k (ρ_k − 1) R/N: the CC objective evaluated at the equal split (same weights as the menu). */
  ccUtility: number;
  /** τ_k (ρ_k − 1) R/N per type. */
  ccUtilityByType: number[];
  /** Utility of a CI of type k under the equal split: (τ_k a − c ρ_k) R/N. */
  ciUtility: number[];
  /** R/N < r_min(θ_k) per type. */
  belowMinimum: boolean[];
}

/** Equal allocation for `instance` with the menu's weights (default: one CI per type slot). */
export function equalSplit(instance: CipInstance, weights: MenuWeights = populationWeights(instance)): EqualSplit {
  const n = weights.beta.reduce((s, b) => s + b, 0);
  const per = n > 0 ? instance.resources / n : 0;
  const contracts = instance.types.map((t) => contractFor(t, per));
  const ccUtilityByType = instance.types.map((t, k) => ccUtility(t, at(contracts, k)));
  return {
    numberOfCis: n,
    resourcesPerCi: per,
    contracts,
    ccUtility: ccUtilityByType.reduce((s, u, k) => s + at(weights.alpha, k) * u, 0),
    ccUtilityByType,
    ciUtility: instance.types.map((t, k) => ciUtility(t, at(contracts, k), instance)),
    belowMinimum: instance.types.map((t) => per < t.minResources),
  };
}
