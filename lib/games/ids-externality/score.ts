/**
 * Scoring and the experimenter's monitor for the Externality mechanism game.
 */
import type { MonitorView, RoundScore, Scalar } from "../../core/game";
import type { RecordsOf } from "../../core/records";
import type { ExternalityMessage } from "../../mechanisms/ids";
import { benchmarksOf, distance, externalityEquilibriumOf } from "../ids-mechanisms-common/benchmarks";
import { r4 } from "../ids-mechanisms-common/instance";
import { instanceOf, type ExternalityParams } from "./params";
import { recordMechanism, runMechanism } from "../../mechanisms/unit";
import { roundInput, type Ctx, type ExternalityState } from "./state";
import type { externalityRecords } from "./records";
import { externalityUnit } from "./unit";
import { pointsOf } from "./views";

const sum = (v: readonly number[]) => v.reduce((a, b) => a + b, 0);

/** Prices each user faces, l_i = π_{i+1} − π_{i+2} (cyclic), from a message profile. */
export function facedPrices(messages: readonly ExternalityMessage[]): number[][] {
  const n = messages.length;
  return messages.map((_, i) => messages[(i + 1) % n]!.pi.map((v, j) => v - messages[(i + 2) % n]!.pi[j]!));
}

/** Distances of a message profile to the equilibrium (what the experimenter watches per round). */
export function equilibriumDistances(p: ExternalityParams, messages: readonly ExternalityMessage[], xhat: readonly number[]) {
  const eq = externalityEquilibriumOf(instanceOf(p));
  if ("error" in eq) return { distanceToEq: null, proposalSpread: null, priceGap: null };
  const l = facedPrices(messages);
  let priceGap = 0;
  l.forEach((row, i) => row.forEach((v, j) => (priceGap = Math.max(priceGap, Math.abs(v - eq.prices[i]![j]!)))));
  return {
    distanceToEq: distance(xhat, eq.x),
    proposalSpread: Math.max(...messages.map((m) => distance(m.x, xhat))),
    priceGap,
  };
}

type ExternalityScore = RoundScore<RecordsOf<typeof externalityRecords>>;

export function externalityScore(s: ExternalityState, ctx: Ctx): ExternalityScore {
  const p = ctx.params;
  // the outcome the game computed at the end of the messages phase is externalityUnit.run of the same input
  const mechanism = s.outcome ? recordMechanism(externalityUnit, roundInput(s, p), s.outcome) : runMechanism(externalityUnit, roundInput(s, p));
  const { input, output: o } = mechanism;
  const bench = benchmarksOf(input.truth);
  const ext = bench.externality;
  const nash = bench.nash;
  const d = equilibriumDistances(p, input.messages, o.x);
  const players = ctx.byPlayer((pid, i) => {
    const m = input.messages[i]!;
    const decision: Record<string, number> = {};
    m.x.forEach((v, j) => (decision[`x_${j + 1}`] = v));
    m.pi.forEach((v, j) => (decision[`pi_${j + 1}`] = v));
    const t = o.terms[i]!;
    const out = ext.users[i]!;
    return {
      decision,
      outcome: {
        user_index: i,
        x: o.x[i]!,
        lindahl: t.lindahl,
        disagreement: t.disagreement,
        redistribution: t.redistribution,
        tax: t.tax,
        risk: o.risk[i]!,
        invest_cost: o.invest[i]!,
        cost: o.cost[i]!,
        net_cost: o.netCost[i]!,
        points: pointsOf(p, o.netCost[i]!),
        cost_if_out: out.costOut,
        regrets_in: o.netCost[i]! > out.costOut + 1e-9 * Math.max(Math.abs(o.cost[i]!), Math.abs(t.tax), Math.abs(out.costOut)),
        eq_tax: out.tax,
        eq_cost: out.costIn,
        eq_vp: out.participates,
        so_x: ext.x[i]!,
        nash_x: nash?.x[i] ?? null,
        timed_out: ctx.timedOut(pid),
      },
      payoff: pointsOf(p, o.netCost[i]!),
    };
  });
  return {
    players,
    mechanism,
    group: {
      distance_to_eq: d.distanceToEq,
      proposal_spread: d.proposalSpread,
      price_gap: d.priceGap,
      budget: o.budget,
      total_cost: sum(o.cost),
      so_cost: bench.socialOptimum.cost,
      nash_cost: nash?.totalCost ?? null,
      distance_to_nash: nash ? distance(o.x, nash.x) : null,
      regrets_in: Object.values(players).filter((x) => x.outcome.regrets_in === true).length,
      eq_vp_failures: ext.participation.filter((v) => !v).length,
      timeouts: ctx.players.filter((pid) => ctx.timedOut(pid)).length,
    },
  };
}

export function externalityMonitor(s: ExternalityState, ctx: Ctx): MonitorView {
  const p = ctx.params;
  const truth = instanceOf(p);
  const bench = benchmarksOf(truth);
  const ext = bench.externality;
  const o = s.outcome;
  const messages = o ? roundInput(s, p).messages : s.start;
  const x = o ? o.x : null;
  const d = x ? equilibriumDistances(p, messages, x) : null;
  const prev = equilibriumDistances(p, s.start, s.start[0] ? meanX(s.start) : []);
  const yn = (b: boolean): Scalar => (b ? "yes" : "no");
  const vec = (v: readonly number[]) => v.map((a) => r4(a)).join(", ");
  return {
    metrics: [
      { label: "Distance ‖x̂ − x*‖ this round", value: d ? r4(d.distanceToEq) : null, hint: "after the messages are in" },
      { label: "Distance ‖x̂ − x*‖ of the last messages", value: r4(prev.distanceToEq), hint: "the prefilled profile (round 1: the start)" },
      { label: "Largest proposal gap max_i ‖x_i − x̂‖", value: d ? r4(d.proposalSpread) : null },
      { label: "Largest price gap |l_ij − l*_ij|", value: d ? r4(d.priceGap) : null, hint: "l_i = π_{i+1} − π_{i+2}, l* of eq. 13" },
      { label: "Budget Σ t̂_i", value: o ? r4(o.budget) : null, hint: "0 by construction (eq. 11)" },
      { label: "Total cost Σ g_i(x̂)", value: o ? r4(sum(o.cost)) : null },
      { label: "Social-optimum cost", value: r4(bench.socialOptimum.cost) },
      { label: "Nash cost (no mechanism)", value: r4(bench.nash?.totalCost) },
      {
        label: "Would rather have stayed out (this round)",
        value: o ? o.netCost.map((c, i) => (c > ext.users[i]!.costOut ? i + 1 : null)).filter((v) => v !== null).join(", ") || "nobody" : null,
        hint: "net cost g_i(x̂) + t̂_i above the cost out g_i(x̃^i) (loner equilibrium)",
      },
      { label: "VP fails at equilibrium for", value: ext.participation.map((v, i) => (v ? null : i + 1)).filter((v) => v !== null).join(", ") || "nobody" },
    ],
    tables: [
      {
        title: "Users",
        columns: ["user", "x̂_i", "x*_i", "Nash x_i", "Lindahl", "disagreement", "redistribution", "tax", "cost g_i", "net cost", "cost out", "eq. tax t*", "VP at eq."],
        rows: ctx.players.map((_, i) => {
          const t = o?.terms[i];
          const u = ext.users[i]!;
          return [
            i + 1,
            x ? r4(x[i]) : null,
            r4(ext.x[i]),
            r4(bench.nash?.x[i]),
            t ? r4(t.lindahl) : null,
            t ? r4(t.disagreement) : null,
            t ? r4(t.redistribution) : null,
            t ? r4(t.tax) : null,
            o ? r4(o.cost[i]) : null,
            o ? r4(o.netCost[i]) : null,
            r4(u.costOut),
            r4(u.tax),
            yn(u.participates),
          ];
        }),
      },
      {
        title: o ? "Messages this round" : "Last messages (prefill)",
        columns: ["user", "proposed x_i", "prices π_i", "sent"],
        rows: messages.map((m, i) => [i + 1, vec(m.x), vec(m.pi), s.messages[i] ? (ctx.timedOut(ctx.players[i]!) ? "timed out" : "yes") : "not yet"]),
      },
    ],
  };
}

function meanX(messages: readonly ExternalityMessage[]): number[] {
  const n = messages.length;
  return messages[0]!.x.map((_, j) => messages.reduce((a, m) => a + m.x[j]!, 0) / n);
}
