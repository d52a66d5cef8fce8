/**
 * The phases of a round, by mode (docs/games/ssg-defense.md):
 * - uncoordinated:  decide (allocate) → results
 * - coordinated:    [join →] decide (joiners report, the others allocate) → results
 * - recommendation: [decide (report) →] follow (follow or change the private recommendation) → results
 * The mechanism and the draws run when the last decision phase closes (`onExit`); the recommendation is
 * drawn when the follow phase opens (`onEnter`).
 */
import { ActionErrorCode, fail, ok, worded } from "../../core/errors";
import { definePhase } from "../../core/game";
import { makeRng, splitRng } from "../../core/rng";
import { indicator } from "./coordination";
import { makePlan, recommendationOutcome } from "./outcome";
import { hasReports, numTargetsOf, type SsgParams } from "./params";
import { mechanismInput } from "./score";
import { checkCoverage, checkReport, timeoutCoverage, type RecommendationPlan, type SsgAction, type SsgRoundOutcome, type SsgState } from "./state";
import { ssgPlanUnit, unitOf } from "./unit";
import { resultsPhase as resultsPhase_ } from "../shared/results-phase";

const phase = definePhase<SsgParams, SsgState, SsgAction>();

const ms = (s: number | null) => (s === null ? null : s * 1000);

/**
 * Whether the round's mechanism step is small enough to run inside the command that ends the decide
 * phase: uncoordinated play and a coordinated round nobody joined only apply the attacker's play rule
 * and draw allocations (well under a millisecond). Any round that runs a coordination mechanism on
 * reports solves LPs whose time grows with targets and defenders (up to about 30 ms measured at 10
 * targets and 4 defenders, docs/benchmarks.md), so it runs off the event loop.
 */
export function solvesInline(p: SsgParams, joined: readonly (boolean | null)[]): boolean {
  return p.mode === "uncoordinated" || !joined.some((j) => j === true);
}

/** What defender i does in the decide phase. */
export function decideTask(p: SsgParams, s: SsgState, i: number): "allocate" | "report" {
  if (p.mode === "uncoordinated") return "allocate";
  if (p.mode === "recommendation") return "report";
  return s.joined[i] ? "report" : "allocate";
}

const set = <T>(xs: readonly T[], i: number, v: T): T[] => xs.map((x, j) => (j === i ? v : x));

export const joinPhase = phase({
  id: "join",
  label: "Join the coordination?",
  kind: "decision",
  durationMs: (p) => ms(p.joinSeconds),
  accepts: ["join"],
  pending: (s, ctx) => ctx.players.filter((_, i) => s.joined[i] === null),
  apply(s, a, by, ctx) {
    return ok({ ...s, joined: set(s.joined, ctx.seatOf(by), a.join) });
  },
  // Whoever does not answer in time joins (the treatment's default arrangement); the engine flags her timed out.
  onTimeout: (s, missing, ctx) => ({ ...s, joined: ctx.perSeat((pid, i) => (missing.includes(pid) ? true : s.joined[i]!)) }),
  next: () => "decide",
});

export const decidePhase = phase({
  id: "decide",
  label: "Your decision",
  kind: "decision",
  durationMs: (p) => ms(p.decisionSeconds),
  accepts: ["allocate", "report"],
  pending: (s, ctx) =>
    ctx.players.filter((_, i) => (decideTask(ctx.params, s, i) === "allocate" ? s.coverage[i] === null : s.reports[i] === null)),
  apply(s, a, by, ctx) {
    const p = ctx.params;
    const i = ctx.seatOf(by);
    const task = decideTask(p, s, i);
    if (a.type === "allocate") {
      if (task !== "allocate") return fail(ActionErrorCode.WrongPhase, worded("reportNotAllocate"));
      const c = checkCoverage(p, p.defenders[i]!.resources, a.coverage);
      if (!c.ok) return fail(ActionErrorCode.OutOfRange, c, "coverage");
      return ok({ ...s, coverage: set(s.coverage, i, c.coverage) });
    }
    if (task !== "report") return fail(ActionErrorCode.WrongPhase, worded("allocateNotReport"));
    const r = checkReport(p, a);
    if (!r.ok) return fail(ActionErrorCode.OutOfRange, r, r.field);
    return ok({ ...s, reports: set(s.reports, i, { reward: [...a.reward], penalty: [...a.penalty] }) });
  },
  // At the deadline: a missing report is the truth (the form was prefilled with it); a missing allocation is `timeoutDefault`.
  onTimeout(s, missing, ctx) {
    const p = ctx.params;
    let { coverage, reports } = s;
    for (const pid of missing) {
      const i = ctx.seatOf(pid);
      if (decideTask(p, s, i) === "allocate") coverage = set(coverage, i, timeoutCoverage(ctx, pid));
      else reports = set(reports, i, { reward: [...p.defenders[i]!.reward], penalty: [...p.defenders[i]!.penalty] });
    }
    return { ...s, coverage, reports };
  },
  // The draws' RNG state is split off here (in the engine, so the stream is the same on every path);
  // the mechanism itself is the phase's compute step below.
  onExit(s, ctx) {
    if (ctx.params.mode === "recommendation") return { ...s, draws: { ...s.draws, plan: splitRng(ctx.rng) } };
    return { ...s, draws: { ...s.draws, outcome: splitRng(ctx.rng) } };
  },
  compute: {
    request(s, ctx) {
      const p = ctx.params;
      if (p.mode === "recommendation") {
        if (!s.draws.plan) throw new Error("ssg-defense: the plan's draw was not made");
        return { unit: ssgPlanUnit, input: { params: p, reports: s.reports, draw: s.draws.plan }, inline: false };
      }
      return { unit: unitOf(p), input: mechanismInput(s, p), inline: solvesInline(p, s.joined) };
    },
    apply: (s, output, ctx) => (ctx.params.mode === "recommendation" ? { ...s, plan: output as RecommendationPlan } : { ...s, outcome: output as SsgRoundOutcome }),
  },
  next: (_s, ctx) => (ctx.params.mode === "recommendation" ? "follow" : "results"),
});

export const followPhase = phase({
  id: "follow",
  label: "Your recommendation",
  kind: "decision",
  durationMs: (p) => ms(p.followSeconds),
  accepts: ["follow", "allocate"],
  // With reports the plan was computed when the report phase ended; without, it is the memoised truth plan.
  onEnter(s, ctx) {
    if (s.plan) return s;
    const draws = { ...s.draws, plan: splitRng(ctx.rng) };
    return { ...s, draws, plan: makePlan(ctx.params, s.reports, makeRng(draws.plan)) };
  },
  pending: (s, ctx) => ctx.players.filter((_, i) => s.plays[i] === null),
  apply(s, a, by, ctx) {
    const p = ctx.params;
    const i = ctx.seatOf(by);
    const told = indicator(s.plan?.recommendations[i] ?? [], numTargetsOf(p));
    if (a.type === "follow") return ok({ ...s, plays: set(s.plays, i, { followed: true, coverage: told }) });
    const c = checkCoverage(p, p.defenders[i]!.resources, a.coverage);
    if (!c.ok) return fail(ActionErrorCode.OutOfRange, c, "coverage");
    // Submitting exactly the recommendation counts as following it.
    const followed = c.coverage.every((x, t) => Math.abs(x - told[t]!) <= 1e-9);
    return ok({ ...s, plays: set(s.plays, i, { followed, coverage: followed ? told : c.coverage }) });
  },
  // Whoever does not answer in time follows the recommendation (the engine flags her timed out).
  onTimeout: (s, missing, ctx) => ({
    ...s,
    plays: ctx.perSeat((pid, i) =>
      missing.includes(pid) ? { followed: true, coverage: indicator(s.plan?.recommendations[i] ?? [], numTargetsOf(ctx.params)) } : s.plays[i]!,
    ),
  }),
  onExit(s, ctx) {
    if (!s.plan) throw new Error("ssg-defense: the follow phase closed without a plan");
    const draws = { ...s.draws, outcome: splitRng(ctx.rng) };
    return { ...s, draws, outcome: recommendationOutcome(ctx.params, s.plan, s.plays, makeRng(draws.outcome)) };
  },
  next: () => "results",
});

export const resultsPhase = resultsPhase_<SsgParams, SsgState, SsgAction, "continue">();

/** The round's first phase for a treatment. */
export function firstPhase(p: SsgParams): string {
  if (p.joinPhase) return "join";
  if (p.mode === "recommendation" && !hasReports(p)) return "follow";
  return "decide";
}
