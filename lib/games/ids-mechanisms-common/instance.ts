/**
 * The IDS instance both mechanism games are played on (Naghizadeh & Liu §II-A):
 * f_i(x) = α_i exp(−Σ_j W_ij x_j), h_i(x_i) = c_i x_i + q_i x_i²/2, g_i = f_i + h_i (eq. 1).
 * The zod pieces are those of the unregulated game (`lib/games/ids-investment/params.ts`), with
 * tighter caps: at most 6 users and parameter magnitudes within a few orders of magnitude, so that
 * every Pivotal subproblem and loner equilibrium solves in well under a millisecond and the certified
 * solvers never fail (see docs/papers/ids.md, "When it can fail": scaling).
 */
import { z } from "zod";
import { IdsParams } from "../ids-investment/params";
import { idsShapeChecks } from "../../mechanisms/ids/instance-schema";

export const MAX_USERS = 6;
/** Largest α_i, c_i, q_i a treatment (or a report) may use. */
export const MAX_PARAM = 1000;
/** Smallest c_i + q_i (the investment cost must be increasing). */
export const MIN_COST = 0.01;
/** Largest W_ij. */
export const MAX_WEIGHT = 10;

const base = IdsParams.shape;

/** Zod fields of the instance, shared by both mechanism games. */
export const instanceFields = {
  alpha: base.alpha,
  W: base.W,
  c: base.c,
  q: base.q,
  xMax: base.xMax,
  endowment: base.endowment,
  pointsScale: base.pointsScale,
  rounds: base.rounds,
  resultsSeconds: base.resultsSeconds,
};

/** The instance fields as they come out of the schema. */
export interface InstanceParams {
  alpha: number[];
  W: number[][];
  c: number[];
  q?: number[] | undefined;
}

/** The instance with q filled in (the mechanism core's `IdsInstance`). */
export interface Instance {
  alpha: number[];
  W: number[][];
  c: number[];
  q: number[];
}

type Check<T> = (p: T, ctx: z.RefinementCtx) => void;
const issue = (ctx: z.RefinementCtx, path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });

/**
 * Cross-field checks of the instance (sizes, caps), each issue with the path of the offending field. Each
 * check reads only the fields it needs, so that with `independently` (lib/core/refine-alongside.ts) a field
 * that failed its own rules (a text where a number belongs) silences only the checks that read it.
 */
export function instanceChecks<T extends InstanceParams>(minUsers: number, why: string): Check<T>[] {
  const cap = (name: "alpha" | "c" | "q"): Check<T> => (p, ctx) =>
    p[name]?.forEach((x, i) => {
      if (x > MAX_PARAM) issue(ctx, [name, i], `${name}[${i}] must be ≤ ${MAX_PARAM} (got ${x}); rescale money units`);
    });
  return [
    (p, ctx) => {
      const n = p.alpha.length;
      if (n < minUsers) issue(ctx, ["alpha"], why);
      if (n > MAX_USERS) issue(ctx, ["alpha"], `at most ${MAX_USERS} users per group (got ${n}); the mechanism is recomputed live every round`);
    },
    // sizes agree with α and every own effectiveness is positive: the unregulated game's checks
    ...(idsShapeChecks as readonly Check<T>[]),
    (p, ctx) =>
      p.W.forEach((row, i) =>
        row.forEach((w, j) => {
          if (w > MAX_WEIGHT) issue(ctx, ["W", i, j], `weights must be ≤ ${MAX_WEIGHT} (got ${w}); rescale the investment unit`);
        }),
      ),
    cap("alpha"),
    cap("c"),
    cap("q"),
    (p, ctx) =>
      p.c.forEach((ci, i) => {
        if (ci + (p.q?.[i] ?? 0) < MIN_COST) issue(ctx, ["c", i], `c[${i}] + q[${i}] must be ≥ ${MIN_COST} (got ${ci + (p.q?.[i] ?? 0)})`);
      }),
  ];
}

/** True when the instance fields are consistent (checkInstance found nothing): safe to solve. */
export function instanceIsConsistent(p: InstanceParams): boolean {
  const n = p.alpha.length;
  return (
    n >= 1 &&
    n <= MAX_USERS &&
    p.W.length === n &&
    p.W.every((r) => r.length === n) &&
    p.c.length === n &&
    (!p.q || p.q.length === n)
  );
}

/** The instance the mechanism core works on (q filled with zeros when omitted). */
export function instanceOf(p: InstanceParams): Instance {
  return { alpha: p.alpha, W: p.W, c: p.c, q: p.q ?? p.alpha.map(() => 0) };
}

/** The sub-instance of `users` (rows and columns of W restricted, in the given order). */
export function restrict(inst: Instance, users: readonly number[]): Instance {
  return {
    alpha: users.map((i) => inst.alpha[i]!),
    W: users.map((i) => users.map((j) => inst.W[i]![j]!)),
    c: users.map((i) => inst.c[i]!),
    q: users.map((i) => inst.q[i]!),
  };
}

/** Round for display and monitors (4 decimals). */
export const r4 = (v: number | null | undefined): number | null =>
  v === null || v === undefined || !Number.isFinite(v) ? null : Math.round(v * 1e4) / 1e4;

/** Plain-JSON key of any input (memoisation). */
export const keyOf = (v: unknown): string => JSON.stringify(v);

/** A small bounded memo: pure results keyed by their inputs. */
export function memo<T>(limit = 200) {
  const cache = new Map<string, T>();
  return (key: string, make: () => T): T => {
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const v = make();
    if (cache.size >= limit) cache.clear();
    cache.set(key, v);
    return v;
  };
}

/** Schema of a stored instance (mechanism unit inputs): the instance with q filled in. */
export const InstanceSchema = z.object({ alpha: z.array(z.number()), W: z.array(z.array(z.number())), c: z.array(z.number()), q: z.array(z.number()) });
