/**
 * Treatment parameters of the IDS investment game (Naghizadeh & Liu §II-A):
 * f_i(x) = α_i exp(−Σ_j W_ij x_j), h_i(x_i) = c_i x_i + q_i x_i²/2, cost g_i = f_i + h_i.
 * People see points = pointsScale · (endowment − g_i) per round.
 */
import { z } from "zod";
import { rangeProblem } from "../../mechanisms/ids/model";
import { idsBenchmarks } from "./benchmarks";

/** A parameter of the cost model: 0 or within the mechanism core's range (IDS_RANGE, no overflow). */
const inRange = (x: number, ctx: z.RefinementCtx) => {
  const problem = rangeProblem(x);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
};

export const IdsParams = z
  .object({
    alpha: z.array(z.number().positive().superRefine(inRange)).min(2, "give at least 2 users").max(200),
    W: z.array(z.array(z.number().min(0, "weights must be ≥ 0").superRefine(inRange))),
    c: z.array(z.number().positive().superRefine(inRange)),
    q: z.array(z.number().min(0).superRefine(inRange)).optional(),
    xMax: z.number().positive().max(1e6, "xMax must be at most 1,000,000 (rescale the investment unit)").default(10),
    endowment: z.number().min(0).max(1e12, "endowment must be at most 1e12").default(10),
    pointsScale: z.number().positive().max(1e6, "pointsScale must be at most 1,000,000").default(10),
    rounds: z.number().int().min(1).max(200).default(10),
    /** Round timer for the decision, seconds; null = untimed. */
    decisionSeconds: z.number().int().min(5).max(3600).nullable().default(60),
    /** How long the results screen stays up, seconds; null = until everyone clicks Next. */
    resultsSeconds: z.number().int().min(3).max(3600).nullable().default(30),
    /** What a participant's investment is when the decision timer runs out. */
    timeoutDefault: z.enum(["zero", "last"]).default("last"),
    /** What participants see of the others after each round. */
    feedback: z.enum(["own", "investments", "investmentsAndCosts"]).default("investments"),
  })
  .superRefine((p, ctx) => {
    const n = p.alpha.length;
    if (p.W.length !== n) ctx.addIssue({ code: "custom", path: ["W"], message: `W must have ${n} rows (one per user), got ${p.W.length}` });
    p.W.forEach((row, i) => {
      if (row.length !== n) ctx.addIssue({ code: "custom", path: ["W", i], message: `W[${i}] must have ${n} entries, got ${row.length}` });
      if ((row[i] ?? 0) <= 0)
        ctx.addIssue({ code: "custom", path: ["W", i, i], message: "own effectiveness W[i][i] must be > 0 (else nobody protects themselves)" });
    });
    if (p.c.length !== n) ctx.addIssue({ code: "custom", path: ["c"], message: `c must have ${n} entries, got ${p.c.length}` });
    if (p.q && p.q.length !== n) ctx.addIssue({ code: "custom", path: ["q"], message: `q must have ${n} entries, got ${p.q.length}` });
    if (shapeOk(p)) {
      // The experimenter's page shows the social optimum and the Nash equilibrium: refuse an
      // instance on which the optimum cannot be certified now rather than during the session.
      try {
        idsBenchmarks(p);
      } catch (e) {
        ctx.addIssue({
          code: "custom",
          path: ["alpha"],
          message: `the social optimum cannot be certified on this instance (${(e as Error).message}); bring alpha_i·W_ij and c_i closer in magnitude`,
        });
      }
    }
  });
export type IdsParams = z.infer<typeof IdsParams>;

function shapeOk(p: { alpha: number[]; W: number[][]; c: number[]; q?: number[] | undefined }): boolean {
  const n = p.alpha.length;
  const allInRange = (v: readonly number[]) => v.every((x) => x >= 0 && rangeProblem(x) === null);
  return (
    p.W.length === n &&
    p.W.every((r, i) => r.length === n && (r[i] ?? 0) > 0 && allInRange(r)) &&
    p.c.length === n &&
    (!p.q || p.q.length === n) &&
    [p.alpha, p.c, p.q ?? []].every(allInRange)
  );
}

/** The instance the mechanism core works on. */
export function instanceOf(p: IdsParams) {
  return { alpha: p.alpha, W: p.W, c: p.c, q: p.q ?? p.alpha.map(() => 0) };
}
