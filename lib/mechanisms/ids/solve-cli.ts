/**
 * `mechlab solve ids`: validate a JSON instance {"alpha":[…N],"W":[[…N]…N],"c":[…N],"q":[…N]?}
 * (model of §II-A, eq. 1) and return the social optimum (eq. 2), the Nash equilibrium, and taxes,
 * budget and participation under the Pivotal (eq. 6, eq. 9) and Externality (eq. 10–13) mechanisms.
 */
import { z } from "zod";
import { formatPath } from "../../core/zod-format";
import { idsReport } from "./report";
import { IdsSolverError, rangeProblem, type IdsInstance } from "./model";
import type { PivotalResult } from "./pivotal";

/**
 * Largest N accepted by `solve ids` (all of eq. 2, Nash, eq. 6, eq. 9 and eq. 10–13 on N users takes
 * O(N) certified optimisations of size N: measured 0.16–0.54 s at N = 200 on a quiet machine, 0.6–3.2 s
 * at N = 200 and 2.4–5.7 s at N = 300 under heavy load; see docs/benchmarks/ids.md).
 */
export const IDS_SOLVE_MAX_USERS = 200;

const num = z.number({ error: (iss) => (iss.input === undefined ? "is required" : "must be a finite number") });
const nonneg = num.min(0, { error: "must be >= 0" }).superRefine((x, ctx) => {
  const problem = rangeProblem(x);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});
const list = (what: string) =>
  z.array(nonneg, { error: (iss) => (iss.input === undefined ? "is required" : `must be a list of ${what}`) });

/** zod schema of the `solve ids` input, with cross-field checks naming the offending field. */
export const idsSolveInputSchema = z
  .strictObject({
    alpha: list("numbers")
      .min(1, { error: "must list at least one user" })
      .max(IDS_SOLVE_MAX_USERS, { error: `must list at most ${IDS_SOLVE_MAX_USERS} users (the size limit of solve ids)` }),
    W: z.array(list("numbers"), { error: (iss) => (iss.input === undefined ? "is required" : "must be a list of rows") }),
    c: list("numbers"),
    q: list("numbers").optional(),
  })
  .superRefine((v, ctx) => {
    const n = v.alpha.length;
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
    if (v.c.length !== n) issue(["c"], `must have ${n} entries (one per user, like alpha; got ${v.c.length})`);
    if (v.q && v.q.length !== n) issue(["q"], `must have ${n} entries (one per user, like alpha; got ${v.q.length})`);
    if (v.W.length !== n) issue(["W"], `must have ${n} rows (one per user; got ${v.W.length})`);
    v.W.forEach((row, i) => {
      if (row.length !== n) issue(["W", i], `must have ${n} entries (got ${row.length})`);
    });
    v.c.forEach((ci, i) => {
      if (ci + (v.q?.[i] ?? 0) <= 0) issue(["c", i], "must be > 0 when q is 0 (investment cost must be increasing)");
    });
  });

function describeIssues(error: z.ZodError): string {
  const lines = error.issues.map((i) => {
    const where = formatPath(i.path);
    if (i.code === "unrecognized_keys") return `${where || "the instance"} has unknown field(s): ${i.keys.join(", ")}`;
    if (where === "") return i.code === "invalid_type" ? "the instance must be a JSON object" : i.message;
    return `${where} ${i.message}`;
  });
  return [...new Set(lines)].join("\n");
}

function pivotalSummary(r: PivotalResult) {
  return {
    taxes: r.taxes,
    budget: r.budget,
    participation: r.participation,
    users: r.users.map((u) => ({ tax: u.tax, costIn: u.costIn, costOut: u.costOut, lonerInvestment: u.lonerInvestment })),
  };
}

/**
 * Solve an IDS instance given as parsed JSON. Invalid input → `{ok:false, error}` with one line per
 * problem naming the field (e.g. `W[2] must have 3 entries (got 2)`); an instance whose social
 * optimum or loner equilibria cannot be certified (IdsSolverError) is refused the same way, with
 * the solver's reason.
 */
export function solveIdsCommand(raw: unknown): { ok: true; output: unknown } | { ok: false; error: string } {
  const parsed = idsSolveInputSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: describeIssues(parsed.error) };
  const v = parsed.data;
  const inst: IdsInstance = v.q ? { alpha: v.alpha, W: v.W, c: v.c, q: v.q } : { alpha: v.alpha, W: v.W, c: v.c };
  let r: ReturnType<typeof idsReport>;
  try {
    r = idsReport(inst);
  } catch (e) {
    if (!(e instanceof IdsSolverError)) throw e;
    return {
      ok: false,
      error: `no certified answer for this instance: ${e.message}. Bring the magnitudes of alpha_i·W_ij and c_i closer together (rescale money or investment units).`,
    };
  }
  // a missing Nash equilibrium would leave the price of anarchy and the roles unanswered: refuse instead
  if (!r.nash)
    return {
      ok: false,
      error: `no certified Nash equilibrium for this instance: ${r.nashError ?? "unknown reason"}. Bring the magnitudes of alpha_i·W_ij and c_i closer together (rescale money or investment units).`,
    };
  return {
    ok: true,
    output: {
      model: "Naghizadeh & Liu IDS game: f_i = alpha_i exp(-(Wx)_i), h_i = c_i x_i + q_i x_i^2/2, x >= 0; see docs/papers/ids.md",
      n: r.n,
      socialOptimum: { x: r.socialOptimum.x, cost: r.socialOptimum.cost, costs: r.socialOptimum.costs },
      nash: r.nash
        ? { x: r.nash.x, costs: r.nash.costs, totalCost: r.nash.totalCost, method: r.nash.method }
        : { x: null, error: r.nashError },
      priceOfAnarchy: r.priceOfAnarchy,
      pivotal: pivotalSummary(r.pivotal),
      pivotalFullInfo: pivotalSummary(r.pivotalFullInfo),
      externality: {
        taxes: r.externality.taxes,
        budget: r.externality.budget,
        participation: r.externality.participation,
        prices: r.externality.prices,
        messageGameValid: r.externality.messageGameValid,
        users: r.externality.users.map((u) => ({ tax: u.tax, costIn: u.costIn, costOut: u.costOut })),
      },
      roles: r.roles,
      mainInvestors: r.mainInvestors,
      freeRiders: r.freeRiders,
    },
  };
}
