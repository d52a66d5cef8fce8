/**
 * Treatment parameters of the IDS investment game (Naghizadeh & Liu §II-A):
 * f_i(x) = α_i exp(−Σ_j W_ij x_j), h_i(x_i) = c_i x_i + q_i x_i²/2, cost g_i = f_i + h_i.
 * People see points = pointsScale · (endowment − g_i) per round.
 */
import { z } from "zod";
import { idsInstanceFields, withIdsInstanceChecks } from "../../mechanisms/ids/instance-schema";

export { instanceOf } from "../../mechanisms/ids/instance-schema";

const seconds = (min: number) => z.number().int().min(min).max(3600).nullable();

export const IdsParams = withIdsInstanceChecks(
  z.object({
    ...idsInstanceFields,
    xMax: z.number().positive().max(1e6, "xMax must be at most 1,000,000 (rescale the investment unit)").default(10),
    endowment: z.number().min(0).max(1e12, "endowment must be at most 1e12").default(10),
    pointsScale: z.number().positive().max(1e6, "pointsScale must be at most 1,000,000").default(10),
    rounds: z.number().int().min(1).max(200).default(10),
    /** Round timer for the decision, seconds; null = untimed. */
    decisionSeconds: seconds(5).default(60),
    /** How long the results screen stays up, seconds; null = until everyone clicks Next. */
    resultsSeconds: seconds(3).default(30),
    /** What a participant's investment is when the decision timer runs out. */
    timeoutDefault: z.enum(["zero", "last"]).default("last"),
    /** What participants see of the others after each round. */
    feedback: z.enum(["own", "investments", "investmentsAndCosts"]).default("investments"),
  }),
);
export type IdsParams = z.infer<typeof IdsParams>;
