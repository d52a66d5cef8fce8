/**
 * Scoring and the experimenter's monitor for the Pivotal mechanism game.
 */
import type { MonitorView, RoundScore, Scalar } from "../../core/game";
import type { RecordsOf } from "../../core/records";
import { benchmarksOf, distance } from "../ids-mechanisms-common/benchmarks";
import { r4 } from "../ids-mechanisms-common/instance";
import { instanceOf, type PivotalParams } from "./params";
import { pivotalRound } from "./mechanism";
import { recordMechanism } from "../../mechanisms/unit";
import { roundInput, settleRound, trueReport, type Ctx, type PivotalState } from "./state";
import type { pivotalRecords } from "./records";
import { pivotalUnits } from "./unit";
import { pointsOf } from "./views";

/** The mechanism unit the treatment selects. */
export const unitOf = (p: PivotalParams) => pivotalUnits[p.information];

const sum = (v: readonly number[]) => v.reduce((a, b) => a + b, 0);

/** The paper's benchmark for the treatment: everyone joins and reports truthfully (eq. 6 or eq. 9). */
export function paperBenchmark(p: PivotalParams) {
  const rep = benchmarksOf(instanceOf(p));
  return { report: rep, pivotal: p.information === "full" ? rep.pivotalFullInfo : rep.pivotal };
}

type PivotalScore = RoundScore<RecordsOf<typeof pivotalRecords>>;

export function pivotalScore(state: PivotalState, ctx: Ctx): PivotalScore {
  const p = ctx.params;
  // A forced end can skip phases: fill what is missing the way timeouts would.
  let s = state;
  if (!s.outcome) {
    s = {
      ...s,
      joined: s.joined.map((j) => j ?? p.timeoutParticipation === "join"),
    };
    s = { ...s, reports: s.reports.map((r, i) => (s.joined[i] ? (r ?? trueReport(p, i)) : null)) };
    const free = p.loner === "free";
    s = settleRound({ ...s, lonerX: s.lonerX.map((x, i) => (s.joined[i] || !free ? null : (x ?? 0))) }, ctx);
  }
  const o = s.outcome!;
  const input = roundInput(s, p);
  const bench = paperBenchmark(p);
  const so = bench.report.socialOptimum;
  const nash = bench.report.nash;
  const cf = s.counterfactuals;
  const players = ctx.byPlayer((_, i) => {
    const joined = s.joined[i] === true;
    const rep = joined ? s.reports[i] : null;
    const truth = trueReport(p, i);
    const misreport = rep ? rep.alpha !== truth.alpha || rep.c !== truth.c || rep.q !== truth.q : null;
    const c = cf?.[i];
    return {
      decision: {
        joined,
        report_alpha: rep?.alpha ?? null,
        report_c: rep?.c ?? null,
        report_q: rep?.q ?? null,
        loner_x: joined ? null : (s.lonerX[i] ?? null),
      },
      outcome: {
        user_index: i,
        true_alpha: truth.alpha,
        true_c: truth.c,
        true_q: truth.q,
        misreport,
        prescribed_x: o.prescribed[i] ?? null,
        x: o.x[i]!,
        tax: o.taxes[i] ?? null,
        risk: o.risk[i]!,
        invest_cost: o.invest[i]!,
        cost: o.cost[i]!,
        net_cost: o.netCost[i]!,
        points: pointsOf(p, o.netCost[i]!),
        loner_best_response: o.lonerBestResponse[i] ?? null,
        cost_if_in: c?.costIn ?? null,
        cost_if_out: c?.costOut ?? null,
        regrets_choice: c?.regrets ?? null,
        timed_out_participation: s.timedOut.participate[i]!,
        timed_out_report: s.timedOut.report[i]!,
        timed_out_loner: s.timedOut.loner[i]!,
        so_x: so.x[i]!,
        nash_x: nash?.x[i] ?? null,
        paper_tax: bench.pivotal.taxes[i]!,
        paper_vp: bench.pivotal.participation[i]!,
      },
      payoff: pointsOf(p, o.netCost[i]!),
    };
  });
  const total = sum(o.cost);
  const participants = o.participants.length;
  const group = {
    participants,
    budget: o.budget,
    deficit: o.budget < 0 ? -o.budget : 0,
    total_cost: total,
    so_cost: so.cost,
    nash_cost: nash?.totalCost ?? null,
    distance_to_so: distance(o.x, so.x),
    distance_to_nash: nash ? distance(o.x, nash.x) : null,
    prescribed_distance_to_so: distance(o.planned, so.x),
    misreports: Object.values(players).filter((x) => x.outcome.misreport === true).length,
    regret_out: cf ? cf.filter((c) => c.joined && c.regrets).length : null,
    regret_in: cf ? cf.filter((c) => !c.joined && c.regrets).length : null,
    paper_budget: bench.pivotal.budget,
    certified: o.certified && s.error === null,
    mechanism_error: s.error,
  };
  return {
    players,
    mechanism: recordMechanism(unitOf(p), input, { ...o, counterfactuals: cf, error: s.error }),
    group,
  };
}

/** Recompute a stored round (tests, audits): the same function the game runs. */
export const recomputePivotal = pivotalRound;

export function pivotalMonitor(s: PivotalState, ctx: Ctx): MonitorView {
  const p = ctx.params;
  const bench = paperBenchmark(p);
  const so = bench.report.socialOptimum;
  const nash = bench.report.nash;
  const o = s.outcome;
  const a = s.alloc;
  const cf = s.counterfactuals;
  const yn = (b: boolean | null | undefined): Scalar => (b === null || b === undefined ? null : b ? "yes" : "no");
  const metrics: MonitorView["metrics"] = [
    { label: "Information", value: p.information === "full" ? "full (eq. 9)" : "incomplete (eq. 6)" },
    { label: "Joined", value: `${s.joined.filter((j) => j === true).length} of ${ctx.players.length}`, hint: "this round so far" },
    { label: "Budget Σ t_i", value: a ? r4(a.budget) : null, hint: "positive: surplus; negative: deficit the designer pays" },
    { label: "Budget if all join truthfully (paper)", value: r4(bench.pivotal.budget) },
    { label: "Total cost Σ g_i (true)", value: o ? r4(sum(o.cost)) : null },
    { label: "Social-optimum cost", value: r4(so.cost) },
    { label: "Nash cost (no mechanism)", value: r4(nash?.totalCost), ...(bench.report.nashError ? { hint: bench.report.nashError } : {}) },
    { label: "Distance of x to x*", value: o ? r4(distance(o.x, so.x)) : null },
    { label: "Would rather have stayed out", value: cf ? cf.filter((c) => c.joined && c.regrets).map((c) => c.user + 1).join(", ") || "nobody" : null, hint: "participants whose cost out (best-responding, others unchanged) is lower than in" },
    { label: "Would rather have joined", value: cf ? cf.filter((c) => !c.joined && c.regrets).map((c) => c.user + 1).join(", ") || "nobody" : null },
  ];
  if (s.error) metrics.push({ label: "Mechanism error (fallback: no taxes)", value: s.error });
  if (a && !a.certified) metrics.push({ label: "Loner equilibrium not certified", value: "yes", hint: "the last iterate of the coalition–loner iteration was used" });
  return {
    metrics,
    tables: [
      {
        title: "Users",
        columns: ["user", "joined", "reported α (true)", "reported c (true)", "prescribed x", "x", "x*", "Nash x", "tax", "cost g_i", "net cost", "cost if in", "cost if out", "regrets"],
        rows: ctx.players.map((_, i) => {
          const rep = s.reports[i];
          const c = cf?.[i];
          return [
            i + 1,
            yn(s.joined[i]),
            rep ? `${r4(rep.alpha)} (${r4(p.alpha[i])})` : null,
            rep ? `${r4(rep.c)} (${r4(p.c[i])})` : null,
            a ? r4(a.prescribed[i]) : null,
            o ? r4(o.x[i]) : null,
            r4(so.x[i]),
            r4(nash?.x[i]),
            a ? r4(a.taxes[i]) : null,
            o ? r4(o.cost[i]) : null,
            o ? r4(o.netCost[i]) : null,
            c ? r4(c.costIn) : null,
            c ? r4(c.costOut) : null,
            c ? yn(c.regrets) : null,
          ];
        }),
      },
      {
        title: "Paper benchmark (all join, truthful)",
        columns: ["user", "x*", "tax", "cost in", "cost out", "VP"],
        rows: bench.pivotal.users.map((u) => [u.user + 1, r4(bench.pivotal.x[u.user]), r4(u.tax), r4(u.costIn), r4(u.costOut), yn(u.participates)]),
      },
    ],
  };
}
