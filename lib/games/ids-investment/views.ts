/**
 * What a participant sees: only their own private parameters (α_i, c_i, q_i and their row of W) and,
 * after the round, what the treatment's `feedback` setting allows of the others.
 */
import { viewerSeat } from "../shared/viewer-seat";
import type { Viewer } from "../../core/game";
import type { Ctx, IdsState } from "./state";

export type IdsView = ReturnType<typeof idsView>;

export function idsView(s: IdsState, viewer: Viewer, ctx: Ctx) {
  const p = ctx.params;
  const { pid, seat: i } = viewerSeat(viewer, ctx); // a player outside the group gets no view (never seat 0's)
  const row = p.W[i] ?? [];
  const last = ctx.lastRound(pid);
  const o = s.outcome;
  return {
    me: {
      index: i, alpha: p.alpha[i]!, c: p.c[i]!, q: p.q?.[i] ?? 0,
      /** Effectiveness of my own investment, W_ii. */
      ownWeight: row[i] ?? 0,
      /** How much each other member's investment protects me, W_ij (j ≠ i). */
      othersWeights: row.map((w, j) => ({ member: j, weight: w })).filter((e) => e.member !== i),
    },
    xMax: p.xMax, endowment: p.endowment, pointsScale: p.pointsScale,
    myDecision: s.x[i] ?? null,
    // bot: a bot chose for the seat last round (the person was away, or took the seat over from its bot later): the page says so
    last: last && { x: ctx.lastNumber(pid, "decision", "x"), protection: ctx.lastNumber(pid, "outcome", "protection"), points: last.payoff, bot: last.isBot },
    results: o && {
      x: o.x[i]!, risk: o.risk[i]!, invest: o.invest[i]!, cost: o.cost[i]!, points: o.points[i]!, protection: o.protection[i]!,
      timedOut: ctx.timedOut(pid),
      others: p.feedback === "own" ? null : o.x.map((x, j) => ({ member: j, x, cost: p.feedback === "investmentsAndCosts" ? o.cost[j]! : null })).filter((e) => e.member !== i),
      // null with feedback "own". "own" does not make the others' investments secret: `protection` is
      // Σ_{j≠i} W_ij x_j with weights the viewer knows (with two users: the other's x exactly), and risk and
      // points give it too through the public formula; it only leaves out the list and the mean
      // (docs/games/ids-investment.md, "What feedback own hides")
      groupMeanX: p.feedback === "own" ? null : o.x.reduce((a, b) => a + b, 0) / o.x.length,
    },
  };
}
