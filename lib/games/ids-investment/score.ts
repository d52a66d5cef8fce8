/**
 * Scoring and the experimenter's monitor for the unregulated IDS game.
 */
import type { MonitorView, RoundScore } from "../../core/game";
import { idsBenchmarks, distance } from "./benchmarks";
import { instanceOf } from "./params";
import { runMechanism } from "../../mechanisms/unit";
import type { Ctx, IdsState } from "./state";
import { idsUnregulatedUnit } from "./unit";

export function idsScore(s: IdsState, ctx: Ctx): RoundScore {
  const x = s.x.map((v) => v ?? 0);
  const mechanism = runMechanism(idsUnregulatedUnit, { ...instanceOf(ctx.params), x, endowment: ctx.params.endowment, pointsScale: ctx.params.pointsScale });
  const o = mechanism.output;
  const b = idsBenchmarks(ctx.params);
  const players: RoundScore["players"] = {};
  ctx.players.forEach((pid, i) => {
    players[pid] = {
      decision: { x: o.x[i]! },
      outcome: {
        user_index: i,
        risk: o.risk[i]!,
        invest_cost: o.invest[i]!,
        cost: o.cost[i]!,
        protection: o.protection[i]!,
        nash_x: b.nash?.x[i] ?? null,
        so_x: b.socialOptimum.x[i] ?? null,
        points: o.points[i]!,
      },
      payoff: o.points[i]!,
    };
  });
  const total = o.cost.reduce((a, c) => a + c, 0);
  return {
    players,
    mechanism,
    group: {
      total_cost: total,
      so_cost: b.socialOptimum.cost,
      nash_cost: b.nash?.cost ?? null,
      distance_to_so: distance(x, b.socialOptimum.x),
      distance_to_nash: b.nash ? distance(x, b.nash.x) : null,
      mean_x: x.reduce((a, v) => a + v, 0) / x.length,
    },
  };
}

const r4 = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 1e4) / 1e4);

export function idsMonitor(s: IdsState, ctx: Ctx): MonitorView {
  const b = idsBenchmarks(ctx.params);
  const o = s.outcome;
  return {
    metrics: [
      { label: "Social-optimum total cost", value: r4(b.socialOptimum.cost) },
      { label: "Nash total cost", value: r4(b.nash?.cost), ...(b.nashError ? { hint: b.nashError } : {}) },
      { label: "Played total cost", value: o ? r4(o.cost.reduce((a, c) => a + c, 0)) : null, hint: "after the round" },
    ],
    tables: [
      {
        title: "Investments",
        columns: ["user", "x (this round)", "Nash x", "social optimum x*", "cost g_i"],
        rows: ctx.players.map((_, i) => [i + 1, r4(s.x[i]), r4(b.nash?.x[i]), r4(b.socialOptimum.x[i]), o ? r4(o.cost[i]) : null]),
      },
    ],
  };
}
