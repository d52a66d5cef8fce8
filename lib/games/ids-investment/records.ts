/** The records a round of the unregulated IDS game emits: they define the export's columns. */
import { z } from "zod";
import { defineRecords, numberField as num, optionalNumberField as maybe, type RecordsOf } from "../../core/records";

export const idsRecords = defineRecords({
  decision: z.object({ x: num("Security investment x_i chosen this round (the default when timed_out).") }),
  outcome: z.object({
    user_index: num("0-based index i of the user in the group's instance (α_i, c_i, row i of W)."),
    risk: num("Expected loss f_i = α_i·exp(−Σ_j W_ij x_j)."),
    invest_cost: num("Investment cost h_i = c_i x_i + q_i x_i²/2."),
    cost: num("Total cost g_i = f_i + h_i (utility is −g_i)."),
    protection: num("Protection from the others, Σ_{j≠i} W_ij x_j."),
    nash_x: maybe("User i's investment in the Nash equilibrium of the unregulated game."),
    so_x: maybe("User i's investment in the social optimum x* (eq. 2)."),
    points: num("pointsScale·(endowment − g_i): the round's payoff.", "points"),
  }),
  group: z.object({
    total_cost: num("Σ_i g_i played by the group this round."),
    so_cost: num("Σ_i g_i at the social optimum x* of the instance."),
    nash_cost: maybe("Σ_i g_i at the Nash equilibrium of the unregulated game."),
    distance_to_so: num("Euclidean distance between the played profile x and x*."),
    distance_to_nash: maybe("Euclidean distance between the played profile x and the Nash equilibrium."),
    mean_x: num("Mean investment in the group this round."),
  }),
});

/** The record types (the score, and `lastNumber` keys in the round context). */
export type IdsRecords = RecordsOf<typeof idsRecords>;
