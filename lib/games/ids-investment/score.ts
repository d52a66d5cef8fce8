/**
 * Scoring (typed against the game's record schemas) and the experimenter's monitor (the admin page
 * rounds the numbers for display).
 */
import type { MonitorView, PlayerScore, RoundScore } from "../../core/game";
import { distance, unregulatedBenchmarks } from "../../mechanisms/ids/unregulated";
import { idsUnregulatedUnit } from "../../mechanisms/ids/unregulated-unit";
import { runMechanism } from "../../mechanisms/unit";
import { instanceOf } from "./params";
import type { IdsRecords } from "./records";
import type { Ctx, IdsState } from "./state";

const sum = (v: readonly number[]) => v.reduce((a, b) => a + b, 0);

export function idsScore(s: IdsState, ctx: Ctx): RoundScore<IdsRecords> {
  const { params: p } = ctx;
  const x = s.x.map((v) => v ?? 0);
  const mechanism = runMechanism(idsUnregulatedUnit, { ...instanceOf(p), x, endowment: p.endowment, pointsScale: p.pointsScale });
  const o = mechanism.output;
  const { socialOptimum: so, nash } = unregulatedBenchmarks(instanceOf(p));
  const players = ctx.byPlayer((_, i): PlayerScore<IdsRecords> => {
    const [risk, invest_cost, cost, protection, points] = [o.risk[i]!, o.invest[i]!, o.cost[i]!, o.protection[i]!, o.points[i]!];
    const outcome: IdsRecords["outcome"] = { user_index: i, risk, invest_cost, cost, protection, nash_x: nash?.x[i] ?? null, so_x: so.x[i] ?? null, points };
    return { decision: { x: o.x[i]! }, outcome, payoff: points };
  });
  const group: Omit<IdsRecords["group"], "distance_to_nash" | "mean_x"> = { total_cost: sum(o.cost), so_cost: so.cost, nash_cost: nash?.cost ?? null, distance_to_so: distance(x, so.x) };
  return {
    players,
    mechanism,
    group: { ...group, distance_to_nash: nash ? distance(x, nash.x) : null, mean_x: sum(x) / x.length },
  };
}

export function idsMonitor(s: IdsState, ctx: Ctx): MonitorView {
  const b = unregulatedBenchmarks(instanceOf(ctx.params));
  const o = s.outcome;
  return {
    metrics: [
      { label: "Social-optimum total cost", value: b.socialOptimum.cost },
      { label: "Nash total cost", value: b.nash?.cost ?? null, ...(b.nashError ? { hint: b.nashError } : {}) },
      { label: "Played total cost", value: o ? sum(o.cost) : null, hint: "after the round" },
    ],
    tables: [
      {
        title: "Investments",
        columns: ["user", "x (this round)", "Nash x", "social optimum x*", "cost g_i"],
        rows: ctx.perSeat((_, i) => [i + 1, s.x[i] ?? null, b.nash?.x[i] ?? null, b.socialOptimum.x[i] ?? null, o?.cost[i] ?? null]),
      },
    ],
  };
}
