/**
 * What a participant sees in the Pivotal game: only their own type (α_i, c_i, q_i, row i of W), their
 * own join / report / tax, the announced profile (participants' prescribed investments, public as in
 * Prop. 2) and, after the round, what the treatment's `feedback` allows of the others. Other people's
 * types, reports and (unless feedback = investmentsAndTaxes) taxes never appear.
 */
import { viewerSeat } from "../shared/viewer-seat";
import type { Viewer } from "../../core/game";
import { protectionFromOthers } from "../../mechanisms/ids/unregulated";
import { reportBounds, type PivotalParams } from "./params";
import type { TypeReport } from "./mechanism";
import type { Ctx, PivotalState } from "./state";

export interface PivotalView {
  n: number;
  me: {
    index: number;
    alpha: number;
    c: number;
    q: number;
    ownWeight: number;
    othersWeights: { member: number; weight: number }[];
  };
  rules: {
    information: PivotalParams["information"];
    participation: PivotalParams["participation"];
    loner: PivotalParams["loner"];
    feedback: PivotalParams["feedback"];
    xMax: number;
    endowment: number;
    pointsScale: number;
  };
  /** Allowed report ranges [lo, hi] (q: null when q_i = 0, nothing to report). */
  reportBounds: { alpha: [number, number]; c: [number, number]; q: [number, number] | null };
  myJoin: boolean | null;
  myReport: TypeReport | null;
  myLonerX: number | null;
  /** The mechanism's announcement (after the reports): who joined and the prescribed investments. */
  announcement: {
    joined: boolean[];
    prescribed: (number | null)[];
    myPrescribed: number | null;
    myTax: number | null;
    /** Σ_{j≠i} W_ij x_j of the announced profile (participants' prescribed x; loners counted as 0). */
    protectionAnnounced: number;
  } | null;
  /**
   * Who joined last round (members of the current group), when feedback shows it; null otherwise (round 1,
   * feedback "own"). Only the participation bot reads it (it then assumes everyone joins). Not a secret under
   * "own": every member saw last round's joins in its `announcement` (docs/games/ids-pivotal.md).
   */
  lastJoined: (boolean | null)[] | null;
  /** The viewer's last round; `bot`: a bot chose for the seat then (the person was away, or took the seat over from its bot later). */
  last: { joined: boolean | null; points: number; bot: boolean } | null;
  results: {
    joined: boolean;
    timedOut: boolean;
    report: TypeReport | null;
    prescribed: number | null;
    x: number;
    tax: number | null;
    protection: number;
    risk: number;
    invest: number;
    cost: number;
    netCost: number;
    points: number;
    /** The mechanism could not be computed this round (fallback: no taxes). */
    mechanismError: boolean;
    others: { member: number; joined: boolean; x: number; tax: number | null }[] | null;
    budget: number | null;
  } | null;
}

export function pivotalView(s: PivotalState, viewer: Viewer, ctx: Ctx): PivotalView {
  const p = ctx.params;
  const { pid, seat: i } = viewerSeat(viewer, ctx); // a player outside the group gets no view (never seat 0's)
  const row = p.W[i] ?? [];
  const q = p.q?.[i] ?? 0;
  const lastRec = ctx.lastRound(pid);
  const a = s.alloc;
  const o = s.outcome;
  const showOthers = p.feedback !== "own";
  const showTaxes = p.feedback === "investmentsAndTaxes";
  const joinedLast = (m: string) => {
    const j = ctx.lastRound(m)?.decision.joined;
    return typeof j === "boolean" ? j : null;
  };
  const lastJoined = showOthers && ctx.round > 1 ? ctx.perSeat(joinedLast) : null;
  const announced = a ? a.prescribed.map((v) => v ?? 0) : null;
  return {
    n: ctx.players.length,
    me: {
      index: i,
      alpha: p.alpha[i]!,
      c: p.c[i]!,
      q,
      ownWeight: row[i] ?? 0,
      othersWeights: row.map((w, j) => ({ member: j, weight: w })).filter((e) => e.member !== i),
    },
    rules: {
      information: p.information,
      participation: p.participation,
      loner: p.loner,
      feedback: p.feedback,
      xMax: p.xMax,
      endowment: p.endowment,
      pointsScale: p.pointsScale,
    },
    reportBounds: {
      alpha: reportBounds(p, p.alpha[i]!),
      c: reportBounds(p, p.c[i]!),
      q: q > 0 ? reportBounds(p, q) : null,
    },
    myJoin: s.joined[i] ?? null,
    myReport: s.reports[i] ?? null,
    myLonerX: s.lonerX[i] ?? null,
    announcement:
      a && announced
        ? {
            joined: s.joined.map((j) => j === true),
            prescribed: a.prescribed.slice(),
            myPrescribed: a.prescribed[i] ?? null,
            myTax: a.taxes[i] ?? null,
            protectionAnnounced: protectionFromOthers(p.W, i, announced),
          }
        : null,
    lastJoined,
    last: lastRec ? { joined: joinedLast(pid), points: lastRec.payoff, bot: lastRec.isBot } : null,
    results: o
      ? {
          joined: s.joined[i] === true,
          timedOut: ctx.timedOut(pid),
          report: s.joined[i] ? (s.reports[i] ?? null) : null,
          prescribed: o.prescribed[i] ?? null,
          x: o.x[i]!,
          tax: o.taxes[i] ?? null,
          protection: protectionFromOthers(p.W, i, o.x),
          risk: o.risk[i]!,
          invest: o.invest[i]!,
          cost: o.cost[i]!,
          netCost: o.netCost[i]!,
          points: pointsOf(p, o.netCost[i]!),
          mechanismError: s.error !== null,
          others: showOthers
            ? o.x
                .map((x, j) => ({ member: j, joined: s.joined[j] === true, x, tax: showTaxes ? (o.taxes[j] ?? null) : null }))
                .filter((e) => e.member !== i)
            : null,
          budget: showTaxes ? o.budget : null,
        }
      : null,
  };
}

/** points = pointsScale · (endowment − net cost). */
export function pointsOf(p: PivotalParams, netCost: number): number {
  return p.pointsScale * (p.endowment - netCost);
}
