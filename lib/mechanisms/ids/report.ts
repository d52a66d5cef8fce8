/**
 * One-call summary of an IDS instance: social optimum (eq. 2), unregulated Nash equilibrium,
 * the Pivotal mechanism under incomplete (eq. 6) and full information (eq. 9), the Externality
 * mechanism (eq. 10–13), and the paper's two kinds of users (§II-B): main investors, asked to
 * invest more than in anarchy (usually paid), and free riders (usually taxed).
 */
import { IdsSolverError, prepare, type IdsInstance } from "./model";
import { costsP, sumExcept } from "./internal";
import { nashEquilibrium, type NashResult } from "./nash";
import { lonersFromCore, pivotalCore, pivotalFromCore, pivotalFullFromLoners, type PivotalResult } from "./pivotal";
import { externalityFromLoners, type ExternalityResult } from "./externality";

/** Role of a user (§II-B discussion after Example 2). */
export type IdsRole = "main investor" | "free rider";

/** Result of `idsReport`. */
export interface IdsReport {
  n: number;
  socialOptimum: { x: number[]; cost: number; costs: number[] };
  /** null if no certified Nash equilibrium was found (then `nashError` says why). */
  nash: (Pick<NashResult, "x" | "costs" | "iterations" | "method"> & { totalCost: number }) | null;
  nashError: string | null;
  /** Σ g_i(Nash) / Σ g_i(x*) (>= 1), null without a Nash equilibrium. */
  priceOfAnarchy: number | null;
  pivotal: PivotalResult;
  pivotalFullInfo: PivotalResult;
  externality: ExternalityResult;
  /** main investor ⟺ x_i* > x_i^Nash (asked to raise its investment); else free rider. */
  roles: IdsRole[];
  mainInvestors: number[];
  freeRiders: number[];
}

/**
 * Everything about one instance (eq. 2, Nash, eq. 6, eq. 9, eq. 10–13): the N+1 Pivotal
 * optimisations and the N loner equilibria are computed once and shared between the
 * full-information Pivotal mechanism and the Externality participation check.
 * Throws IdsSolverError only if the social optimum or a loner equilibrium cannot be certified.
 */
export function idsReport(inst: IdsInstance): IdsReport {
  const P = prepare(inst);
  const core = pivotalCore(P);
  const costs = Array.from(costsP(P, core.xstar));
  const cost = sumExcept(costs);
  let nash: IdsReport["nash"] = null;
  let nashError: string | null = null;
  try {
    const ne = nashEquilibrium(inst);
    nash = { x: ne.x, costs: ne.costs, iterations: ne.iterations, method: ne.method, totalCost: sumExcept(ne.costs) };
  } catch (e) {
    if (!(e instanceof IdsSolverError)) throw e;
    nashError = e.message;
  }
  const pivotal = pivotalFromCore(P, core);
  const loners = lonersFromCore(P, core);
  const pivotalFullInfo = pivotalFullFromLoners(P, core, loners);
  const externality = externalityFromLoners(P, core.xstar, loners.x);
  const tol = 1e-9;
  const roles: IdsRole[] = core.xstar.map((xi, i) => {
    const base = nash ? (nash.x[i] as number) : 0;
    return xi > base + tol * Math.max(1, base) ? "main investor" : "free rider";
  });
  return {
    n: P.n,
    socialOptimum: { x: core.xstar, cost, costs },
    nash,
    nashError,
    priceOfAnarchy: nash && cost > 0 ? nash.totalCost / cost : null,
    pivotal,
    pivotalFullInfo,
    externality,
    roles,
    mainInvestors: roles.flatMap((r, i) => (r === "main investor" ? [i] : [])),
    freeRiders: roles.flatMap((r, i) => (r === "free rider" ? [i] : [])),
  };
}
