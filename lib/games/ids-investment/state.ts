/**
 * One group's round of the unregulated IDS game, and its two phases: decide → results.
 */
import { z } from "zod";
import { fail, ok, ActionErrorCode, worded } from "../../core/errors";
import { definePhase, type PlayerId, type RoundContext } from "../../core/game";
import { unregulatedOutcome, type UnregulatedOutcome } from "../../mechanisms/ids/unregulated";
import { ContinueAction, resultsPhase as sharedResults } from "../shared/results-phase";
import { instanceOf, type IdsParams } from "./params";
import type { IdsRecords } from "./records";

const Invest = z.object({ type: z.literal("invest"), x: z.number({ error: "enter a number" }).finite() });
export const IdsAction = z.discriminatedUnion("type", [Invest, ContinueAction]);
export type IdsAction = z.infer<typeof IdsAction>;

export interface IdsState {
  /** Investment per seat (null = not decided yet). */
  x: (number | null)[];
  outcome: UnregulatedOutcome | null;
  continued: boolean[];
}

/** The round context, with `lastNumber` keys checked against the records (records.ts). */
export type Ctx = RoundContext<IdsParams, IdsRecords>;

export const outcomeOf = (p: IdsParams, x: number[]) => unregulatedOutcome(instanceOf(p), x, p.endowment, p.pointsScale);

const phase = definePhase<IdsParams, IdsState, IdsAction, IdsRecords>();

export const decidePhase = phase({
  id: "decide",
  label: "Choose your investment",
  kind: "decision",
  durationMs: (p) => (p.decisionSeconds === null ? null : p.decisionSeconds * 1000),
  accepts: ["invest"],
  pending: (s, ctx) => ctx.players.filter((_, i) => s.x[i] === null),
  apply(s, a, by, ctx) {
    if (a.x < 0 || a.x > ctx.params.xMax)
      return fail(ActionErrorCode.OutOfRange, worded("investmentRange", { max: ctx.params.xMax }), "x");
    return ok({ ...s, x: s.x.with(ctx.seatOf(by), a.x) });
  },
  onTimeout(s, missing, ctx) {
    const last = (pid: PlayerId) => (ctx.params.timeoutDefault === "last" ? (ctx.lastNumber(pid, "decision", "x") ?? 0) : 0);
    return { ...s, x: ctx.perSeat((pid, i) => (missing.includes(pid) ? last(pid) : s.x[i]!)) };
  },
  onExit: (s, ctx) => ({ ...s, outcome: outcomeOf(ctx.params, s.x.map((v) => v ?? 0)) }),
  next: () => "results",
});

export const resultsPhase = sharedResults<IdsParams, IdsState, IdsAction, "continue">();

export const setupRound = (ctx: Ctx): IdsState => ({ x: ctx.perSeat(() => null), outcome: null, continued: ctx.perSeat(() => false) });
