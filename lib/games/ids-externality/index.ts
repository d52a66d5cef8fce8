/**
 * The balanced Externality mechanism on the IDS game (Naghizadeh & Liu §IV) as a game module:
 * message → results, each round one step of the iterative process (§V).
 */
import { defineGame, type ColumnDoc } from "../../core/game";
import { MAX_USERS } from "../ids-mechanisms-common/instance";
import { externalityBots } from "./bots";
import { ExternalityParams } from "./params";
import { externalityMonitor, externalityScore } from "./score";
import { ExternalityAction, messagePhase, resultsPhase, setupRound } from "./state";
import { externalityView } from "./views";

const perUser = (prefix: string, what: (j: number) => string): ColumnDoc[] =>
  Array.from({ length: MAX_USERS }, (_, k) => ({ name: `${prefix}_${k + 1}`, type: "number" as const, description: what(k + 1) }));

export const externalityCodebook: ColumnDoc[] = [
  ...perUser("decision_x", (j) => `Proposed investment for user ${j} in this participant's message (x_i of eq. 10; empty when the group has fewer users).`),
  ...perUser("decision_pi", (j) => `Proposed price π_ij for user ${j} in this participant's message (π_i of eq. 11).`),
  { name: "outcome_user_index", type: "number", description: "0-based index i of the user in the instance." },
  { name: "outcome_x", type: "number", description: "User i's investment x̂_i = mean of everyone's proposals for user i (eq. 10)." },
  { name: "outcome_lindahl", type: "number", description: "First term of eq. 11: (π_{i+1} − π_{i+2})ᵀ x̂ (the price the others set for i, times the profile)." },
  { name: "outcome_disagreement", type: "number", description: "Second term of eq. 11: (x_i − x_{i+1})ᵀ diag(π_i)(x_i − x_{i+1}), the penalty for disagreeing with the next user." },
  { name: "outcome_redistribution", type: "number", description: "Third term of eq. 11: −(x_{i+1} − x_{i+2})ᵀ diag(π_{i+1})(x_{i+1} − x_{i+2}), independent of i's message." },
  { name: "outcome_tax", type: "number", description: "t̂_i = sum of the three terms (positive: pays). Σ_i t̂_i = 0." },
  { name: "outcome_risk", type: "number", description: "f_i(x̂) = α_i exp(−Σ_j W_ij x̂_j)." },
  { name: "outcome_invest_cost", type: "number", description: "h_i(x̂_i) = c_i x̂_i + q_i x̂_i²/2." },
  { name: "outcome_cost", type: "number", description: "g_i(x̂) = f_i + h_i (without the tax)." },
  { name: "outcome_net_cost", type: "number", description: "g_i(x̂) + t̂_i." },
  { name: "outcome_points", type: "number", unit: "points", description: "pointsScale · (endowment − outcome_net_cost): the round's payoff." },
  { name: "outcome_cost_if_out", type: "number", description: "g_i(x̃^i): cost when staying out while the others play the mechanism (loner equilibrium, §IV-C)." },
  { name: "outcome_regrets_in", type: "boolean", description: "net cost this round > cost_if_out: this user would rather have stayed out (VP fails this round)." },
  { name: "outcome_eq_tax", type: "number", description: "t_i* at the equilibrium (eq. 12–13; formula before Example 4)." },
  { name: "outcome_eq_cost", type: "number", description: "g_i(x*) + t_i*: net cost at the equilibrium." },
  { name: "outcome_eq_vp", type: "boolean", description: "Voluntary participation at the equilibrium: eq_cost ≤ cost_if_out." },
  { name: "outcome_so_x", type: "number", description: "User i's investment in the social optimum x* (eq. 2)." },
  { name: "outcome_nash_x", type: "number", description: "User i's investment in the unregulated Nash equilibrium." },
  { name: "outcome_timed_out", type: "boolean", description: "The timer ran out; the prefilled (last) message was sent." },
  { name: "group_distance_to_eq", type: "number", description: "‖x̂ − x*‖: Euclidean distance of this round's outcome to the equilibrium outcome." },
  { name: "group_proposal_spread", type: "number", description: "max_i ‖x_i − x̂‖: how far the most deviating proposal is from the outcome (0 at equilibrium)." },
  { name: "group_price_gap", type: "number", description: "max_ij |l_ij − l*_ij| with l_i = π_{i+1} − π_{i+2}: distance of the faced prices to the equilibrium prices (eq. 13)." },
  { name: "group_budget", type: "number", description: "Σ_i t̂_i (0 up to rounding: budget balance)." },
  { name: "group_total_cost", type: "number", description: "Σ_i g_i(x̂)." },
  { name: "group_so_cost", type: "number", description: "Σ_i g_i(x*)." },
  { name: "group_nash_cost", type: "number", description: "Σ_i g_i at the unregulated Nash equilibrium." },
  { name: "group_distance_to_nash", type: "number", description: "‖x̂ − x^Nash‖." },
  { name: "group_regrets_in", type: "number", description: "Number of users whose net cost this round exceeds their cost out." },
  { name: "group_eq_vp_failures", type: "number", description: "Number of users for whom VP fails at the equilibrium (§IV-C)." },
  { name: "group_timeouts", type: "number", description: "Number of messages sent by timeout." },
];

export const idsExternality = defineGame({
  id: "ids-externality",
  version: "1.0.0",
  title: "IDS with the Externality mechanism",
  summary:
    "Interdependent security regulated by the budget-balanced Externality mechanism (Naghizadeh & Liu §IV, after Hurwicz): each round every user sends a message — proposed investments for everyone and prices — the investments are the mean proposal (eq. 10) and taxes follow eq. 11 (three terms, summing to zero). Rounds repeat: the iterative process towards the equilibrium. Needs 3–6 users.",
  params: ExternalityParams,
  actions: ExternalityAction,
  groupSize: (p) => p.alpha.length,
  rounds: (p) => p.rounds,
  roles: (p) => p.alpha.map((_, i) => `user ${i + 1}`),
  setupRound,
  firstPhase: () => "message",
  phases: { message: messagePhase, results: resultsPhase },
  view: externalityView,
  score: externalityScore,
  monitor: externalityMonitor,
  bots: externalityBots,
  defaultBot: "adaptive",
  codebook: externalityCodebook,
});
