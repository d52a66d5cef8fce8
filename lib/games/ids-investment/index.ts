/**
 * The unregulated interdependent-security investment game (Naghizadeh & Liu §II-A) as a game module.
 */
import { defineGame } from "../../core/game";
import { idsBots } from "./bots";
import { IdsParams } from "./params";
import { idsMonitor, idsScore } from "./score";
import { decidePhase, IdsAction, resultsPhase, setupRound } from "./state";
import { idsView } from "./views";

export const idsInvestment = defineGame({
  id: "ids-investment",
  version: "1.0.0",
  title: "IDS investment (unregulated)",
  summary:
    "Interdependent security: each user chooses a security investment x_i; everyone's risk falls with the weighted investments of all (f_i = α_i·exp(−Σ_j W_ij x_j)), each pays for their own (h_i = c_i x_i + q_i x_i²/2). No regulator.",
  params: IdsParams,
  actions: IdsAction,
  groupSize: (p) => p.alpha.length,
  rounds: (p) => p.rounds,
  roles: (p) => p.alpha.map((_, i) => `user ${i + 1}`),
  setupRound,
  firstPhase: () => "decide",
  phases: { decide: decidePhase, results: resultsPhase },
  view: idsView,
  score: idsScore,
  monitor: idsMonitor,
  bots: idsBots,
  defaultBot: "myopic",
  codebook: [
    { name: "decision_x", type: "number", description: "Security investment x_i chosen this round (the default when timed_out)." },
    { name: "outcome_user_index", type: "number", description: "0-based index i of the user in the group's instance (α_i, c_i, row i of W)." },
    { name: "outcome_risk", type: "number", description: "Expected loss f_i = α_i·exp(−Σ_j W_ij x_j)." },
    { name: "outcome_invest_cost", type: "number", description: "Investment cost h_i = c_i x_i + q_i x_i²/2." },
    { name: "outcome_cost", type: "number", description: "Total cost g_i = f_i + h_i (utility is −g_i)." },
    { name: "outcome_protection", type: "number", description: "Protection from the others, Σ_{j≠i} W_ij x_j." },
    { name: "outcome_nash_x", type: "number", description: "User i's investment in the Nash equilibrium of the unregulated game." },
    { name: "outcome_so_x", type: "number", description: "User i's investment in the social optimum x* (eq. 2)." },
    { name: "outcome_points", type: "number", unit: "points", description: "pointsScale·(endowment − g_i): the round's payoff." },
    { name: "group_total_cost", type: "number", description: "Σ_i g_i played by the group this round." },
    { name: "group_so_cost", type: "number", description: "Σ_i g_i at the social optimum x* of the instance." },
    { name: "group_nash_cost", type: "number", description: "Σ_i g_i at the Nash equilibrium of the unregulated game." },
    { name: "group_distance_to_so", type: "number", description: "Euclidean distance between the played profile x and x*." },
    { name: "group_distance_to_nash", type: "number", description: "Euclidean distance between the played profile x and the Nash equilibrium." },
    { name: "group_mean_x", type: "number", description: "Mean investment in the group this round." },
  ],
});
