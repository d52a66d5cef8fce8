/**
 * Scoring (the round's data) and the experimenter's monitor: combined coverage, attacked target, each
 * defender's utility against her NSE utility, and welfare against CSW-Max's welfare on the true payoffs.
 * Vectors are exported as JSON arrays in one cell (e.g. "[0.5,0.25,0]"), targets 0-based.
 */
import { othersPooled } from "./pooling";
import type { MonitorView, RoundScore, Scalar } from "../../core/game";
import type { RecordsOf } from "../../core/records";
import { trueGame, truthPlan } from "./benchmarks";
import { MECHANISM_LABEL } from "./coordination";
import { hasReports, targetNames, type SsgParams } from "./params";
import { isTruthful, type Ctx, type SsgState } from "./state";
import { recordMechanism } from "../../mechanisms/unit";
import { unitOf } from "./unit";
import { irVerdict, recommendationIr } from "./ir-check";
import type { ssgRecords } from "./records";

type SsgRecords = RecordsOf<typeof ssgRecords>;

export const SSG_GAME_VERSION = "1.0.0";

const json = (v: readonly number[]) => JSON.stringify(v.map((x) => Math.round(x * 1e9) / 1e9));

/** The mechanism unit's input: the parameters, every choice and the RNG states of the round's draws. */
export function mechanismInput(s: SsgState, p: SsgParams) {
  if (!s.draws.outcome) throw new Error("ssg-defense: the round's draws were not made");
  return { params: p, joined: s.joined, coverage: s.coverage, reports: s.reports, plays: s.plays, draws: { plan: s.draws.plan, outcome: s.draws.outcome } };
}

export function ssgScore(s: SsgState, ctx: Ctx): RoundScore<SsgRecords> {
  const p = ctx.params;
  const o = s.outcome;
  if (!o) throw new Error("ssg-defense: scoring a round without an outcome");
  const tg = trueGame(p);
  const names = targetNames(p);
  const players: RoundScore<SsgRecords>["players"] = {};
  ctx.players.forEach((pid, i) => {
    const decision: SsgRecords["decision"] = {};
    if (p.joinPhase) decision.joined = s.joined[i] === true;
    if (s.coverage[i]) decision.coverage = json(s.coverage[i]!);
    const r = s.reports[i];
    if (r) {
      decision.report_reward = json(r.reward);
      decision.report_penalty = json(r.penalty);
      decision.report_truthful = isTruthful(p, i, r);
    }
    const play = s.plays[i];
    if (s.plan && play) {
      decision.recommended = JSON.stringify(s.plan.recommendations[i] ?? []);
      decision.followed = play.followed;
      decision.coverage = json(play.coverage);
    }
    players[pid] = {
      decision,
      outcome: {
        defender_index: i,
        attacked_target: o.target,
        attacked_target_name: names[o.target] ?? null,
        covered: o.covered,
        allocation: JSON.stringify(o.allocations[i] ?? []),
        own_coverage: json(o.own[i] ?? []),
        others_coverage: json(o.others[i] ?? []),
        others_pooled: othersPooled(o.own, i),
        u_expected: o.expected[i]!,
        u_realised: o.realised[i]!,
        u_nse: tg.nse.defenderUtilities[i]!,
        u_cswmax: tg.cswMax.defenderUtilities[i]!,
        points: o.points[i]!,
      },
      payoff: o.points[i]!,
    };
  });
  const group: SsgRecords["group"] = {
    coverage: json(o.coverage),
    attacked_target: o.target,
    covered: o.covered,
    welfare: o.welfare,
    welfare_nse: tg.nseWelfare,
    welfare_cswmax: tg.cswMax.welfare,
  };
  // one column per defender (u_d1 … u_dN, declared up to the schema's cap of defenders)
  const perDefender = group as Record<`u_d${number}` | `u_nse_d${number}`, number | undefined>;
  p.defenders.forEach((_, i) => {
    perDefender[`u_d${i + 1}`] = o.expected[i]!;
    perDefender[`u_nse_d${i + 1}`] = tg.nse.defenderUtilities[i]!;
  });
  if (o.mechanism) {
    group.mechanism_ok = o.mechanism.ok;
    group.coalition = JSON.stringify(o.mechanism.coalition);
  }
  if (hasReports(p)) group.truthful_reports = s.reports.filter((r, i) => r !== null && isTruthful(p, i, r)).length;
  if (s.plan) {
    group.followed = s.plays.filter((x) => x?.followed).length;
    const ir = s.plan.ir ?? recommendationIr(p, s.plan);
    group.rec_ir = ir.ir;
    group.rec_ir_max_gain = Math.round(ir.maxGain * 1e9) / 1e9;
  }
  return {
    players,
    mechanism: recordMechanism(unitOf(p), mechanismInput(s, p), o),
    group,
  };
}

const r3 = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 1000) / 1000);
const pct = (v: number | null | undefined) => (v === null || v === undefined ? null : `${Math.round(v * 100)}%`);

export function ssgMonitor(s: SsgState, ctx: Ctx): MonitorView {
  const p = ctx.params;
  const tg = trueGame(p);
  const names = targetNames(p);
  const o = s.outcome;
  const truth = p.mode === "uncoordinated" ? null : truthPlan(p);
  const metrics: MonitorView["metrics"] = [
    { label: "Mode", value: p.mode === "uncoordinated" ? "uncoordinated" : `${p.mode} (${MECHANISM_LABEL[p.mechanism]})` },
    { label: "Welfare this round", value: o ? r3(o.welfare) : null, hint: "Σ_i U_i(c, t) with the true payoffs, after the round" },
    { label: "Welfare at the NSE", value: r3(tg.nseWelfare), hint: `certified NSE of the true game (${tg.nse.method}), attacked target ${names[tg.nse.target]}` },
    { label: "Welfare under CSW-Max", value: r3(tg.cswMax.welfare), hint: `CSW-Max on the true payoffs, attacked target ${names[tg.cswMax.target]}` },
    { label: "Attacked target", value: o ? (names[o.target] ?? o.target) : null },
    { label: "Attack stopped (drawn)", value: o ? o.covered : null },
  ];
  if (truth && truth.ok && p.mechanism !== "cswMax") metrics.push({ label: `Welfare under ${MECHANISM_LABEL[p.mechanism]} (truthful)`, value: r3(truth.utilities.reduce((a, u) => a + u, 0)) });
  if (s.plan) {
    const ir = s.plan.ir ?? recommendationIr(p, s.plan);
    metrics.push({ label: "Recommendation individually rational (§5)", ...irVerdict(ir, r3) });
  }
  if (o?.mechanism && !o.mechanism.ok) metrics.push({ label: "Mechanism fallback", value: o.mechanism.error ?? "failed", hint: "the status quo (NSE coverage) was played instead" });
  const targets = {
    title: "Targets",
    columns: ["target", "attacker r / p", "NSE coverage", "CSW-Max coverage", "coverage this round", "attacked"],
    rows: names.map((name, t): Scalar[] => [
      name,
      `${p.attacker.reward[t]} / ${p.attacker.penalty[t]}`,
      pct(tg.nse.coverage[t]),
      pct(tg.cswMax.coverage[t]),
      o ? pct(o.coverage[t]) : null,
      o ? (o.target === t ? (o.covered ? "yes, stopped" : "yes, succeeded") : "") : null,
    ]),
  };
  const defenders = {
    title: "Defenders",
    columns: ["defender", "resources", "choice", "U expected", "U realised", "NSE U", "CSW-Max U", "points"],
    rows: p.defenders.map((d, i): Scalar[] => [
      i + 1,
      d.resources,
      choiceText(s, ctx, i),
      o ? r3(o.expected[i]) : null,
      o ? r3(o.realised[i]) : null,
      r3(tg.nse.defenderUtilities[i]),
      r3(tg.cswMax.defenderUtilities[i]),
      o ? r3(o.points[i]) : null,
    ]),
  };
  return { metrics, tables: [targets, defenders] };
}

/** The monitor's summary of what defender i has done so far this round. */
function choiceText(s: SsgState, ctx: Ctx, i: number): string {
  const p = ctx.params;
  const names = targetNames(p);
  const parts: string[] = [];
  if (p.joinPhase) parts.push(s.joined[i] === null ? "deciding to join" : s.joined[i] ? "joined" : "alone");
  const cov = s.coverage[i];
  if (cov) parts.push(`allocated ${cov.map((x, t) => `${names[t]} ${Math.round(x * 100)}%`).join(", ")}`);
  const r = s.reports[i];
  if (r) parts.push(isTruthful(p, i, r) ? "reported truthfully" : "misreported");
  const rec = s.plan?.recommendations[i];
  if (rec) {
    const play = s.plays[i];
    parts.push(`told ${rec.map((t) => names[t]).join("+") || "nothing"}${play ? (play.followed ? ", followed" : ", changed") : ""}`);
  }
  if (ctx.timedOut(ctx.players[i]!)) parts.push("timed out");
  return parts.join("; ") || "deciding";
}
