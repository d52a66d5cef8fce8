/**
 * Treatment parameters of the Pivotal (Clarke) mechanism game (Naghizadeh & Liu §III) on the IDS
 * instance f_i(x) = α_i exp(−Σ_j W_ij x_j), h_i(x_i) = c_i x_i + q_i x_i²/2.
 * People see points = pointsScale · (endowment − g_i − t_i) per round (t_i = 0 out of the mechanism).
 */
import { z } from "zod";
import { coalitionEquilibrium } from "../ids-mechanisms-common/coalition";
import { instanceChecks, instanceFields, instanceIsConsistent, instanceOf, type Instance } from "../ids-mechanisms-common/instance";
import { IdsInputError, IdsSolverError, pivotalFullInfo, pivotalTaxes } from "../../mechanisms/ids";
import { alongside, ALONGSIDE, independently } from "../../core/refine-alongside";

const seconds = (def: number) => z.number().int().min(5).max(3600).nullable().default(def);

export const PivotalParams = z
  .object({
    ...instanceFields,
    /** incomplete: eq. 6 with x̂_i^i = 0 (Prop. 1–2); full: eq. 9, loner equilibria x̃^i (§III-D). */
    information: z.enum(["incomplete", "full"]).default("incomplete"),
    /** choice: each round everyone decides to join or stay out; compulsory: everyone is in. */
    participation: z.enum(["choice", "compulsory"]).default("choice"),
    /** What a loner does: best-responds automatically to the announced profile (Prop. 2), or chooses freely. */
    loner: z.enum(["bestResponse", "free"]).default("bestResponse"),
    /** Reports must lie within [min·true, max·true] for α, c and q (min = max = 1: truthful only). */
    reportRange: z
      .object({
        min: z.number().min(0.1, "reportRange.min must be ≥ 0.1").max(1, "reportRange.min must be ≤ 1 (the true value must be allowed)").default(0.5),
        max: z.number().min(1, "reportRange.max must be ≥ 1 (the true value must be allowed)").max(10, "reportRange.max must be ≤ 10").default(2),
      })
      .prefault({}),
    /** Timers in seconds (null = untimed). */
    participateSeconds: seconds(30),
    reportSeconds: seconds(60),
    lonerSeconds: seconds(45),
    /** Default when the participation timer runs out. */
    timeoutParticipation: z.enum(["join", "stayOut"]).default("join"),
    /** Default investment of a loner who chooses freely and lets the timer run out. */
    lonerTimeoutDefault: z.enum(["bestResponse", "zero"]).default("bestResponse"),
    /** What participants see of the others after the round. */
    feedback: z.enum(["own", "investments", "investmentsAndTaxes"]).default("investments"),
    /** The misreporting bot reports c_i·factor (clamped to reportRange). */
    botMisreportFactor: z.number().positive().max(10).default(1.5),
  })
  .superRefine(independently(...instanceChecks(2, "give at least 2 users")), ALONGSIDE)
  .superRefine(
    alongside((p, ctx) => {
      if (!instanceIsConsistent(p)) return;
      const problem = solvabilityProblem(p.information, p.participation, instanceOf(p));
      if (problem) ctx.addIssue({ code: "custom", path: ["information"], message: problem });
    }),
    ALONGSIDE,
  );
export type PivotalParams = z.infer<typeof PivotalParams>;

export { instanceOf };

/** Bounds of a report of a true value v (inclusive). */
export function reportBounds(p: PivotalParams, v: number): [number, number] {
  return [v * p.reportRange.min, v * p.reportRange.max];
}

/**
 * Why the treatment's instance cannot be run (null if it can): the truthful, everyone-in mechanism
 * must be certified, and under full information with a participation choice the coalition–loner
 * equilibrium of every possible set of loners too (reports may still move the instance; rounds whose
 * equilibria cannot be certified are flagged in group_certified).
 */
export function solvabilityProblem(information: "incomplete" | "full", participation: "choice" | "compulsory", inst: Instance): string | null {
  const n = inst.alpha.length;
  try {
    if (information === "incomplete") pivotalTaxes(inst);
    else pivotalFullInfo(inst);
  } catch (e) {
    return `the Pivotal mechanism cannot be computed on this instance: ${(e as Error).message}; rescale the parameters`;
  }
  if (information !== "full" || participation !== "choice") return null;
  const advice = 'Use information "incomplete", participation "compulsory", or other parameters';
  for (let mask = 1; mask < (1 << n) - 1; mask++) {
    const coalition = [...Array(n).keys()].filter((i) => mask & (1 << i));
    const loners = [...Array(n).keys()].filter((i) => !(mask & (1 << i)));
    const out = `under full information the mechanism anticipates the loners' responses; with users ${loners.map((i) => i + 1).join(", ")} out`;
    let eq;
    try {
      eq = coalitionEquilibrium(inst, coalition, loners);
    } catch (e) {
      // a solver that refuses a sub-problem is a treatment that cannot be run, never a crash of the check (any other error is a bug: it is thrown)
      if (!(e instanceof IdsInputError || e instanceof IdsSolverError)) throw e;
      return `${out}, the equilibrium between the participants and the loners cannot be computed (${e.message}). ${advice}`;
    }
    if (!eq.certified) return `${out}, no equilibrium between the participants and the loners could be certified (gap ${eq.gap.toExponential(2)}). ${advice}`;
  }
  return null;
}
