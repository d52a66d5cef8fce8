/**
 * What a defender sees (a whitelist): her own payoffs and resources; the targets; the attacker's payoffs
 * only when the treatment makes them public; everyone's resources (public); who joined (after the join
 * phase); her own private recommendation with the plan's public coverage; and, after the round, the
 * attack, her own result and, with `feedback: "coverage"`, the combined coverage. Never another
 * defender's payoffs, reports, allocation or recommendation.
 */
import { viewerSeat } from "../shared/viewer-seat";
import { othersPooled } from "./pooling";
import type { Viewer } from "../../core/game";
import { MECHANISM_LABEL, modificationMap, type MechanismKind } from "./coordination";
import { nseJoint } from "./benchmarks";
import { decideTask } from "./phases";
import { numTargetsOf, targetNames, type SsgParams } from "./params";
import { lastVector, type Ctx, type SsgState } from "./state";

export interface SsgView {
  mode: SsgParams["mode"];
  targets: string[];
  me: { index: number; resources: number; reward: number[]; penalty: number[] };
  /** Resources of every defender (public), by index. */
  resources: number[];
  /** Attacker payoffs, or null when the treatment hides them. */
  attacker: { reward: number[]; penalty: number[] } | null;
  mechanism: { kind: MechanismKind; label: string } | null;
  pay: SsgParams["pay"];
  pointsScale: number;
  pointsOffset: number;
  /** Join phase: my choice (null = not yet); others' choices once the join phase is over (public). */
  join: { mine: boolean | null; all: boolean[] | null } | null;
  /** Decide phase: what I must do. */
  task: "allocate" | "report" | null;
  /** My own allocation submitted in the decide phase. */
  mySubmission: { coverage: number[] | null };
  /** My own coverage last round (to prefill), and the others' combined coverage last round (feedback "coverage" only). */
  last: { own: number[] | null; others: number[] | null };
  recommendation: {
    mine: number[];
    /** The plan's public coverage c*; its target only when the attacker's payoffs are public. */
    plan: number[];
    planTarget: number | null;
    /** ĉ(d) = base + coef ∘ d if I play coverage d and everyone else follows. */
    base: number[];
    coef: number[];
    fallback: boolean;
    myPlay: { followed: boolean; coverage: number[] } | null;
  } | null;
  results: {
    target: number;
    covered: boolean;
    myAllocation: number[];
    myCoverage: number[];
    expected: number;
    realised: number;
    points: number;
    coverage: number[] | null;
    /**
     * True when the treatment gives coverage feedback but `coverage` is withheld (othersFeedback "pooled":
     * it would reveal another defender's allocation), so the screen can say why; false otherwise.
     */
    coverageWithheld: boolean;
    coalition: number[] | null;
    fallback: boolean;
    followed: boolean | null;
    recommended: number[] | null;
    timedOut: boolean;
  } | null;
}

export function ssgView(s: SsgState, viewer: Viewer, ctx: Ctx): SsgView {
  const p = ctx.params;
  const { pid, seat: i } = viewerSeat(viewer, ctx); // a player outside the group gets no view (never seat 0's)
  const d = p.defenders[i]!;
  const m = numTargetsOf(p);
  const phase = ctx.phase;
  const attackerPublic = p.attackerPayoffs === "public";
  const o = s.outcome;
  const plan = s.plan;
  const told = plan?.recommendations[i] ?? [];
  const rec = plan ? modificationMap(plan.dist ?? nseJoint(p), m, i, told) : null;
  const showCoverage = o !== null && p.feedback === "coverage" && (p.othersFeedback === "combined" || othersPooled(o.own, i));
  return {
    mode: p.mode,
    targets: targetNames(p),
    me: { index: i, resources: d.resources, reward: [...d.reward], penalty: [...d.penalty] },
    resources: p.defenders.map((x) => x.resources),
    attacker: attackerPublic ? { reward: [...p.attacker.reward], penalty: [...p.attacker.penalty] } : null,
    mechanism: p.mode === "uncoordinated" ? null : { kind: p.mechanism, label: MECHANISM_LABEL[p.mechanism] },
    pay: p.pay,
    pointsScale: p.pointsScale,
    pointsOffset: p.pointsOffset,
    join: p.joinPhase ? { mine: s.joined[i] ?? null, all: phase === "join" ? null : s.joined.map((j) => j === true) } : null,
    task: phase === "decide" ? decideTask(p, s, i) : null,
    mySubmission: { coverage: s.coverage[i] ?? null },
    last: { own: lastVector(ctx, pid, "own_coverage"), others: p.feedback === "coverage" && (p.othersFeedback === "combined" || lastPooled(ctx, pid)) ? lastVector(ctx, pid, "others_coverage") : null },
    recommendation:
      plan && rec
        ? {
            mine: [...told],
            plan: plan.coverage,
            planTarget: attackerPublic ? plan.target : null,
            base: rec.base,
            coef: rec.coef,
            fallback: !plan.ok,
            myPlay: s.plays[i] ?? null,
          }
        : null,
    results: o
      ? {
          target: o.target,
          covered: o.covered,
          myAllocation: o.allocations[i] ?? [],
          myCoverage: o.own[i] ?? new Array<number>(m).fill(0),
          expected: o.expected[i]!,
          realised: o.realised[i]!,
          points: o.points[i]!,
          coverage: showCoverage ? o.coverage : null,
          coverageWithheld: p.feedback === "coverage" && !showCoverage,
          coalition: p.mode === "coordinated" ? (o.mechanism?.coalition ?? []) : null,
          fallback: o.mechanism ? !o.mechanism.ok : false,
          followed: s.plays[i]?.followed ?? null,
          recommended: plan ? [...told] : null,
          timedOut: ctx.timedOut(pid),
        }
      : null,
  };
}

/** Whether last round's others' coverage could be shown to `pid` under othersFeedback "pooled". */
function lastPooled(ctx: Ctx, pid: string): boolean {
  return ctx.lastRound(pid)?.outcome.others_pooled === true;
}
