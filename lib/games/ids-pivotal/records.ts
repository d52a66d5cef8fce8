/** The records a round of the Pivotal game emits: they define the export's columns. */
import { z } from "zod";
import { defineRecords, numberField as num, optionalNumberField as maybe } from "../../core/records";

const flag = (description: string) => z.boolean().describe(description);
const maybeFlag = (description: string) => z.boolean().nullable().describe(description);

export const pivotalRecords = defineRecords({
  decision: z.object({
    joined: flag("Joined the mechanism this round (false: stayed out, a loner who pays no tax). Under participation = compulsory always true."),
    report_alpha: maybe("Reported possible loss α̂_i (empty for loners). The true value is outcome_true_alpha."),
    report_c: maybe("Reported cost per unit ĉ_i (empty for loners)."),
    report_q: maybe("Reported quadratic cost q̂_i (0 when the true q_i is 0; empty for loners)."),
    loner_x: maybe("Investment a loner chose freely (loner = free); empty for participants and when loners best-respond automatically."),
  }),
  outcome: z.object({
    user_index: num("0-based index i of the user in the instance (α_i, c_i, q_i, row i of W)."),
    true_alpha: num("True α_i (payoffs use the true type)."),
    true_c: num("True c_i."),
    true_q: num("True q_i."),
    misreport: maybeFlag("The report differs from the true type (empty for loners)."),
    prescribed_x: maybe("Investment the mechanism prescribed from the reports (participants; empty for loners)."),
    x: num("Realised investment x_i: the prescribed one for participants, the loner's best response or own choice otherwise."),
    tax: maybe("Pivotal tax t_i of eq. 6 (positive: pays, negative: is paid); empty for loners (no tax)."),
    risk: num("True expected loss f_i(x) = α_i exp(−Σ_j W_ij x_j)."),
    invest_cost: num("True investment cost h_i(x_i) = c_i x_i + q_i x_i²/2."),
    cost: num("True cost g_i(x) = f_i + h_i (without the tax)."),
    net_cost: num("g_i(x) + t_i (t_i = 0 for loners): what the points are made of."),
    points: num("pointsScale · (endowment − outcome_net_cost): the round's payoff.", "points"),
    loner_best_response: maybe("For loners: the best response BR_i to the realised profile (compare with outcome_x when loners choose freely)."),
    cost_if_in: maybe("Net cost in: the actual one if joined; else what joining with a truthful report would have cost, the others' choices unchanged."),
    cost_if_out: maybe("Cost out: the actual one if stayed out; else what staying out (best-responding) would have cost, the others' choices unchanged."),
    regrets_choice: maybeFlag("A participant with cost_if_out < cost_if_in (would rather have stayed out, VP failed ex post), or a loner with cost_if_in < cost_if_out."),
    timed_out_participation: flag("The participation timer ran out; the treatment's timeoutParticipation default was used."),
    timed_out_report: flag("The report timer ran out; the true type (the prefilled form) was reported."),
    timed_out_loner: flag("The loner's timer ran out; lonerTimeoutDefault was used."),
    so_x: num("User i's investment in the social optimum x* (eq. 2) of the true instance."),
    nash_x: maybe("User i's investment in the Nash equilibrium of the unregulated game."),
    paper_tax: num("t_i if everyone joined and reported truthfully (eq. 6, or eq. 9 under full information)."),
    paper_vp: flag("Voluntary participation of user i in that benchmark (Prop. 2)."),
  }),
  group: z.object({
    participants: num("Number of users who joined."),
    budget: num("Σ_i t_i over participants: positive surplus, negative deficit."),
    deficit: num("max(0, −budget): what the designer had to inject."),
    total_cost: num("Σ_i g_i(x) at the realised profile (true types, without taxes)."),
    so_cost: num("Σ_i g_i(x*) of the true instance."),
    nash_cost: maybe("Σ_i g_i at the unregulated Nash equilibrium."),
    distance_to_so: num("Euclidean distance between the realised x and x*."),
    distance_to_nash: maybe("Euclidean distance between the realised x and the Nash equilibrium."),
    prescribed_distance_to_so: num("Distance between the profile the mechanism planned with and x* (0 when all join truthfully)."),
    misreports: num("Number of participants whose report differs from their type."),
    regret_out: maybe("Participants who would rather have stayed out (see outcome_regrets_choice)."),
    regret_in: maybe("Loners who would rather have joined."),
    paper_budget: num("Budget if everyone joined and reported truthfully (the paper's benchmark)."),
    certified: flag("All equilibria of the round were certified and the mechanism ran without error."),
    mechanism_error: z.string().nullable().describe("Why the mechanism could not be computed (then no taxes, nothing prescribed); empty normally."),
  }),
});
