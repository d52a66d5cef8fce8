/**
 * Plot-ready data in the spirit of the paper's figures (their exact parameters were lost):
 * - Fig. 1: CC utility of the optimal menu vs the number of CIs, normalised to the equal split,
 *   with R fixed and with R growing with N ({@link figure1});
 * - Fig. 2: each type's CI utility under the menu vs the equal split ({@link ciUtilitiesMenuVsEqual});
 * - Fig. 3: each type's utility for every contract ({@link utilityByContract}).
 */
import { startAlgorithm1 } from "./algorithm1";
import { equalSplit } from "./baseline";
import { designMenu } from "./menu";
import { populationWeights, tau, type CipInstance } from "./model";
import { expectedPlayedValue, type PlayedExpectation } from "./played";

/** One point of the CC-utility-vs-N curve. */
export interface CisCurvePoint {
  numberOfCis: number;
  resources: number;
  /** Whether a menu exists for all N CIs. */
  feasible: boolean;
  /** Menu CC objective for all N CIs (null if infeasible). */
  ccUtility: number | null;
  /** Why not, when infeasible. */
  reason: string | null;
  /** Equal split of R among all N CIs, evaluated with the same weights. */
  equalSplitCcUtility: number;
  /** ccUtility / equalSplitCcUtility (null if infeasible or the baseline is 0). */
  ratio: number | null;
  /** CIs kept by Algorithm 1's exclusion step (all CIs follow the population probabilities). */
  served: number;
  /** Menu CC objective for the served CIs (null when nobody can be served). */
  servedCcUtility: number | null;
  /**
   * What is played (not planned): exact expectation over the type profiles of the CC utility of
   * Algorithm 1's first menu with truthful CIs and the over-budget rule, and of the equal split R/N over
   * all N CIs (played.ts). Null when nobody can be served.
   */
  played: PlayedExpectation | null;
}

/** Options for {@link ccUtilityVsNumberOfCis}. */
export interface CisCurveOptions {
  /** Smallest N (default 1). */
  minCis?: number;
  /** Largest N. */
  maxCis: number;
  /** R_N = R · (1 + growthPerCi · (N − minCis)); 0 (default) keeps R fixed. */
  growthPerCi?: number;
}

/** CC utility (menu and equal split) for N = minCis … maxCis CIs, each following the population probabilities. */
export function ccUtilityVsNumberOfCis(instance: CipInstance, options: CisCurveOptions): CisCurvePoint[] {
  const minCis = options.minCis ?? 1;
  const growth = options.growthPerCi ?? 0;
  const out: CisCurvePoint[] = [];
  const p = instance.types.map((t) => t.probability);
  for (let n = minCis; n <= options.maxCis; n++) {
    const inst: CipInstance = { ...instance, resources: instance.resources * (1 + growth * (n - minCis)) };
    const weights = populationWeights(inst, n);
    const menu = designMenu(inst, { weights });
    const base = equalSplit(inst, weights);
    const run = startAlgorithm1({ instance: inst, cis: Array.from({ length: n }, (_, i) => ({ id: `ci${i + 1}` })) });
    const ccUtility = menu.feasible ? menu.ccUtility : null;
    out.push({
      numberOfCis: n,
      resources: inst.resources,
      feasible: menu.feasible,
      ccUtility,
      reason: menu.feasible ? null : menu.reason,
      equalSplitCcUtility: base.ccUtility,
      ratio: ccUtility !== null && base.ccUtility !== 0 ? ccUtility / base.ccUtility : null,
      served: run.active.length,
      servedCcUtility: run.menu ? run.menu.ccUtility : null,
      played: run.menu ? expectedPlayedValue(inst, run.menu.contracts, run.active.map(() => p), Array.from({ length: n }, () => p)) : null,
    });
  }
  return out;
}

/** Fig. 1 data: the curve with R fixed and with R growing by `growthPerCi`·R per added CI. */
export function figure1(
  instance: CipInstance,
  options: { maxCis: number; minCis?: number; growthPerCi: number },
): { fixed: CisCurvePoint[]; growing: CisCurvePoint[] } {
  const base = { maxCis: options.maxCis, ...(options.minCis === undefined ? {} : { minCis: options.minCis }) };
  return {
    fixed: ccUtilityVsNumberOfCis(instance, base),
    growing: ccUtilityVsNumberOfCis(instance, { ...base, growthPerCi: options.growthPerCi }),
  };
}

/** One type's row of Fig. 2. */
export interface TypeUtilityRow {
  type: number;
  theta: number;
  phi: number;
  tau: number;
  menuResources: number;
  /** U_CI of the type on its own contract. */
  menuUtility: number;
  equalResources: number;
  equalUtility: number;
  /** Equal split below r_min for this type. */
  equalBelowMinimum: boolean;
}

/** Result of the figure helpers that need a menu. */
export type FigureData<T> = { feasible: true; rows: T[] } | { feasible: false; reason: string };

/** Fig. 2 data: each type's utility under the optimal menu vs the equal split (one CI per type slot by default). */
export function ciUtilitiesMenuVsEqual(instance: CipInstance, numberOfCis?: number): FigureData<TypeUtilityRow> {
  const weights = populationWeights(instance, numberOfCis);
  const menu = designMenu(instance, { weights });
  if (!menu.feasible) return { feasible: false, reason: menu.reason };
  const eq = equalSplit(instance, weights);
  return {
    feasible: true,
    rows: instance.types.map((t, k) => ({
      type: k,
      theta: t.theta,
      phi: t.phi,
      tau: tau(t),
      menuResources: menu.resources[k] ?? NaN,
      menuUtility: menu.ciUtility[k]?.[k] ?? NaN,
      equalResources: eq.resourcesPerCi,
      equalUtility: eq.ciUtility[k] ?? NaN,
      equalBelowMinimum: eq.belowMinimum[k] ?? false,
    })),
  };
}

/** One type's row of Fig. 3. */
export interface ContractUtilityRow {
  type: number;
  /** Utility of this type for contract 0 … K−1. */
  utilities: number[];
  /** Contracts reaching the row's maximum (within 1e-6 relative), 0-based. */
  bestContracts: number[];
  /** The own contract is among the best (IC). */
  ownIsBest: boolean;
}

/** Fig. 3 data: each true type's utility for every contract of the optimal menu. */
export function utilityByContract(instance: CipInstance, numberOfCis?: number): FigureData<ContractUtilityRow> {
  const menu = designMenu(instance, { weights: populationWeights(instance, numberOfCis) });
  if (!menu.feasible) return { feasible: false, reason: menu.reason };
  const scale = Math.max(1, ...menu.ciUtility.flat().map(Math.abs));
  return {
    feasible: true,
    rows: menu.ciUtility.map((utilities, k) => {
      const best = Math.max(...utilities);
      const bestContracts = utilities.flatMap((u, j) => (u >= best - 1e-6 * scale ? [j] : []));
      return { type: k, utilities, bestContracts, ownIsBest: bestContracts.includes(k) };
    }),
  };
}
