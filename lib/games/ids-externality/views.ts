/**
 * What a participant sees in the Externality game: their own type (α_i, c_i, q_i, row i of W), the
 * messages everyone sent last round (messages are public: the iterative process of §V needs people to
 * observe the others' actions), the resulting investment profile x̂, and their own tax (three terms of
 * eq. 11) and cost. Other people's types and costs never appear.
 */
import { viewerSeat } from "../shared/viewer-seat";
import type { Viewer } from "../../core/game";
import type { ExternalityMessage, ExternalityTaxTerms } from "../../mechanisms/ids";
import { externalityTaxes } from "../../mechanisms/ids";
import { protectionFromOthers, userCostAt } from "../../mechanisms/ids/unregulated";
import type { ExternalityParams } from "./params";
import type { Ctx, ExternalityState } from "./state";

export interface ExternalityView {
  n: number;
  me: {
    index: number;
    alpha: number;
    c: number;
    q: number;
    ownWeight: number;
    /** W_ij for every j (j = i included), to compute one's own risk at any profile. */
    weights: number[];
  };
  rules: { xMax: number; piMax: number; endowment: number; pointsScale: number };
  /** My prefill: my last message (round 1: the starting profile). */
  prefill: ExternalityMessage;
  /** Everyone's last message (round 1: the starting profile, identical for all), and what that profile gives me. */
  previous: {
    round: number | null;
    messages: ExternalityMessage[];
    x: number[];
    myTerms: ExternalityTaxTerms;
    myCost: number;
    myNetCost: number;
  };
  myMessage: ExternalityMessage | null;
  results: {
    messages: ExternalityMessage[];
    x: number[];
    terms: ExternalityTaxTerms;
    tax: number;
    protection: number;
    risk: number;
    invest: number;
    cost: number;
    netCost: number;
    points: number;
    timedOut: boolean;
  } | null;
}

/** points = pointsScale · (endowment − g_i(x̂) − t̂_i). */
export function pointsOf(p: ExternalityParams, netCost: number): number {
  return p.pointsScale * (p.endowment - netCost);
}

export function externalityView(s: ExternalityState, viewer: Viewer, ctx: Ctx): ExternalityView {
  const p = ctx.params;
  const n = ctx.players.length;
  const { pid, seat: i } = viewerSeat(viewer, ctx); // a player outside the group gets no view (never seat 0's)
  const row = p.W[i] ?? [];
  const q = p.q?.[i] ?? 0;
  const mine = (x: readonly number[]) => {
    const c = userCostAt(p.alpha[i]!, row[i] ?? 0, p.c[i]!, q, x[i]!, protectionFromOthers(p.W, i, x));
    return { ...c, protection: protectionFromOthers(p.W, i, x) };
  };
  const prevT = externalityTaxes(s.start);
  const prevCost = mine(prevT.x).total;
  const o = s.outcome;
  return {
    n,
    me: { index: i, alpha: p.alpha[i]!, c: p.c[i]!, q, ownWeight: row[i] ?? 0, weights: row.slice() },
    rules: { xMax: p.xMax, piMax: p.piMax, endowment: p.endowment, pointsScale: p.pointsScale },
    prefill: s.start[i]!,
    previous: {
      round: ctx.round > 1 ? ctx.round - 1 : null,
      messages: s.start,
      x: prevT.x,
      myTerms: prevT.terms[i]!,
      myCost: prevCost,
      myNetCost: prevCost + prevT.taxes[i]!,
    },
    myMessage: s.messages[i] ?? null,
    results: o
      ? (() => {
          const c = mine(o.x);
          return {
            messages: s.messages.map((m, k) => m ?? s.start[k]!),
            x: o.x,
            terms: o.terms[i]!,
            tax: o.taxes[i]!,
            protection: c.protection,
            risk: o.risk[i]!,
            invest: o.invest[i]!,
            cost: o.cost[i]!,
            netCost: o.netCost[i]!,
            points: pointsOf(p, o.netCost[i]!),
            timedOut: ctx.timedOut(pid),
          };
        })()
      : null,
  };
}
