/**
 * One group's round of the unregulated IDS game, and its two phases: decide → results.
 */
import { z } from "zod";
import { fail, ok, ActionErrorCode } from "../../core/errors";
import type { PhaseSpec, PlayerId, RoundContext } from "../../core/game";
import type { IdsParams } from "./params";
import { protectionFromOthers, userCostAt } from "./cost";
import { resultsPhase as resultsPhase_ } from "../shared/results-phase";

export const IdsAction = z.discriminatedUnion("type", [
  z.object({ type: z.literal("invest"), x: z.number({ error: "enter a number" }).finite() }),
  z.object({ type: z.literal("continue") }),
]);
export type IdsAction = z.infer<typeof IdsAction>;

export interface IdsRoundOutcome {
  x: number[];
  risk: number[];
  invest: number[];
  cost: number[];
  points: number[];
  protection: number[];
}

export interface IdsState {
  /** Investment per member index (null = not decided yet). */
  x: (number | null)[];
  timedOut: boolean[];
  outcome: IdsRoundOutcome | null;
  continued: boolean[];
}

export type Ctx = RoundContext<IdsParams>;
export const indexOf = (ctx: Ctx, pid: PlayerId) => ctx.players.indexOf(pid);

/** Last round's investment of `pid`, if any. */
export function lastInvestment(ctx: Ctx, pid: PlayerId): number | null {
  const h = ctx.history[pid];
  const last = h?.[h.length - 1];
  const x = last?.decision.x;
  return typeof x === "number" ? x : null;
}

/** The round's outcome from everyone's investments: eq. (1) of the paper, per user. */
export function computeOutcome(p: Pick<IdsParams, "alpha" | "W" | "c" | "q" | "endowment" | "pointsScale">, x: number[]): IdsRoundOutcome {
  const q = p.q ?? p.alpha.map(() => 0);
  const out: IdsRoundOutcome = { x, risk: [], invest: [], cost: [], points: [], protection: [] };
  x.forEach((xi, i) => {
    const prot = protectionFromOthers(p.W, i, x);
    const c = userCostAt(p.alpha[i]!, p.W[i]![i]!, p.c[i]!, q[i]!, xi, prot);
    out.protection.push(prot);
    out.risk.push(c.risk);
    out.invest.push(c.invest);
    out.cost.push(c.total);
    out.points.push(p.pointsScale * (p.endowment - c.total));
  });
  return out;
}

export const decidePhase: PhaseSpec<IdsParams, IdsState, IdsAction> = {
  id: "decide",
  label: "Choose your investment",
  kind: "decision",
  durationMs: (p) => (p.decisionSeconds === null ? null : p.decisionSeconds * 1000),
  accepts: ["invest"],
  pending: (s, ctx) => ctx.players.filter((_, i) => s.x[i] === null),
  apply(s, a, by, ctx) {
    if (a.type !== "invest") return fail(ActionErrorCode.WrongPhase, "Choose an investment first.");
    const i = indexOf(ctx, by);
    if (a.x < 0 || a.x > ctx.params.xMax)
      return fail(ActionErrorCode.OutOfRange, `Choose an investment between 0 and ${ctx.params.xMax}.`, "x");
    const x = s.x.slice();
    x[i] = a.x;
    return ok({ ...s, x });
  },
  onTimeout(s, missing, ctx) {
    const x = s.x.slice();
    const timedOut = s.timedOut.slice();
    for (const pid of missing) {
      const i = indexOf(ctx, pid);
      x[i] = ctx.params.timeoutDefault === "last" ? (lastInvestment(ctx, pid) ?? 0) : 0;
      timedOut[i] = true;
    }
    return { ...s, x, timedOut };
  },
  onExit: (s, ctx) => ({ ...s, outcome: computeOutcome(ctx.params, s.x.map((v) => v ?? 0)) }),
  next: () => "results",
};

export const resultsPhase = resultsPhase_<IdsParams, IdsState, IdsAction>();

export function setupRound(ctx: Ctx): IdsState {
  const n = ctx.players.length;
  return { x: Array(n).fill(null), timedOut: Array(n).fill(false), outcome: null, continued: Array(n).fill(false) };
}
