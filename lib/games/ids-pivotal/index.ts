/**
 * The Pivotal (Clarke/VCG) mechanism on the IDS game (Naghizadeh & Liu §III) as a game module:
 * participate → report → [loner] → results, each round.
 */
import { defineGame, type ColumnDoc } from "../../core/game";
import { pivotalBots } from "./bots";
import { PivotalParams } from "./params";
import { pivotalMonitor, pivotalScore } from "./score";
import { firstPhase, lonerPhase, participatePhase, PivotalAction, reportPhase, resultsPhase, setupRound } from "./state";
import { pivotalView } from "./views";

export const pivotalCodebook: ColumnDoc[] = [
  { name: "decision_joined", type: "boolean", description: "Joined the mechanism this round (false: stayed out, a loner who pays no tax). Under participation = compulsory always true." },
  { name: "decision_report_alpha", type: "number", description: "Reported possible loss α̂_i (empty for loners). The true value is outcome_true_alpha." },
  { name: "decision_report_c", type: "number", description: "Reported cost per unit ĉ_i (empty for loners)." },
  { name: "decision_report_q", type: "number", description: "Reported quadratic cost q̂_i (0 when the true q_i is 0; empty for loners)." },
  { name: "decision_loner_x", type: "number", description: "Investment a loner chose freely (loner = free); empty for participants and when loners best-respond automatically." },
  { name: "outcome_user_index", type: "number", description: "0-based index i of the user in the instance (α_i, c_i, q_i, row i of W)." },
  { name: "outcome_true_alpha", type: "number", description: "True α_i (payoffs use the true type)." },
  { name: "outcome_true_c", type: "number", description: "True c_i." },
  { name: "outcome_true_q", type: "number", description: "True q_i." },
  { name: "outcome_misreport", type: "boolean", description: "The report differs from the true type (empty for loners)." },
  { name: "outcome_prescribed_x", type: "number", description: "Investment the mechanism prescribed from the reports (participants; empty for loners)." },
  { name: "outcome_x", type: "number", description: "Realised investment x_i: the prescribed one for participants, the loner's best response or own choice otherwise." },
  { name: "outcome_tax", type: "number", description: "Pivotal tax t_i of eq. 6 (positive: pays, negative: is paid); empty for loners (no tax)." },
  { name: "outcome_risk", type: "number", description: "True expected loss f_i(x) = α_i exp(−Σ_j W_ij x_j)." },
  { name: "outcome_invest_cost", type: "number", description: "True investment cost h_i(x_i) = c_i x_i + q_i x_i²/2." },
  { name: "outcome_cost", type: "number", description: "True cost g_i(x) = f_i + h_i (without the tax)." },
  { name: "outcome_net_cost", type: "number", description: "g_i(x) + t_i (t_i = 0 for loners): what the points are made of." },
  { name: "outcome_points", type: "number", unit: "points", description: "pointsScale · (endowment − outcome_net_cost): the round's payoff." },
  { name: "outcome_loner_best_response", type: "number", description: "For loners: the best response BR_i to the realised profile (compare with outcome_x when loners choose freely)." },
  { name: "outcome_cost_if_in", type: "number", description: "Net cost in: the actual one if joined; else what joining with a truthful report would have cost, the others' choices unchanged." },
  { name: "outcome_cost_if_out", type: "number", description: "Cost out: the actual one if stayed out; else what staying out (best-responding) would have cost, the others' choices unchanged." },
  { name: "outcome_regrets_choice", type: "boolean", description: "A participant with cost_if_out < cost_if_in (would rather have stayed out, VP failed ex post), or a loner with cost_if_in < cost_if_out." },
  { name: "outcome_timed_out_participation", type: "boolean", description: "The participation timer ran out; the treatment's timeoutParticipation default was used." },
  { name: "outcome_timed_out_report", type: "boolean", description: "The report timer ran out; the true type (the prefilled form) was reported." },
  { name: "outcome_timed_out_loner", type: "boolean", description: "The loner's timer ran out; lonerTimeoutDefault was used." },
  { name: "outcome_so_x", type: "number", description: "User i's investment in the social optimum x* (eq. 2) of the true instance." },
  { name: "outcome_nash_x", type: "number", description: "User i's investment in the Nash equilibrium of the unregulated game." },
  { name: "outcome_paper_tax", type: "number", description: "t_i if everyone joined and reported truthfully (eq. 6, or eq. 9 under full information)." },
  { name: "outcome_paper_vp", type: "boolean", description: "Voluntary participation of user i in that benchmark (Prop. 2)." },
  { name: "group_participants", type: "number", description: "Number of users who joined." },
  { name: "group_budget", type: "number", description: "Σ_i t_i over participants: positive surplus, negative deficit." },
  { name: "group_deficit", type: "number", description: "max(0, −budget): what the designer had to inject." },
  { name: "group_total_cost", type: "number", description: "Σ_i g_i(x) at the realised profile (true types, without taxes)." },
  { name: "group_so_cost", type: "number", description: "Σ_i g_i(x*) of the true instance." },
  { name: "group_nash_cost", type: "number", description: "Σ_i g_i at the unregulated Nash equilibrium." },
  { name: "group_distance_to_so", type: "number", description: "Euclidean distance between the realised x and x*." },
  { name: "group_distance_to_nash", type: "number", description: "Euclidean distance between the realised x and the Nash equilibrium." },
  { name: "group_prescribed_distance_to_so", type: "number", description: "Distance between the profile the mechanism planned with and x* (0 when all join truthfully)." },
  { name: "group_misreports", type: "number", description: "Number of participants whose report differs from their type." },
  { name: "group_regret_out", type: "number", description: "Participants who would rather have stayed out (see outcome_regrets_choice)." },
  { name: "group_regret_in", type: "number", description: "Loners who would rather have joined." },
  { name: "group_paper_budget", type: "number", description: "Budget if everyone joined and reported truthfully (the paper's benchmark)." },
  { name: "group_certified", type: "boolean", description: "All equilibria of the round were certified and the mechanism ran without error." },
  { name: "group_mechanism_error", type: "string", description: "Why the mechanism could not be computed (then no taxes, nothing prescribed); empty normally." },
];

export const idsPivotal = defineGame({
  id: "ids-pivotal",
  version: "1.0.0",
  title: "IDS with the Pivotal mechanism",
  summary:
    "Interdependent security regulated by the Pivotal (Clarke) mechanism (Naghizadeh & Liu §III): each round users decide to join or stay out, participants report their type (loss α, cost c, q), the mechanism prescribes the socially optimal investments from the reports and charges each participant the externality it imposes (eq. 6; eq. 9 under full information). Payoffs use the true types.",
  params: PivotalParams,
  actions: PivotalAction,
  groupSize: (p) => p.alpha.length,
  rounds: (p) => p.rounds,
  roles: (p) => p.alpha.map((_, i) => `user ${i + 1}`),
  setupRound,
  firstPhase: (p) => firstPhase(p),
  phases: { participate: participatePhase, report: reportPhase, loner: lonerPhase, results: resultsPhase },
  view: pivotalView,
  score: pivotalScore,
  monitor: pivotalMonitor,
  bots: pivotalBots,
  defaultBot: "truthful",
  codebook: pivotalCodebook,
});
