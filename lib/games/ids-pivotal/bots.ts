/**
 * Bot strategies for the Pivotal game. Each acts on its own view plus the treatment's parameters.
 * - truthful: joins, reports its true type (Prop. 1: a dominant strategy under incomplete information);
 * - misreport: joins, reports c_i · botMisreportFactor (clamped to the allowed range), true α and q;
 * - participation: joins iff its net cost in ≤ its cost out, both computed with the round's mechanism
 *   from the treatment's true types, assuming the others join as they did last round (all of them when
 *   it cannot see that) and report truthfully; reports truthfully;
 * - stayOut: never joins.
 * As loners choosing freely, all bots best-respond to the announced profile (other loners counted as 0).
 */
import type { BotContext, BotStrategy } from "../../core/game";
import { bestResponseToProtection } from "../../mechanisms/ids/unregulated";
import { pivotalCounterfactuals, pivotalRound } from "./mechanism";
import { instanceOf, type PivotalParams } from "./params";
import type { PivotalAction } from "./state";
import type { PivotalView } from "./views";

type PivotalBot = BotStrategy<PivotalParams, PivotalView, PivotalAction>;

const clamp = (v: number, [lo, hi]: [number, number]) => Math.min(hi, Math.max(lo, v));

const truthfulReport = (v: PivotalView): PivotalAction => ({ type: "report", alpha: v.me.alpha, c: v.me.c, q: v.me.q });

/** The loner's best response to the announced profile (its own parameters only). */
export function lonerBestResponse(v: PivotalView): number {
  const prot = v.announcement?.protectionAnnounced ?? 0;
  return bestResponseToProtection(v.me.alpha, v.me.ownWeight, v.me.c, v.me.q, prot, v.rules.xMax);
}

/**
 * Net cost in and cost out for the bot, others joining as `othersJoin` and truthful (see file comment), and
 * whether joining is at least as good (the counterfactual's own test, relative to the terms compared).
 */
export function participationCosts(p: PivotalParams, me: number, othersJoin: readonly boolean[]): { costIn: number; costOut: number; joinPays: boolean } {
  const truth = instanceOf(p);
  const n = truth.alpha.length;
  const joined = [...Array(n).keys()].map((j) => (j === me ? true : othersJoin[j] !== false));
  const reports = joined.map((jn, j) => (jn ? { alpha: truth.alpha[j]!, c: truth.c[j]!, q: truth.q[j]! } : null));
  const input = { information: p.information, truth, joined, reports, lonerChoices: Array<number | null>(n).fill(null) };
  const cf = pivotalCounterfactuals(input, pivotalRound(input))[me]!;
  return { costIn: cf.costIn, costOut: cf.costOut, joinPays: !cf.regrets };
}

function play(v: PivotalView, ctx: BotContext<PivotalParams>, decide: { join: (v: PivotalView) => boolean; report: (v: PivotalView) => PivotalAction }): PivotalAction | null {
  switch (ctx.phase) {
    case "participate":
      return v.myJoin === null ? { type: "participate", join: decide.join(v) } : null;
    case "report":
      return v.myJoin && v.myReport === null ? decide.report(v) : null;
    case "loner":
      return v.myJoin === false && v.myLonerX === null ? { type: "invest", x: lonerBestResponse(v) } : null;
    case "results":
      return { type: "continue" };
    default:
      return null;
  }
}

export const pivotalBots: Record<string, PivotalBot> = {
  truthful: {
    label: "Truthful",
    description: "Joins and reports its true type (α, c, q); as a loner best-responds.",
    act: (v, ctx) => play(v, ctx, { join: () => true, report: truthfulReport }),
  },
  misreport: {
    label: "Misreporting",
    description: "Joins and reports its cost c multiplied by the treatment's botMisreportFactor (clamped to the allowed range); true α and q.",
    act: (v, ctx) =>
      play(v, ctx, {
        join: () => true,
        report: (w) => ({ type: "report", alpha: w.me.alpha, c: clamp(w.me.c * ctx.params.botMisreportFactor, w.reportBounds.c), q: w.me.q }),
      }),
  },
  participation: {
    label: "Participation optimiser",
    description:
      "Joins iff its net cost in (g_i + t_i) is at most its cost out (best-responding), computed with the mechanism from the treatment's types, the others joining as last round (all in round 1) and reporting truthfully. Reports truthfully.",
    act: (v, ctx) =>
      play(v, ctx, {
        join: (w) => {
          const others = w.lastJoined ?? Array<boolean | null>(w.n).fill(true);
          return participationCosts(ctx.params, w.me.index, others.map((j) => j !== false)).joinPays;
        },
        report: truthfulReport,
      }),
  },
  stayOut: {
    label: "Always out",
    description: "Never joins; as a loner best-responds to the announced profile.",
    act: (v, ctx) => play(v, ctx, { join: () => false, report: truthfulReport }),
  },
};
