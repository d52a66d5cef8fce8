/**
 * zod schema pieces of an IDS instance (§II-A: α, W, c, q) for treatments, with cross-field checks
 * whose messages name the offending field.
 */
import { z } from "zod";
import { alongside, ALONGSIDE } from "../../core/refine-alongside";
import { rangeProblem } from "./model";
import { unregulatedBenchmarks } from "./unregulated";

type InstanceParams = { alpha: number[]; W: number[][]; c: number[]; q?: number[] | undefined };

/** A parameter of the cost model: 0 or within the mechanism core's range (IDS_RANGE, no overflow). */
const inRange = (x: number, ctx: z.RefinementCtx) => {
  const problem = rangeProblem(x);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
};

export const idsInstanceFields = {
  alpha: z.array(z.number().positive().superRefine(inRange)).min(2, "give at least 2 users").max(200),
  W: z.array(z.array(z.number().min(0, "weights must be ≥ 0").superRefine(inRange))),
  c: z.array(z.number().positive().superRefine(inRange)),
  q: z.array(z.number().min(0).superRefine(inRange)).optional(),
};

/**
 * Sizes agree with α (one user each), every own effectiveness W_ii is positive, and the social optimum
 * can be certified (the experimenter's page shows it: refuse the instance now rather than during the session).
 */
export function checkIdsInstance(p: InstanceParams, ctx: z.RefinementCtx): void {
  const n = p.alpha.length;
  if (p.W.length !== n) ctx.addIssue({ code: "custom", path: ["W"], message: `W must have ${n} rows (one per user), got ${p.W.length}` });
  p.W.forEach((row, i) => {
    if (row.length !== n) ctx.addIssue({ code: "custom", path: ["W", i], message: `W[${i}] must have ${n} entries, got ${row.length}` });
    if ((row[i] ?? 0) <= 0)
      ctx.addIssue({ code: "custom", path: ["W", i, i], message: "own effectiveness W[i][i] must be > 0 (else nobody protects themselves)" });
  });
  if (p.c.length !== n) ctx.addIssue({ code: "custom", path: ["c"], message: `c must have ${n} entries, got ${p.c.length}` });
  if (p.q && p.q.length !== n) ctx.addIssue({ code: "custom", path: ["q"], message: `q must have ${n} entries, got ${p.q.length}` });
  if (!shapeOk(p)) return;
  try {
    unregulatedBenchmarks(instanceOf(p));
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    ctx.addIssue({
      code: "custom",
      path: ["alpha"],
      message: `the social optimum cannot be certified on this instance (${why}); bring alpha_i·W_ij and c_i closer in magnitude`,
    });
  }
}

function shapeOk(p: InstanceParams): boolean {
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

/** The instance the mechanism core works on (q defaults to zeros). */
/** `superRefine` arguments for a treatment that embeds an IDS instance: {@link checkIdsInstance}, run alongside other field errors. */
export const idsInstanceRefinement = [alongside(checkIdsInstance), ALONGSIDE] as const;

export function instanceOf(p: InstanceParams) {
  return { alpha: p.alpha, W: p.W, c: p.c, q: p.q ?? p.alpha.map(() => 0) };
}
