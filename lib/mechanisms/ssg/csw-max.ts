/**
 * Coordination mechanisms of Gan et al. 2020, §4:
 * - {@link cswMax}: CSW-Max (§4.1): given an NSE (X, τ) with utilities v_i = U^d_i(X, τ), solve LP-t
 *   (eq. (4)) for every target and output the optimum of the best one; welfare ties go to the lowest
 *   index. PE and weakly UP (Theorem 4.2), not SP (Theorem 3.3).
 * - {@link cswMaxNse}: CSW-Max-NSE (§4.2): for a known status-quo NSE, solve LP-τ only. SP, PE and weakly
 *   UP when every defender has non-overlapping payoffs and 0 < cov_t(X) < 1 for all t (Theorem 4.3).
 * - {@link dictatorship}: the SP mechanism mentioned at the start of §4: the dictator (most resources,
 *   ties to the lowest index) gets her favourite outcome; her ties are broken by the other defenders'
 *   utilities in index order (serial dictatorship), which makes the outcome PE.
 *
 * Every output carries property checks computed here, independently of how it was found: feasibility
 * (c ∈ C_K), attacker best response (t ∈ BR(c)), weak UP against the benchmark, optimality against every
 * LP-t, and exact Pareto efficiency over all feasible outcomes ({@link paretoDominator}). A guaranteed
 * property that fails raises an Error instead of returning a wrong outcome.
 */
import { isBestResponse } from "./attacker";
import { checkNseCertificate, type NseProfile } from "./certificate";
import { paretoDominator, maxCoverageAt, solveLpT, type LpTSolution } from "./lp-t";
import { at, combineCoverage, defenderUtilities, isNonOverlapping, numTargets, payoffScale, totalResources, type SsgInstance } from "./model";
import { solveNse, type Nse } from "./nse";

/** Property checks of an outcome (Properties 1–2 and feasibility, §2.1). */
export interface OutcomeChecks {
  readonly feasible: boolean;
  readonly attackerBestResponse: boolean;
  /** U_i ≥ v_i − tol for the benchmark v (null when the mechanism has no benchmark). */
  readonly weakUtilityPreservation: boolean | null;
  /** Welfare ≥ the optimum of every feasible LP-t (null when not applicable). */
  readonly bestAmongLps: boolean | null;
  /** No feasible outcome Pareto-dominates this one (exact check). */
  readonly paretoEfficient: boolean;
}

/** An outcome (c, t) of a coordination mechanism with utilities and checks. */
export interface MechanismOutcome {
  readonly coverage: number[];
  readonly target: number;
  readonly defenderUtilities: number[];
  readonly welfare: number;
  readonly checks: OutcomeChecks;
}

/** CSW-Max output: the outcome plus every LP-t optimum (null = infeasible). */
export interface CswMaxOutcome extends MechanismOutcome {
  readonly lpWelfare: (number | null)[];
  readonly benchmark: number[];
}

function checks(g: SsgInstance, c: number[], t: number, v: readonly number[] | null, lps: readonly LpTSolution[] | null, relax: number): OutcomeChecks {
  const tol = 1e-9 * payoffScale(g);
  const u = defenderUtilities(g, c, t);
  const w = u.reduce((s, x) => s + x, 0);
  const feasible = c.every((x) => x >= -1e-12 && x <= 1 + 1e-12) && c.reduce((s, x) => s + x, 0) <= totalResources(g) + 1e-9;
  return {
    feasible,
    attackerBestResponse: isBestResponse(g, c, t),
    weakUtilityPreservation: v ? u.every((x, i) => x >= at(v, i) - relax - tol) : null,
    bestAmongLps: lps ? lps.every((s) => !s.feasible || w >= s.welfare - tol * Math.max(1, g.defenders.length)) : null,
    paretoEfficient: paretoDominator(g, { coverage: c, target: t }) === null,
  };
}

function fail(what: string, ch: OutcomeChecks): never {
  throw new Error(`${what}: property check failed ${JSON.stringify(ch)}`);
}

/**
 * CSW-Max steps 2–3 (§4.1) for a given NSE (X, τ) (e.g. from {@link solveNse}); `relax` loosens (4a).
 * @throws if no LP-t is feasible (impossible for a true NSE, Lemma 4.1) or a guaranteed check fails.
 */
export function cswMax(g: SsgInstance, nse: Pick<Nse, "defenderUtilities">, relax = 1e-9 * payoffScale(g)): CswMaxOutcome {
  const v = nse.defenderUtilities;
  const lps = Array.from({ length: numTargets(g) }, (_, t) => solveLpT(g, t, v, relax));
  const tol = 1e-12 * payoffScale(g) * Math.max(1, g.defenders.length);
  let best: LpTSolution | null = null;
  for (const s of lps) if (s.feasible && (!best || s.welfare > best.welfare + tol)) best = s;
  if (!best || !best.coverage) throw new Error("CSW-Max: no LP-t is feasible (the benchmark is not an NSE utility vector)");
  const ch = checks(g, best.coverage, best.target, v, lps, relax);
  if (!ch.feasible || !ch.attackerBestResponse || !ch.weakUtilityPreservation || !ch.bestAmongLps || !ch.paretoEfficient) fail("CSW-Max", ch);
  const u = defenderUtilities(g, best.coverage, best.target);
  return {
    coverage: best.coverage,
    target: best.target,
    defenderUtilities: u,
    welfare: best.welfare,
    checks: ch,
    lpWelfare: lps.map((s) => (s.feasible ? s.welfare : null)),
    benchmark: [...v],
  };
}

/** CSW-Max including step 1: compute the NSE with {@link solveNse}, then {@link cswMax}. */
export function cswMaxFull(g: SsgInstance): { nse: Nse; outcome: CswMaxOutcome } {
  const nse = solveNse(g);
  return { nse, outcome: cswMax(g, nse) };
}

/** CSW-Max-NSE output: the outcome and whether Theorem 4.3's hypotheses hold for this input. */
export interface CswMaxNseOutcome extends MechanismOutcome {
  readonly benchmark: number[];
  /** The status quo was verified, every defender has non-overlapping payoffs and 0 < cov_t(X) < 1 for every t. */
  readonly theorem43Applies: boolean;
}

/**
 * CSW-Max-NSE (§4.2) for a known status-quo NSE (X, τ). By default the profile must pass the Theorem A
 * certificate under the reported types (for interior profiles this is also necessary, Theorem A′); pass
 * `verifyStatusQuo: false` when the status quo is public knowledge and must not depend on reports
 * (the output then depends on the reports only through c_τ ≥ cov_τ(X), as in the proof of Theorem 4.3).
 * @throws if the status quo is not certified or a guaranteed check fails.
 */
export function cswMaxNse(
  g: SsgInstance,
  statusQuo: NseProfile,
  opts: { relax?: number; verifyStatusQuo?: boolean } = {},
): CswMaxNseOutcome {
  const relax = opts.relax ?? 1e-9 * payoffScale(g);
  const cert = opts.verifyStatusQuo === false ? { ok: true, failures: [] } : checkNseCertificate(g, statusQuo);
  if (!cert.ok) throw new Error(`CSW-Max-NSE: the status quo is not a certified NSE: ${cert.failures.join("; ")}`);
  const m = numTargets(g);
  const z = combineCoverage(statusQuo.defenderCoverage, m);
  const tau = statusQuo.target;
  const v = defenderUtilities(g, z, tau);
  const sol = solveLpT(g, tau, v, relax);
  if (!sol.coverage) throw new Error("CSW-Max-NSE: LP-τ is infeasible (contradicts Lemma 4.1)");
  const applies = opts.verifyStatusQuo !== false && z.every((x) => x > 0 && x < 1) && g.defenders.every((d) => isNonOverlapping(d));
  const ch = checks(g, sol.coverage, tau, v, null, relax);
  if (!ch.feasible || !ch.attackerBestResponse || !ch.weakUtilityPreservation || (applies && !ch.paretoEfficient)) fail("CSW-Max-NSE", ch);
  return {
    coverage: sol.coverage,
    target: tau,
    defenderUtilities: defenderUtilities(g, sol.coverage, tau),
    welfare: sol.welfare,
    checks: ch,
    benchmark: v,
    theorem43Applies: applies,
  };
}

/** The dictator of {@link dictatorship}: most resources, ties to the lowest index. */
export function defaultDictator(g: SsgInstance): number {
  let d = 0;
  g.defenders.forEach((x, i) => {
    if (x.resources > at(g.defenders, d).resources) d = i;
  });
  return d;
}

/**
 * Dictatorship (§4, first paragraph): the dictator's favourite feasible outcome; among her optima the
 * other defenders' utilities decide in index order, then the lowest target index. SP and PE.
 */
export function dictatorship(g: SsgInstance, dictator = defaultDictator(g)): MechanismOutcome & { dictator: number } {
  const order = [dictator, ...g.defenders.map((_, i) => i).filter((i) => i !== dictator)];
  const tol = 1e-12 * payoffScale(g);
  let best: { c: number[]; t: number; u: number[] } | null = null;
  for (let t = 0; t < numTargets(g); t++) {
    const c = maxCoverageAt(g, t, 0);
    if (!c) continue;
    const u = defenderUtilities(g, c, t);
    if (!best) {
      best = { c, t, u };
      continue;
    }
    for (const i of order) {
      const d = at(u, i) - at(best.u, i);
      if (d > tol) {
        best = { c, t, u };
        break;
      }
      if (d < -tol) break;
    }
  }
  if (!best) throw new Error("dictatorship: no feasible outcome");
  const ch = checks(g, best.c, best.t, null, null, 0);
  if (!ch.feasible || !ch.attackerBestResponse || !ch.paretoEfficient) fail("dictatorship", ch);
  return { coverage: best.c, target: best.t, defenderUtilities: best.u, welfare: best.u.reduce((s, x) => s + x, 0), checks: ch, dictator };
}
