/**
 * The round's outcome in each mode: combined coverage, the computed attacker's target, the seeded
 * draw of who protects what, and every defender's expected and realised payoff under her TRUE payoffs.
 *
 * Draws (all from the round's seeded ctx.rng, in this order, so any round can be replayed):
 * - uncoordinated: each defender's pure allocation from her coverage (`sampleAllocation`), by index;
 * - coordinated: the coalition's joint allocation (`sampleRecommendation` on the plan's
 *   `decomposeJoint`), then each defender acting alone, by index; under the fallback, every defender's
 *   allocation by index, as in uncoordinated play (members from their NSE coverage);
 * - recommendation: the recommendation itself was drawn when the follow phase opened; then each
 *   defender who changed it draws her allocation from the coverage she chose, by index.
 * The attacked target is deterministic given the coverage (`attackedTarget`); the draw decides only
 * whether it is protected.
 */
import type { Rng } from "../../core/rng";
import {
  combineCoverage,
  defenderUtility,
  numTargets,
  sampleAllocation,
  sampleRecommendation,
  type SsgDefender,
} from "../../mechanisms/ssg";
import { nseJoint, trueGame, truthPlan } from "./benchmarks";
import { attackedTarget, playedMarginals, residualGame, runMechanism, unsolvableReports, type MechanismRun } from "./coordination";
import { hasReports, type SsgParams } from "./params";
import type { PayoffReport, RecommendationPlan, RecommendationPlay, SsgRoundOutcome } from "./state";

function finish(
  p: SsgParams,
  c: number[],
  target: number,
  parts: { own: number[][]; others: number[][]; allocations: number[][] },
  mechanism: SsgRoundOutcome["mechanism"],
): SsgRoundOutcome {
  const g = trueGame(p).instance;
  const covered = parts.allocations.some((s) => s.includes(target));
  const expected = p.defenders.map((_, i) => defenderUtility(g, i, c, target));
  const realised = p.defenders.map((d) => (covered ? d.reward[target]! : d.penalty[target]!));
  const paid = p.pay === "expected" ? expected : realised;
  return {
    coverage: c,
    target,
    covered,
    ...parts,
    expected,
    realised,
    points: paid.map((u) => p.pointsOffset + p.pointsScale * u),
    welfare: expected.reduce((a, u) => a + u, 0),
    mechanism,
  };
}

/** Everyone played her own coverage independently: eq. (2), the play rule, one draw per defender. */
function independent(p: SsgParams, coverage: number[][], rng: Rng, mechanism: SsgRoundOutcome["mechanism"]): SsgRoundOutcome {
  const g = trueGame(p).instance;
  const m = numTargets(g);
  const c = combineCoverage(coverage, m);
  const allocations = coverage.map((ci, i) => sampleAllocation(ci, p.defenders[i]!.resources, rng));
  const others = coverage.map((_, i) => combineCoverage(coverage.filter((_, j) => j !== i), m));
  return finish(p, c, attackedTarget(g, c, null), { own: coverage, others, allocations }, mechanism);
}

/** Uncoordinated play (§2): the attacker best-responds to the combined coverage (play rule). */
export function uncoordinatedOutcome(p: SsgParams, coverage: number[][], rng: Rng): SsgRoundOutcome {
  return independent(p, coverage, rng, null);
}

/** The type the mechanism is told about defender i: her report, or the truth when none was made. */
function reportedType(p: SsgParams, i: number, r: PayoffReport | null | undefined): SsgDefender {
  const d = p.defenders[i]!;
  return { resources: d.resources, reward: r?.reward ?? d.reward, penalty: r?.penalty ?? d.penalty };
}

/**
 * Coordinated play: the defenders acting alone fix their coverage first (their combined coverage ℓ);
 * the mechanism then allocates the coalition's pooled resources in the residual game built from the
 * members' REPORTS (`residualGame`), and the attacker faces the combination. If the mechanism fails, the
 * coalition falls back to the status quo: each member plays her coverage in the certified NSE of the
 * true game, independently, and the play rule picks the target.
 */
export function coordinatedOutcome(
  p: SsgParams,
  joined: readonly boolean[],
  coverage: readonly (number[] | null)[],
  reports: readonly (PayoffReport | null)[],
  rng: Rng,
): SsgRoundOutcome {
  const tg = trueGame(p);
  const g = tg.instance;
  const m = numTargets(g);
  const n = p.defenders.length;
  const members = p.defenders.map((_, i) => i).filter((i) => joined[i]);
  const own = (i: number) => coverage[i] ?? new Array<number>(m).fill(0);
  const fixed = combineCoverage(p.defenders.map((_, i) => i).filter((i) => !joined[i]).map(own), m);
  const kind = p.mechanism;
  const record = (run: MechanismRun | null, pooled: number[]): NonNullable<SsgRoundOutcome["mechanism"]> => ({
    kind,
    ok: run === null || run.ok,
    error: run && !run.ok ? run.error : null,
    coalition: members,
    fixed,
    pooled,
    planTarget: run && run.ok ? run.target : null,
    detail:
      run && run.ok
        ? {
            reportedUtilities: run.utilities,
            benchmark: run.benchmark,
            theorem43Applies: run.theorem43Applies,
            dictator: run.dictator === null ? null : members[run.dictator] ?? null,
            plan: run.dist,
          }
        : {},
  });
  if (members.length === 0) return independent(p, p.defenders.map((_, i) => own(i)), rng, record(null, new Array<number>(m).fill(0)));

  const reported = members.map((i) => reportedType(p, i, reports[i]));
  const game = residualGame(g.attacker, reported, fixed);
  const dictator = p.dictator !== undefined && members.includes(p.dictator) ? members.indexOf(p.dictator) : undefined;
  const run =
    unsolvableReports(g.attacker, reported) ??
    (kind === "cswMaxNse" && members.length === n
      ? runMechanism(kind, game, { statusQuo: tg.nse })
      : runMechanism(kind, game, dictator === undefined ? {} : { dictator }));
  if (!run.ok) {
    const rows = p.defenders.map((_, i) => (joined[i] ? tg.nse.defenderCoverage[i]! : own(i)));
    return independent(p, rows, rng, record(run, combineCoverage(members.map((i) => rows[i]!), m)));
  }
  const y = run.coverage;
  const c = fixed.map((l, t) => 1 - (1 - l) * (1 - (y[t] ?? 0)));
  const target = attackedTarget(g, c, run.target);
  const draw = sampleRecommendation(run.dist, rng).recommendations;
  const allocations: number[][] = Array.from({ length: n }, () => []);
  const ownCov: number[][] = Array.from({ length: n }, () => new Array<number>(m).fill(0));
  const others: number[][] = Array.from({ length: n }, () => new Array<number>(m).fill(0));
  members.forEach((i, a) => {
    allocations[i] = [...(draw[a] ?? [])];
    for (const e of run.dist) for (const t of e.assignment[a] ?? []) ownCov[i]![t]! += e.prob;
    // inside the coalition nobody double-covers, so the other members cover t with probability y_t − own_t
    others[i] = fixed.map((l, t) => 1 - (1 - l) * (1 - Math.max(0, (y[t] ?? 0) - ownCov[i]![t]!)));
  });
  for (let i = 0; i < n; i++) {
    if (joined[i]) continue;
    ownCov[i] = own(i);
    allocations[i] = sampleAllocation(own(i), p.defenders[i]!.resources, rng);
    const rest = combineCoverage(p.defenders.map((_, j) => j).filter((j) => j !== i && !joined[j]).map(own), m);
    others[i] = rest.map((l, t) => 1 - (1 - l) * (1 - (y[t] ?? 0)));
  }
  return finish(p, c, target, { own: ownCov, others, allocations }, record(run, y));
}

/**
 * The recommendation plan (§5.1): the treatment's mechanism on the reports (or the memoised truth when
 * the treatment has no reports), decomposed into a joint distribution, and one joint strategy drawn with
 * the round's rng. If the mechanism fails on the reports, the status quo is recommended: independent
 * play of the true game's certified NSE (an IR outcome), with its target τ.
 */
export function makePlan(p: SsgParams, reports: readonly (PayoffReport | null)[], rng: Rng): RecommendationPlan {
  const tg = trueGame(p);
  const kind = p.mechanism;
  const reported = p.defenders.map((_, i) => reportedType(p, i, reports[i]));
  const run: MechanismRun = hasReports(p)
    ? (unsolvableReports(p.attacker, reported) ??
      runMechanism(kind, { attacker: p.attacker, defenders: reported }, { statusQuo: tg.nse, ...(p.dictator !== undefined ? { dictator: p.dictator } : {}) }))
    : truthPlan(p);
  const dist = run.ok ? run.dist : null;
  const drawn = sampleRecommendation(dist ?? nseJoint(p), rng);
  return {
    mechanism: kind,
    ok: run.ok,
    error: run.ok ? null : run.error,
    coverage: run.ok ? run.coverage : tg.nse.coverage,
    target: run.ok ? run.target : tg.nse.target,
    dist,
    drawIndex: drawn.index,
    recommendations: drawn.recommendations.map((s) => [...s]),
    detail: run.ok ? { reportedUtilities: run.utilities, benchmark: run.benchmark, theorem43Applies: run.theorem43Applies, dictator: run.dictator } : {},
  };
}

/**
 * Recommendation play: followers play their recommendation; a defender who changed it plays the
 * coverage she chose. The attacker faces the modified plan's coverage (`playedMarginals`) and attacks the
 * plan's target while it stays a best response, else by the play rule.
 */
export function recommendationOutcome(p: SsgParams, plan: RecommendationPlan, plays: readonly (RecommendationPlay | null)[], rng: Rng): SsgRoundOutcome {
  const g = trueGame(p).instance;
  const m = numTargets(g);
  const dist = plan.dist ?? nseJoint(p);
  const changed = p.defenders.map((_, i) => {
    const pl = plays[i];
    return pl && !pl.followed ? pl.coverage : null;
  });
  const marg = playedMarginals(dist, m, plan.recommendations, changed);
  const target = attackedTarget(g, marg.coverage, plan.target);
  const allocations = p.defenders.map((d, i) => {
    const c = changed[i];
    return c ? sampleAllocation(c, d.resources, rng) : [...(plan.recommendations[i] ?? [])];
  });
  const mechanism: SsgRoundOutcome["mechanism"] = {
    kind: plan.mechanism,
    ok: plan.ok,
    error: plan.error,
    coalition: p.defenders.map((_, i) => i),
    fixed: new Array<number>(m).fill(0),
    pooled: plan.coverage,
    planTarget: plan.target,
    detail: { ...plan.detail, drawIndex: plan.drawIndex, recommendations: plan.recommendations, plan: plan.dist ?? "independent NSE play" },
  };
  return finish(p, marg.coverage, target, { own: marg.own, others: marg.others, allocations }, mechanism);
}
