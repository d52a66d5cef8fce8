/** The records a round of the Externality game emits: they define the export's columns. */
import { z } from "zod";
import { defineRecords, numberField as num, optionalNumberField as maybe } from "../../core/records";
import { MAX_USERS } from "../ids-mechanisms-common/instance";

/** One optional column per possible user: `${prefix}_1` … `${prefix}_${MAX_USERS}` (empty when the group is smaller). */
const perUser = (prefix: string, what: (j: number) => string) =>
  Object.fromEntries(Array.from({ length: MAX_USERS }, (_, k) => [`${prefix}_${k + 1}`, z.number().optional().describe(what(k + 1))]));

const flag = (description: string) => z.boolean().describe(description);

export const externalityRecords = defineRecords({
  decision: z.object({
    ...perUser("x", (j) => `Proposed investment for user ${j} in this participant's message (x_i of eq. 10; empty when the group has fewer users).`),
    ...perUser("pi", (j) => `Proposed price π_ij for user ${j} in this participant's message (π_i of eq. 11).`),
  }),
  outcome: z.object({
    user_index: num("0-based index i of the user in the instance."),
    x: num("User i's investment x̂_i = mean of everyone's proposals for user i (eq. 10)."),
    lindahl: num("First term of eq. 11: (π_{i+1} − π_{i+2})ᵀ x̂ (the price the others set for i, times the profile)."),
    disagreement: num("Second term of eq. 11: (x_i − x_{i+1})ᵀ diag(π_i)(x_i − x_{i+1}), the penalty for disagreeing with the next user."),
    redistribution: num("Third term of eq. 11: −(x_{i+1} − x_{i+2})ᵀ diag(π_{i+1})(x_{i+1} − x_{i+2}), independent of i's message."),
    tax: num("t̂_i = sum of the three terms (positive: pays). Σ_i t̂_i = 0."),
    risk: num("f_i(x̂) = α_i exp(−Σ_j W_ij x̂_j)."),
    invest_cost: num("h_i(x̂_i) = c_i x̂_i + q_i x̂_i²/2."),
    cost: num("g_i(x̂) = f_i + h_i (without the tax)."),
    net_cost: num("g_i(x̂) + t̂_i."),
    points: num("pointsScale · (endowment − outcome_net_cost): the round's payoff.", "points"),
    cost_if_out: num("g_i(x̃^i): cost when staying out while the others play the mechanism (loner equilibrium, §IV-C)."),
    regrets_in: flag("net cost this round > cost_if_out: this user would rather have stayed out (VP fails this round)."),
    eq_tax: num("t_i* at the equilibrium (eq. 12–13; formula before Example 4)."),
    eq_cost: num("g_i(x*) + t_i*: net cost at the equilibrium."),
    eq_vp: flag("Voluntary participation at the equilibrium: eq_cost ≤ cost_if_out."),
    so_x: num("User i's investment in the social optimum x* (eq. 2)."),
    nash_x: maybe("User i's investment in the unregulated Nash equilibrium."),
    timed_out: flag("The timer ran out; the prefilled (last) message was sent."),
  }),
  group: z.object({
    distance_to_eq: maybe("‖x̂ − x*‖: Euclidean distance of this round's outcome to the equilibrium outcome."),
    proposal_spread: maybe("max_i ‖x_i − x̂‖: how far the most deviating proposal is from the outcome (0 at equilibrium)."),
    price_gap: maybe("max_ij |l_ij − l*_ij| with l_i = π_{i+1} − π_{i+2}: distance of the faced prices to the equilibrium prices (eq. 13)."),
    budget: num("Σ_i t̂_i (0 up to rounding: budget balance)."),
    total_cost: num("Σ_i g_i(x̂)."),
    so_cost: num("Σ_i g_i(x*)."),
    nash_cost: maybe("Σ_i g_i at the unregulated Nash equilibrium."),
    distance_to_nash: maybe("‖x̂ − x^Nash‖."),
    regrets_in: num("Number of users whose net cost this round exceeds their cost out."),
    eq_vp_failures: num("Number of users for whom VP fails at the equilibrium (§IV-C)."),
    timeouts: num("Number of messages sent by timeout."),
  }),
});
