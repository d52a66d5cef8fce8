/**
 * Scoring (payoffs, export columns, the mechanism's full input and output) and the experimenter's
 * monitor for the CIP contract game.
 */
import type { MonitorView, RoundScore, Scalar } from "../../core/game";
import type { RecordsOf } from "../../core/records";
import { at, OVER_BUDGET_RULE, tau, type Algorithm1LogEntry } from "../../mechanisms/cip";
import { recordMechanism } from "../../mechanisms/unit";
import { computeOutcome, equalSplitFor, exPostBestResponses } from "./outcome";
import { ciId, instanceOf, seatOf } from "./params";
import type { cipRecords } from "./records";
import type { CipState, Ctx } from "./state";
import { cipUnits, mechanismInput, mechanismOutput } from "./unit";

type CipScore = RoundScore<RecordsOf<typeof cipRecords>>;

export function cipScore(s: CipState, ctx: Ctx): CipScore {
  const p = ctx.params;
  const o = s.outcome ?? computeOutcome(s, p);
  const instance = instanceOf(p);
  const exPost = exPostBestResponses(s, instance);
  const players: CipScore["players"] = {};
  ctx.players.forEach((pid, seat) => {
    const c = at(o.cis, seat);
    const t = at(instance.types, c.trueType);
    players[pid] = {
      decision: {
        response: c.response,
        contract: c.contract === null ? null : c.contract + 1,
        contract_type: c.contract === null ? null : c.contract + 1,
        first_response: c.firstResponse,
        first_contract: c.firstContract === null ? null : c.firstContract + 1,
      },
      outcome: {
        ci: seat + 1,
        request_position: s.requestOrder.indexOf(seat) + 1,
        true_type: c.trueType + 1,
        theta: t.theta,
        phi: t.phi,
        tau: tau(t),
        status: c.status,
        offers_received: c.offersReceived,
        ever_excluded: c.everExcluded,
        rejected_in_offer: c.rejectedInOffer,
        resources: c.resources,
        designed_resources: c.designedResources,
        reward: c.reward,
        utility: c.utility,
        own_contract: c.ownContract,
        best_on_menu: c.bestResponse,
        best_response_ex_post: exPost[seat] ?? null,
        equal_split_utility: c.equalSplitUtility,
        points_floored: c.floored,
        points: c.points,
      },
      payoff: c.points,
    };
  });
  const g = o.group;
  return {
    players,
    mechanism: recordMechanism(cipUnits[s.allocation], mechanismInput(s, p), mechanismOutput(s, instance, o)),
    group: {
      allocation: s.allocation,
      cc_utility: g.ccUtility,
      equal_split_cc_utility: g.equalSplitCcUtility,
      gain_vs_equal_split: g.gainVsEqualSplit,
      menu_truthful_cc_utility: g.menuTruthfulCcUtility,
      menu_lp_objective: g.menuLpObjective,
      equal_split_lp_objective: g.equalSplitLpObjective,
      ic_rate: g.icRate,
      ic_rate_first_offer: g.icRateFirstOffer,
      best_on_menu_rate: g.bestResponseRate,
      best_response_ex_post_rate: exPostRate(exPost),
      accepted: g.accepted,
      signed: g.signed,
      rejections: g.rejections,
      timeouts: g.timeouts,
      excluded_initially: g.excludedInitially,
      excluded_final: g.excludedFinal,
      readmitted: g.readmitted,
      offers: g.offers,
      over_budget_rule: OVER_BUDGET_RULE,
      rationed: g.rationed,
      partial: g.partial,
      unserved: g.unserved,
      requested: g.requested,
      handed_out: g.handedOut,
      budget: g.budget,
    },
  };
}

/** Share of TRUE among the accepting CIs (null when nobody accepted or in the equal split). */
function exPostRate(flags: readonly (boolean | null)[]): number | null {
  const known = flags.filter((f): f is boolean => f !== null);
  return known.length ? known.filter(Boolean).length / known.length : null;
}

const r3 = (v: number | null | undefined): Scalar => (v === null || v === undefined ? null : Math.round(v * 1000) / 1000);
const pct = (v: number | null): Scalar => (v === null ? null : `${Math.round(v * 1000) / 10} %`);
const ciList = (ids: readonly string[]) => (ids.length ? ids.map((id) => seatOf(id) + 1).join(", ") : "none");

/** One line per Algorithm 1 log entry, for the monitor. */
export function describeLogEntry(e: Algorithm1LogEntry): string {
  const ci = (id: string) => `CI ${seatOf(id) + 1}`;
  switch (e.kind) {
    case "announce":
      return `${e.types} types, R = ${e.resources}, ${e.weighting} weighting, over-budget rule ${e.overBudgetRule}`;
    case "requests":
      return `request order: ${e.ciIds.map(ci).join(", ")}`;
    case "exclude":
      return `offer ${e.round}: exclude ${ci(e.ciId)} (P(lowest) = ${r3(e.pLowest)}, E[φ] = ${r3(e.expectedCriticality)}); LP ${e.family}: ${e.reason}`;
    case "offer":
      return `offer ${e.round} to ${e.to.map(ci).join(", ")}: r = (${e.resources.map((x) => r3(x)).join(", ")}), π = (${e.rewards.map((x) => r3(x)).join(", ")}), CC objective ${r3(e.ccUtility)}`;
    case "nobody":
      return `offer ${e.round}: nobody left (${e.reason})`;
    case "response":
      return `offer ${e.round}: ${ci(e.ciId)} (true type ${e.trueType === undefined ? "?" : e.trueType + 1}) ${e.response.kind === "accept" ? `accepts contract ${e.response.contract + 1}` : "rejects"}${e.timedOut ? " (timed out)" : ""}`;
    case "rejections":
      return `offer ${e.round}: rejected by ${e.ciIds.map(ci).join(", ")}; they leave`;
    case "readmit":
      return `offer ${e.round}: readmit ${ci(e.ciId)}`;
    case "readmit-stop":
      return `offer ${e.round}: ${ci(e.ciId)} still does not fit (${e.family})`;
    case "budget-rule":
      return `${e.rule}: requested ${r3(e.requested)} of ${r3(e.budget)}${e.rationed ? `, rationed in order ${e.order.map(ci).join(", ")}; unserved ${ciList(e.unserved)}` : ", no rationing"}`;
    case "sign":
      return `sign ${ci(e.ciId)}: contract ${e.contract + 1}, r = ${r3(e.resources)}, π = ${r3(e.reward)}${e.partial ? ` (partial, designed r = ${r3(e.designedResources)})` : ""}`;
    case "unserved":
      return `unserved ${ci(e.ciId)}: contract ${e.contract + 1} (${e.reason})`;
    case "done":
      return `done: ${e.signed} signed, ${r3(e.handedOut)} of ${r3(e.budget)} handed out`;
  }
}

export function cipMonitor(s: CipState, ctx: Ctx): MonitorView {
  const p = ctx.params;
  const instance = instanceOf(p);
  const o = s.outcome;
  const alg = s.alg;
  const g = o?.group;
  const metrics: MonitorView["metrics"] = [
    { label: "Allocation", value: s.allocation === "menu" ? "optimal menu (Algorithm 1)" : "equal split R/N" },
    { label: "Offer round", value: alg ? alg.round : 1, hint: "re-offers count up" },
  ];
  if (alg && !o) {
    metrics.push(
      { label: "Offered to (CI)", value: ciList(alg.active) },
      { label: "Excluded now (CI)", value: ciList(alg.excluded) },
      { label: "Rejected so far (CI)", value: ciList(alg.rejected) },
      { label: "Current menu: CC objective (LP)", value: r3(alg.menu?.ccUtility), hint: "Σ α_k U_CC(k) of the menu on offer, as planned (every contract paid in full)" },
    );
  }
  if (g) {
    metrics.push(
      { label: "CC utility (played)", value: r3(g.ccUtility), hint: "Σ over signed contracts of τ_true (π − r)" },
      { label: "CC utility, equal split R/N", value: r3(g.equalSplitCcUtility), hint: "all N CIs at R/N and their own type's rate" },
      { label: "Gain vs equal split", value: r3(g.gainVsEqualSplit) },
      { label: "CC utility, truthful first menu", value: r3(g.menuTruthfulCcUtility), hint: "everyone offered the first menu takes its own contract" },
      { label: "IC rate (own contract)", value: pct(g.icRate), hint: "accepted the contract designed for their true type, among those who accepted" },
      { label: "IC rate, first offer", value: pct(g.icRateFirstOffer) },
      { label: "Best on the menu (before rationing)", value: pct(g.bestResponseRate), hint: "accepted a contract that maximises the true type's utility if signed in full (ties count)" },
      { label: "Best response ex post", value: pct(exPostRate(exPostBestResponses(s, instance))), hint: "no other contract would have given more, the others' answers and the over-budget rule as they were" },
      { label: "Rejections", value: g.rejections },
      { label: "Excluded (initially / at the end)", value: `${g.excludedInitially} / ${g.excludedFinal}` },
      { label: "Readmitted", value: g.readmitted },
      { label: "Offers (incl. re-offers)", value: g.offers },
      { label: `Over-budget rule (${OVER_BUDGET_RULE})`, value: g.rationed ? `rationed: ${g.partial} partial, ${g.unserved} unserved` : "not needed" },
      { label: "Resources handed out / R", value: `${r3(g.handedOut)} / ${r3(g.budget)}` },
    );
  }
  const eq = equalSplitFor(instance, s.trueTypes);
  const ciRows: Scalar[][] = s.trueTypes.map((k, seat) => {
    const id = ciId(seat);
    const t = at(instance.types, k);
    const c = o?.cis[seat];
    let now: string;
    if (c) now = c.status;
    else if (alg) now = alg.excluded.includes(id) ? "excluded" : alg.rejected.includes(id) ? "rejected" : "offered";
    else now = "offered";
    const answer = alg?.responses[id];
    const eqAnswer = s.equal?.[seat];
    const current = alg ? (answer ? (answer.kind === "accept" ? `contract ${answer.contract + 1}` : "reject") : null) : (eqAnswer ?? null);
    return [
      seat + 1,
      `${k + 1} (θ ${t.theta}, φ ${t.phi})`,
      now,
      o ? null : current,
      c && c.contract !== null ? c.contract + 1 : null,
      c ? c.ownContract : null,
      c ? r3(c.resources) : null,
      c ? r3(c.reward) : null,
      c ? r3(c.utility) : null,
      c ? r3(c.points) : null,
      r3(at(eq.ciUtility, seat)),
    ];
  });
  const tables: MonitorView["tables"] = [
    {
      title: "CIs this round",
      columns: ["CI", "true type", "status", "answer (current offer)", "contract", "own contract?", "r", "π", "U_CI", "points", "U_CI equal split"],
      rows: ciRows,
    },
  ];
  const menu = alg?.menu;
  if (menu) {
    tables.push({
      title: `Menu (offer ${alg.round})`,
      columns: ["contract", "designed for (θ, φ)", "r_min", "r", "π", "U_CC of its type", "U_CI of its type"],
      rows: menu.contracts.map((c, j) => {
        const t = at(instance.types, j);
        return [j + 1, `type ${j + 1} (${t.theta}, ${t.phi})`, t.minResources, r3(c.resources), r3(c.reward), r3(at(menu.ccUtilityByType, j)), r3(at(at(menu.ciUtility, j), j))];
      }),
    });
  }
  if (alg) tables.push({ title: "Algorithm 1 log", columns: ["#", "step", "event"], rows: alg.log.map((e, i) => [i + 1, e.step, describeLogEntry(e)]) });
  return { metrics, tables };
}
