/**
 * The Pivotal (Clarke) mechanism for the IDS game, §III.
 *
 * Incomplete information (§III-B/C): x̂_i^i = 0 and
 *   t_i = Σ_{j≠i} g_j(x*) − Σ_{j≠i} g_j(x̂^i_{−i}, 0),  x̂^i_{−i} = argmin_{x_{−i}>=0} Σ_{j≠i} g_j(x_{−i}, 0)   (eq. 6).
 * Voluntary participation (Prop. 2): the loner best-responds to the announced x̂^i_{−i}, so
 *   in:  g_i(x*) + t_i      out: g_i(x̂^i_{−i}, BR_i(x̂^i_{−i})).
 * Full information (§III-D): x̂^i is replaced by the loner equilibrium x̃^i (eq. 9), which collects
 * weakly more tax from every user; VP: in g_i(x*) + t_i, out g_i(x̃^i).
 * Budget Σ_i t_i: positive = surplus, negative = deficit (the designer injects money).
 */
import { IdsInputError, prepare, type IdsInstance, type Prepared } from "./model";
import { bestResponseP } from "./nash";
import { solveSocial } from "./social-optimum";
import { coalitionOptimum, costsP, excludedFactor, hessianAt, others, sumExcept, userCostP } from "./internal";
import { lonerEquilibrium } from "./loner";

/** Per-user outcome of a Pivotal mechanism. */
export interface PivotalUser {
  user: number;
  /** t_i of eq. 6 (positive: the user pays). */
  tax: number;
  /** The profile used in the second sum of eq. 6 (x̂^i with x_i = 0, or x̃^i under full information). */
  reference: number[];
  /** The loner's investment when out: BR_i(x̂^i_{−i}) (Prop. 2) or x̃_i^i (§III-D). */
  lonerInvestment: number;
  /** Cost when participating: g_i(x*) + t_i (true type). */
  costIn: number;
  /** Cost when staying out (true type, loner best-responding). */
  costOut: number;
  /** costOut − costIn >= −tolerance (VP holds). */
  participates: boolean;
}

/** Result of `pivotalTaxes` / `pivotalFullInfo`. */
export interface PivotalResult {
  /** Allocation x* (eq. 2 over the reported types). */
  x: number[];
  /** Σ_i g_i(x*) under the reported types. */
  socialCost: number;
  taxes: number[];
  /** Σ_i t_i (negative = deficit). */
  budget: number;
  participation: boolean[];
  users: PivotalUser[];
  /** Number of convex optimisations solved. */
  optimisations: number;
}

const VP_TOL = 1e-9;

function sameShape(inst: IdsInstance, rep: IdsInstance): void {
  if (rep.alpha.length !== inst.alpha.length) {
    throw new IdsInputError(`reports must describe ${inst.alpha.length} users (got ${rep.alpha.length})`);
  }
}

function assemble(
  T: Prepared,
  R: Prepared,
  xstar: number[],
  refs: { ref: number[]; refCost: number; loner: number[] }[],
  optimisations: number,
): PivotalResult {
  const gStarR = costsP(R, xstar);
  const gStarT = R === T ? gStarR : costsP(T, xstar);
  const users: PivotalUser[] = refs.map(({ ref, refCost, loner }, i) => {
    // refCost = Σ_{j≠i} g_j(ref) under the reported types, as returned by the certified solver.
    const tax = sumExcept(gStarR, i) - refCost;
    const costIn = gStarT[i]! + tax;
    const costOut = userCostP(T, i, loner);
    // Relative to the terms compared (g_i, Σ_{j≠i} g_j at x* and at the reference, the cost out), never to 1: the
    // verdict is the same in any money unit, and the cancellation inside the tax keeps its rounding as slack.
    const scale = Math.max(Math.abs(gStarT[i]!), Math.abs(refCost), Math.abs(tax + refCost), Math.abs(costOut));
    return {
      user: i,
      tax,
      reference: ref,
      lonerInvestment: loner[i]!,
      costIn,
      costOut,
      participates: costOut - costIn >= -VP_TOL * scale,
    };
  });
  const taxes = users.map((u) => u.tax);
  return {
    x: xstar,
    socialCost: sumExcept(gStarR),
    taxes,
    budget: sumExcept(taxes),
    participation: users.map((u) => u.participates),
    users,
    optimisations,
  };
}

/** Shared work of eq. 6: x*, the N excluded optima and their values, and the x* Hessian factor. */
export interface PivotalCore {
  xstar: number[];
  /** x̂^i (x_i = 0) for every i. */
  excluded: number[][];
  /** Σ_{j≠i} g_j(x̂^i). */
  excludedCost: number[];
  /** Factored Hessian of eq. 2 at x* (reused for chord steps in the subproblems). */
  base: ReturnType<typeof hessianAt>;
  useFactors: boolean;
}

/** x* and the N excluded optima x̂^i (x_i = 0) of eq. 6 on prepared reported types. */
export function pivotalCore(R: Prepared): PivotalCore {
  const all = others(R.n, -1);
  const xstar = solveSocial(R, all, all, null, null).x;
  const base = hessianAt(R, xstar);
  // Chord factors only pay off when the free set is large (see optimizer.ts).
  const useFactors = base.factor.nf * base.factor.nf > 8 * R.n;
  const excluded: number[][] = [];
  const excludedCost: number[] = [];
  for (let i = 0; i < R.n; i++) {
    const f = useFactors ? excludedFactor(R, base, i) : undefined;
    const sol = coalitionOptimum(R, i, 0, xstar, f);
    excluded.push(sol.x);
    excludedCost.push(sol.cost);
  }
  return { xstar, excluded, excludedCost, base, useFactors };
}

/**
 * Pivotal taxes under incomplete information (eq. 6 with x̂_i^i = 0, §III-B/C): N+1 convex
 * optimisations. `reports` (same shape) are the reported types used for the allocation and the
 * taxes (Prop. 1: truthful reporting is dominant); costs and the loner's best response use the
 * true `inst`. Participation is checked per user as in Prop. 2.
 */
export function pivotalTaxes(inst: IdsInstance, reports?: IdsInstance): PivotalResult {
  const T = prepare(inst);
  if (reports) sameShape(inst, reports);
  const R = reports ? prepare(reports) : T;
  const { xstar, excluded, excludedCost } = pivotalCore(R);
  const refs = excluded.map((ref, i) => {
    const loner = ref.slice();
    loner[i] = bestResponseP(T, i, ref);
    return { ref, refCost: excludedCost[i]!, loner };
  });
  return assemble(T, R, xstar, refs, T.n + 1);
}

/**
 * Pivotal taxes under full information (§III-D, eq. 9): the second sum of eq. 6 is evaluated at
 * the loner equilibrium x̃^i (Nash equilibrium between the loner i and the N−1 participants),
 * which by eq. 9 raises every t_i relative to `pivotalTaxes`. VP: g_i(x*) + t_i <= g_i(x̃^i).
 */
export function pivotalFullInfo(inst: IdsInstance): PivotalResult {
  const P = prepare(inst);
  const core = pivotalCore(P);
  const loners = lonersFromCore(P, core);
  return pivotalFullFromLoners(P, core, loners);
}

/** Internal: loner equilibria x̃^i (eq. 9) for every user, from the eq. 6 core. */
export function lonersFromCore(P: Prepared, core: PivotalCore): { x: number[][]; cost: number[]; solves: number } {
  let solves = 0;
  const cost: number[] = [];
  const x = core.excluded.map((ex, i) => {
    const f = core.useFactors ? excludedFactor(P, core.base, i) : undefined;
    const le = lonerEquilibrium(P, i, ex, core.excludedCost[i]!, f);
    solves += le.solves;
    cost.push(le.coalitionCost);
    return le.x;
  });
  return { x, cost, solves };
}

/** Internal: §III-D taxes from precomputed loner equilibria. */
export function pivotalFullFromLoners(
  P: Prepared,
  core: { xstar: number[] },
  loners: { x: number[][]; cost: number[]; solves: number },
): PivotalResult {
  const refs = loners.x.map((x, i) => ({ ref: x, refCost: loners.cost[i]!, loner: x }));
  return assemble(P, P, core.xstar, refs, P.n + 1 + loners.solves);
}

/** Internal: incomplete-information taxes (eq. 6) from a precomputed core. */
export function pivotalFromCore(P: Prepared, core: PivotalCore): PivotalResult {
  const refs = core.excluded.map((ref, i) => {
    const loner = ref.slice();
    loner[i] = bestResponseP(P, i, ref);
    return { ref, refCost: core.excludedCost[i]!, loner };
  });
  return assemble(P, P, core.xstar, refs, P.n + 1);
}

/** Loner equilibria x̃^i for all users (§II-B, eq. 9), shared with the Externality VP check. */
export function lonerEquilibria(inst: IdsInstance): number[][] {
  const P = prepare(inst);
  return lonersFromCore(P, pivotalCore(P)).x;
}
