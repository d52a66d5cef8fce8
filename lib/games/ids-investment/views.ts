/**
 * What a participant sees: only their own private parameters (α_i, c_i, q_i and their row of W) and,
 * after the round, what the treatment's `feedback` setting allows of the others.
 */
import type { Viewer } from "../../core/game";
import type { IdsParams } from "./params";
import { indexOf, lastInvestment, type Ctx, type IdsState } from "./state";

export interface IdsView {
  phase: "decide" | "results";
  me: {
    index: number;
    alpha: number;
    c: number;
    q: number;
    /** Effectiveness of my own investment, W_ii. */
    ownWeight: number;
    /** How much each other member's investment protects me, W_ij (j ≠ i). */
    othersWeights: { member: number; weight: number }[];
  };
  xMax: number;
  endowment: number;
  pointsScale: number;
  myDecision: number | null;
  last: { x: number | null; protection: number | null; points: number | null } | null;
  results: {
    x: number;
    risk: number;
    invest: number;
    cost: number;
    points: number;
    protection: number;
    timedOut: boolean;
    others: { member: number; x: number; cost: number | null }[] | null;
    groupMeanX: number;
  } | null;
}

export function idsView(s: IdsState, viewer: Viewer, ctx: Ctx): IdsView {
  const p: IdsParams = ctx.params;
  const pid = viewer.kind === "player" ? viewer.playerId : ctx.players[0]!;
  const i = Math.max(0, indexOf(ctx, pid));
  const row = p.W[i] ?? [];
  const hist = ctx.history[pid] ?? [];
  const lastRec = hist[hist.length - 1];
  const o = s.outcome;
  const n = ctx.players.length;
  return {
    phase: o ? "results" : "decide",
    me: {
      index: i,
      alpha: p.alpha[i]!,
      c: p.c[i]!,
      q: p.q?.[i] ?? 0,
      ownWeight: row[i] ?? 0,
      othersWeights: row.map((w, j) => ({ member: j, weight: w })).filter((e) => e.member !== i),
    },
    xMax: p.xMax,
    endowment: p.endowment,
    pointsScale: p.pointsScale,
    myDecision: s.x[i] ?? null,
    last: lastRec
      ? {
          x: lastInvestment(ctx, pid),
          protection: typeof lastRec.outcome.protection === "number" ? lastRec.outcome.protection : null,
          points: lastRec.payoff,
        }
      : null,
    results: o
      ? {
          x: o.x[i]!,
          risk: o.risk[i]!,
          invest: o.invest[i]!,
          cost: o.cost[i]!,
          points: o.points[i]!,
          protection: o.protection[i]!,
          timedOut: s.timedOut[i] ?? false,
          others:
            p.feedback === "own"
              ? null
              : o.x
                  .map((x, j) => ({ member: j, x, cost: p.feedback === "investmentsAndCosts" ? o.cost[j]! : null }))
                  .filter((e) => e.member !== i),
          groupMeanX: o.x.reduce((a, b) => a + b, 0) / n,
        }
      : null,
  };
}
