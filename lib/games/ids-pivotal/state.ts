/**
 * One group's round of the Pivotal mechanism game and its phases:
 * participate (join or stay out) → report (participants report α, c, q) → [loner: loners choose x,
 * only when the treatment lets loners choose] → results.
 * The mechanism runs when the last decision phase before the results ends (`settleRound`).
 */
import { z } from "zod";
import { fail, ok, ActionErrorCode, worded, type RefusalText } from "../../core/errors";
import { definePhase, type PlayerId, type RoundContext } from "../../core/game";
import { bestResponse } from "../../mechanisms/ids";
import { instanceOf, reportBounds, type PivotalParams } from "./params";
import {
  pivotalAllocation,
  pivotalCounterfactuals,
  pivotalOutcome,
  type Counterfactual,
  type PivotalAllocation,
  type PivotalRoundInput,
  type PivotalRoundOutput,
  type TypeReport,
} from "./mechanism";
import type { Instance } from "../ids-mechanisms-common/instance";
import { ContinueAction, resultsPhase as resultsPhase_ } from "../shared/results-phase";

const num = (what: string) => z.number({ error: `enter a number for ${what}` }).finite();

export const PivotalAction = z.discriminatedUnion("type", [
  z.object({ type: z.literal("participate"), join: z.boolean({ error: "choose to join or to stay out" }) }),
  z.object({ type: z.literal("report"), alpha: num("the loss α"), c: num("the cost c"), q: num("the extra cost q").optional() }),
  z.object({ type: z.literal("invest"), x: num("your investment") }),
  ContinueAction,
]);
export type PivotalAction = z.infer<typeof PivotalAction>;

export interface PivotalState {
  joined: (boolean | null)[];
  reports: (TypeReport | null)[];
  /** Free choices of loners (loner phase), null otherwise. */
  lonerX: (number | null)[];
  alloc: PivotalAllocation | null;
  outcome: PivotalRoundOutput | null;
  counterfactuals: Counterfactual[] | null;
  /** Set when the mechanism could not be computed this round (see docs: fallback). */
  error: string | null;
  /**
   * Which decision phase a default filled, per seat (the export's timed_out_participation/report/loner
   * columns; `ctx.timedOut(pid)` says whether any did).
   */
  timedOut: Record<DecisionPhase, boolean[]>;
  continued: boolean[];
}

export type DecisionPhase = "participate" | "report" | "loner";
export type Ctx = RoundContext<PivotalParams>;

/** The true type of user i, as a report. */
export function trueReport(p: PivotalParams, i: number): TypeReport {
  return { alpha: p.alpha[i]!, c: p.c[i]!, q: p.q?.[i] ?? 0 };
}

export function setupRound(ctx: Ctx): PivotalState {
  const compulsory = ctx.params.participation === "compulsory";
  const f = () => ctx.perSeat(() => false);
  return {
    joined: ctx.perSeat(() => (compulsory ? true : null)),
    reports: ctx.perSeat(() => null),
    lonerX: ctx.perSeat(() => null),
    alloc: null,
    outcome: null,
    counterfactuals: null,
    error: null,
    timedOut: { participate: f(), report: f(), loner: f() },
    continued: f(),
  };
}

export const firstPhase = (p: PivotalParams) => (p.participation === "compulsory" ? "report" : "participate");

/** The stored mechanism input of the round (complete once the outcome exists). */
export function roundInput(s: PivotalState, p: PivotalParams): PivotalRoundInput {
  return {
    information: p.information,
    truth: instanceOf(p),
    joined: s.joined.map((j) => j === true),
    reports: s.reports.map((r, i) => (s.joined[i] ? r : null)),
    lonerChoices: s.lonerX.map((x) => x),
  };
}

const needsLonerPhase = (s: PivotalState, p: PivotalParams) => p.loner === "free" && s.joined.some((j) => j !== true);

/** Fallback when the mechanism cannot be computed: no taxes, nothing prescribed, loners best-respond. */
function fallbackAllocation(truth: Instance, joined: boolean[]): PivotalAllocation {
  const n = joined.length;
  return {
    designer: truth,
    participants: [...Array(n).keys()].filter((i) => joined[i]),
    loners: [...Array(n).keys()].filter((i) => !joined[i]),
    prescribed: joined.map((j) => (j ? 0 : null)),
    planned: Array(n).fill(0),
    taxes: joined.map((j) => (j ? 0 : null)),
    references: Array(n).fill(null),
    budget: 0,
    method: "none",
    certified: false,
  };
}

/** Step 1 of a round: the allocation from joins and reports (the no-tax fallback, with the error, if the mechanism fails). */
export function allocateRound(input: PivotalRoundInput): { alloc: PivotalAllocation; error: string | null } {
  try {
    return { alloc: pivotalAllocation(input.information, input.truth, input.joined, input.reports), error: null };
  } catch (e) {
    return { alloc: fallbackAllocation(input.truth, input.joined), error: `mechanism failed: ${(e as Error).message}` };
  }
}

/** Step 2: the realised outcome once loners have acted, and the counterfactuals (when the mechanism ran). */
export function realiseRound(input: PivotalRoundInput, alloc: PivotalAllocation, error: string | null): { outcome: PivotalRoundOutput; counterfactuals: Counterfactual[] | null; error: string | null } {
  const failed = (e: unknown) => `${error ? error + "; " : ""}outcome failed: ${(e as Error).message}`;
  let outcome: PivotalRoundOutput;
  try {
    outcome = pivotalOutcome(input.truth, alloc, input.lonerChoices);
  } catch (e) {
    return { outcome: pivotalOutcome(input.truth, fallbackAllocation(input.truth, input.joined), input.lonerChoices.map((x) => x ?? 0)), counterfactuals: null, error: failed(e) };
  }
  if (error !== null) return { outcome, counterfactuals: null, error };
  try {
    return { outcome, counterfactuals: pivotalCounterfactuals(input, outcome), error };
  } catch (e) {
    return { outcome, counterfactuals: null, error: failed(e) };
  }
}

/** Run what can run: the allocation once joins and reports are in, the outcome once loners have acted. */
export function settleRound(s: PivotalState, ctx: Ctx): PivotalState {
  const p = ctx.params;
  let next = s;
  if (next.alloc === null && next.joined.every((j) => j !== null) && next.joined.every((j, i) => !j || next.reports[i] !== null))
    next = { ...next, ...allocateRound(roundInput(next, p)) };
  const lonersDone = !needsLonerPhase(next, p) || next.joined.every((j, i) => j || next.lonerX[i] !== null);
  if (next.alloc !== null && next.outcome === null && lonersDone) next = { ...next, ...realiseRound(roundInput(next, p), next.alloc, next.error) };
  return next;
}

const nextPhase = (s: PivotalState): string => (s.outcome ? "results" : s.alloc ? "loner" : "report");

function fmtNum(v: number): string {
  return String(Number(v.toPrecision(4)));
}

const phase = definePhase<PivotalParams, PivotalState, PivotalAction>();

/** Fill `missing` members' choice in `phase` with `fill(seat)` and flag it (the timed_out_<phase> column). */
function fillMissing<K extends "joined" | "reports" | "lonerX">(s: PivotalState, ctx: Ctx, missing: readonly PlayerId[], key: K, phaseId: DecisionPhase, fill: (i: number) => PivotalState[K][number]): PivotalState {
  const miss = (i: number) => missing.includes(ctx.players[i]!);
  return {
    ...s,
    [key]: ctx.perSeat((_, i) => (miss(i) ? fill(i) : s[key][i])),
    timedOut: { ...s.timedOut, [phaseId]: ctx.perSeat((_, i) => s.timedOut[phaseId][i] || miss(i)) },
  };
}

export const participatePhase = phase({
  id: "participate",
  label: "Join the mechanism or stay out",
  kind: "decision",
  durationMs: (p) => (p.participateSeconds === null ? null : p.participateSeconds * 1000),
  accepts: ["participate"],
  pending: (s, ctx) => ctx.players.filter((_, i) => s.joined[i] === null),
  apply: (s, a, by, ctx) => ok({ ...s, joined: s.joined.with(ctx.seatOf(by), a.join) }),
  onTimeout: (s, missing, ctx) => fillMissing(s, ctx, missing, "joined", "participate", () => ctx.params.timeoutParticipation === "join"),
  onExit: settleRound,
  next: nextPhase,
});

/** Check a report against the treatment's bounds; returns the refusal (and its field) or null. */
export function checkReport(p: PivotalParams, i: number, r: { alpha: number; c: number; q?: number | undefined }): { text: RefusalText; field: string } | null {
  const truth = trueReport(p, i);
  for (const k of ["alpha", "c", "q"] as const) {
    const v = k === "q" ? (r.q ?? 0) : r[k];
    const [lo, hi] = reportBounds(p, truth[k]);
    const slack = 1e-9 * Math.max(1, Math.abs(hi));
    if (truth[k] === 0 && v !== 0) return { text: worded("reportZero", { field: k }), field: k };
    if (v < lo - slack || v > hi + slack)
      return { text: worded("reportRange", { field: k, min: fmtNum(Math.ceil(lo * 1e4) / 1e4), max: fmtNum(Math.floor(hi * 1e4) / 1e4) }), field: k };
  }
  return null;
}

export const reportPhase = phase({
  id: "report",
  label: "Report your type to the mechanism",
  kind: "decision",
  durationMs: (p) => (p.reportSeconds === null ? null : p.reportSeconds * 1000),
  accepts: ["report"],
  pending: (s, ctx) => ctx.players.filter((_, i) => s.joined[i] === true && s.reports[i] === null),
  notPendingMessage: (s, by, ctx) =>
    s.joined[ctx.seatOf(by)] === false ? worded("stayedOutNoReport") : null,
  apply(s, a, by, ctx) {
    const i = ctx.seatOf(by);
    const bad = checkReport(ctx.params, i, a);
    if (bad) return fail(ActionErrorCode.OutOfRange, bad.text, bad.field);
    const truth = trueReport(ctx.params, i);
    const clamp = (k: "alpha" | "c" | "q", v: number) => {
      const [lo, hi] = reportBounds(ctx.params, truth[k]);
      return Math.min(hi, Math.max(lo, v));
    };
    return ok({ ...s, reports: s.reports.with(i, { alpha: clamp("alpha", a.alpha), c: clamp("c", a.c), q: clamp("q", a.q ?? 0) }) });
  },
  // the form is prefilled with the true values
  onTimeout: (s, missing, ctx) => fillMissing(s, ctx, missing, "reports", "report", (i) => trueReport(ctx.params, i)),
  onExit: settleRound,
  next: nextPhase,
});

export const lonerPhase = phase({
  id: "loner",
  label: "You stayed out: choose your investment",
  kind: "decision",
  durationMs: (p) => (p.lonerSeconds === null ? null : p.lonerSeconds * 1000),
  accepts: ["invest"],
  pending: (s, ctx) => ctx.players.filter((_, i) => s.joined[i] === false && s.lonerX[i] === null),
  notPendingMessage: (s, by, ctx) =>
    s.joined[ctx.seatOf(by)] === true ? worded("joinedNoLoner") : null,
  apply(s, a, by, ctx) {
    if (a.x < 0 || a.x > ctx.params.xMax)
      return fail(ActionErrorCode.OutOfRange, worded("investmentRange", { max: ctx.params.xMax }), "x");
    return ok({ ...s, lonerX: s.lonerX.with(ctx.seatOf(by), a.x) });
  },
  onTimeout: (s, missing, ctx) =>
    fillMissing(s, ctx, missing, "lonerX", "loner", (i) => (ctx.params.lonerTimeoutDefault === "zero" ? 0 : Math.min(ctx.params.xMax, lonerBestResponseNow(s, ctx, i)))),
  onExit: settleRound,
  next: nextPhase,
});

/** Best response of loner i to the announced profile (participants' prescribed x; loners who already chose; else 0). */
export function lonerBestResponseNow(s: PivotalState, ctx: Ctx, i: number): number {
  if (!s.alloc) return 0;
  const x = s.alloc.prescribed.map((v, j) => v ?? s.lonerX[j] ?? 0);
  return bestResponse(instanceOf(ctx.params), i, x);
}

export const resultsPhase = resultsPhase_<PivotalParams, PivotalState, PivotalAction, "continue">();
