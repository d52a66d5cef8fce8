/**
 * zod schema pieces of an IDS instance (§II-A: α, W, c, q) for treatments, with cross-field checks
 * whose messages name the offending field.
 */
import { z } from "zod";
import { alongside, ALONGSIDE, independently } from "../../core/refine-alongside";
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

type Check = (p: InstanceParams, ctx: z.RefinementCtx) => void;
const issue = (ctx: z.RefinementCtx, path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });

/**
 * Sizes agree with α (one user each) and every own effectiveness W_ii is positive: checks that each read
 * only what they need, so a field that failed its own rules silences only the checks that read it.
 */
export const idsShapeChecks: readonly Check[] = [
  (p, ctx) => {
    const n = p.alpha.length;
    if (p.W.length !== n) issue(ctx, ["W"], `W must have ${n} rows (one per user), got ${p.W.length}`);
    p.W.forEach((row, i) => {
      if (row.length !== n) issue(ctx, ["W", i], `W[${i}] must have ${n} entries, got ${row.length}`);
    });
  },
  (p, ctx) =>
    p.W.forEach((row, i) => {
      if ((row[i] ?? 0) <= 0) issue(ctx, ["W", i, i], "own effectiveness W[i][i] must be > 0 (else nobody protects themselves)");
    }),
  (p, ctx) => {
    if (p.c.length !== p.alpha.length) issue(ctx, ["c"], `c must have ${p.alpha.length} entries, got ${p.c.length}`);
  },
  (p, ctx) => {
    if (p.q && p.q.length !== p.alpha.length) issue(ctx, ["q"], `q must have ${p.alpha.length} entries, got ${p.q.length}`);
  },
];

/**
 * The social optimum can be certified (the experimenter's page shows it): refuse the instance now rather
 * than during the session. Only for a well-formed instance.
 */
export function checkIdsSolvable(p: InstanceParams, ctx: z.RefinementCtx): void {
  if (!shapeOk(p)) return;
  try {
    unregulatedBenchmarks(instanceOf(p));
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    issue(ctx, ["alpha"], `the social optimum cannot be certified on this instance (${why}); bring alpha_i·W_ij and c_i closer in magnitude`);
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

export function instanceOf(p: InstanceParams) {
  return { alpha: p.alpha, W: p.W, c: p.c, q: p.q ?? p.alpha.map(() => 0) };
}

/** A treatment schema that embeds an IDS instance, with its checks: the shapes side by side, then the social optimum. */
export function withIdsInstanceChecks<T extends z.ZodType<InstanceParams>>(schema: T): T {
  return schema.superRefine(independently(...idsShapeChecks), ALONGSIDE).superRefine(alongside(checkIdsSolvable), ALONGSIDE) as unknown as T;
}
