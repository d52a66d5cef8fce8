import { describe, expect, it } from "vitest";
import { codebookOf } from "../../core/records";
import { newSession, runBots } from "../../testing/drive";
import { games } from "../registry";
import { loadGame } from "./testing";

const three = { alpha: [10, 10, 10], W: [[1, 0.5, 0.5], [0.5, 1, 0.5], [0.5, 0.5, 1]], c: [1, 1.2, 1.5], rounds: 2 };
const words = (s: string) => s.split(/\s+/).filter(Boolean);

/** The export's game columns as they were before the games moved onto record schemas (analysts' scripts use them). */
const COLUMNS = {
  "ids-pivotal": words(`decision_joined decision_report_alpha decision_report_c decision_report_q decision_loner_x outcome_user_index outcome_true_alpha
    outcome_true_c outcome_true_q outcome_misreport outcome_prescribed_x outcome_x outcome_tax outcome_risk outcome_invest_cost outcome_cost outcome_net_cost
    outcome_points outcome_loner_best_response outcome_cost_if_in outcome_cost_if_out outcome_regrets_choice outcome_timed_out_participation
    outcome_timed_out_report outcome_timed_out_loner outcome_so_x outcome_nash_x outcome_paper_tax outcome_paper_vp group_participants group_budget
    group_deficit group_total_cost group_so_cost group_nash_cost group_distance_to_so group_distance_to_nash group_prescribed_distance_to_so
    group_misreports group_regret_out group_regret_in group_paper_budget group_certified group_mechanism_error`),
  "ids-externality": words(`decision_x_1 decision_x_2 decision_x_3 decision_x_4 decision_x_5 decision_x_6 decision_pi_1 decision_pi_2 decision_pi_3
    decision_pi_4 decision_pi_5 decision_pi_6 outcome_user_index outcome_x outcome_lindahl outcome_disagreement outcome_redistribution outcome_tax
    outcome_risk outcome_invest_cost outcome_cost outcome_net_cost outcome_points outcome_cost_if_out outcome_regrets_in outcome_eq_tax outcome_eq_cost
    outcome_eq_vp outcome_so_x outcome_nash_x outcome_timed_out group_distance_to_eq group_proposal_spread group_price_gap group_budget group_total_cost
    group_so_cost group_nash_cost group_distance_to_nash group_regrets_in group_eq_vp_failures group_timeouts`),
};

describe("codebooks of the IDS mechanism games (derived from their record schemas)", () => {
  it.each(Object.entries(COLUMNS))("%s keeps its column names and order; every column has a description", (id, names) => {
    const cols = codebookOf(games[id]!);
    expect(cols.map((c) => c.name)).toEqual(names);
    for (const c of cols) expect(c.description.length).toBeGreaterThan(5);
    expect(cols.find((c) => c.name === "outcome_points")).toMatchObject({ type: "number", unit: "points" });
  });

  it.each([
    ["ids-pivotal", { ...three, loner: "free" }, ["truthful", "stayOut", "misreport"]],
    ["ids-pivotal", { ...three, information: "full" }, ["participation", "stayOut", "truthful"]],
    ["ids-externality", three, ["adaptive", "equilibrium", "repeat"]],
  ] as const)("%s: every record the score emits fits the record schemas exactly (no undeclared field)", (game, params, seats) => {
    const lt = loadGame(game, params, { bots: { seats } });
    const end = runBots(newSession(lt).state, lt, 0);
    const rec = games[game]!.records!;
    expect(end.rounds).toHaveLength(2);
    for (const row of end.rounds) {
      expect(() => rec.group.strict().parse(row.group)).not.toThrow();
      for (const p of row.players) {
        expect(() => rec.decision.strict().parse(p.record.decision)).not.toThrow();
        expect(() => rec.outcome.strict().parse(p.record.outcome)).not.toThrow();
      }
    }
  });
});
