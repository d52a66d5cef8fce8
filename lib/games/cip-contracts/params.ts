/**
 * Treatment parameters of the playable CIP contract game (Eldosouky, Saad, Kamhoua & Kwiat 2015,
 * RECONSTRUCTED model: docs/papers/cip.md). Participants are CI owners; the control center (CC) is
 * the mechanism.
 *
 * - allocation "menu": the CC runs Algorithm 1 live (exclusions, optimal menu, re-offers after
 *   rejections, signing with the over-budget rule);
 * - allocation "equal": the paper's baseline, each CI is offered R/N at its own type's rate and
 *   accepts or rejects.
 *
 * Points shown to people: points = max(0, endowment + pointsScale · U_CI) per round (U_CI = 0 when
 * no contract is signed), so truthful play always earns at least the endowment.
 *
 * Instance sizes are capped (≤ 6 types, ≤ 8 CIs per group) so that every phase transition (at most
 * a few dozen menu LPs of ≤ 6 variables) stays far below 50 ms; see cip.perf.test.ts.
 */
import { z } from "zod";
import { alongside, ALONGSIDE, independently } from "../../core/refine-alongside";
import {
  crossFieldProblems,
  fieldProblems,
  instanceProblems,
  menuForCis,
  readableSum,
  type CipCi,
  type CipInstance,
} from "../../mechanisms/cip";

export const MAX_TYPES = 6;
export const MAX_CIS = 8;

const TypeSpec = z.object({
  theta: z.number({ error: "theta must be a whole number" }).int("theta must be a whole number").min(-1e6, "theta must be at least -1,000,000").max(1e6, "theta must be at most 1,000,000"),
  phi: z.number({ error: "phi must be a number" }).min(0, "phi must be at least 0").lt(1, "phi must be below 1").default(0),
  probability: z.number({ error: "probability must be a number" }).min(0, "probability must be at least 0").max(1, "probability must be at most 1"),
  minResources: z.number({ error: "minResources must be a number" }).min(0, "minResources must be at least 0").max(1e7, "minResources must be at most 10,000,000"),
  rewardRate: z.number({ error: "rewardRate must be a number" }).gt(0, "rewardRate must be above 0").max(1e6, "rewardRate must be at most 1,000,000 (rescale the units)"),
  /** Optional name shown to participants, e.g. "low vulnerability". */
  label: z.string().max(40).optional(),
});
export type CipTypeSpec = z.infer<typeof TypeSpec>;

export const CipGameParams = z
  .object({
    /** The K types in strictly increasing (θ, φ) order. */
    types: z.array(TypeSpec).min(1, "give at least one type").max(MAX_TYPES, `at most ${MAX_TYPES} types (keeps every step fast)`),
    /** Evaluation rate a: a CI values r resources at a·r (paper: 2). */
    evaluationRate: z.number().gt(0, "evaluationRate must be above 0").max(1e6, "evaluationRate must be at most 1,000,000").default(2),
    /** Unit cost c ∈ (0, 1) of paying one unit of reward. */
    paymentCost: z.number().gt(0, "paymentCost must be above 0").lt(1, "paymentCost must be below 1").default(0.5),
    /** The CC's total resources R per round. */
    resources: z.number().gt(0, "resources must be above 0").max(1e7, "resources must be at most 10,000,000"),
    /** LP weighting of the menu (docs/papers/cip.md §3). */
    weighting: z.enum(["slot", "expected"]).default("slot"),
    /** Whole units only (e.g. personnel). */
    integerResources: z.boolean().default(false),
    /** Budget row: default "exact" (continuous) / "atMost" (integer; "exact" is refused there, see below). */
    budget: z.enum(["exact", "atMost"]).optional(),
    /** Number of CI owners per group N. */
    cis: z.number().int().min(1, "cis must be at least 1").max(MAX_CIS, `at most ${MAX_CIS} CIs per group (keeps every step fast)`).default(4),
    /** "menu": Algorithm 1 with the optimal menu; "equal": equal allocation R/N at the own type's rate. */
    allocation: z.enum(["menu", "equal"]).default("menu"),
    /** The CC's beliefs: the population's probabilities for everyone, or one vector per CI (seat). */
    beliefs: z.enum(["population", "perCi"]).default("population"),
    /** beliefs "perCi": one probability vector over the K types per seat of the group (types are drawn from it). */
    ciProbabilities: z.array(z.array(z.number().min(0, "probabilities must be at least 0").max(1, "probabilities must be at most 1"))).optional(),
    /** Fixed true types (1-based type numbers), one per seat, the same every round; default: drawn every round. */
    fixedTypes: z.array(z.number().int("fixedTypes are type numbers (1, 2, …)").min(1, "type numbers start at 1")).optional(),
    /** Order in which the CIs request protection (exclusion tie-breaks): drawn each round, or seat order. */
    requestOrder: z.enum(["random", "seat"]).default("random"),
    rounds: z.number().int().min(1).max(100).default(5),
    /** Timer of every offer (and re-offer), seconds; null = untimed. Missing answers count as rejections. */
    offerSeconds: z.number().int().min(10).max(3600).nullable().default(90),
    /** How long the results screen stays up, seconds; null = until everyone clicks Next. */
    resultsSeconds: z.number().int().min(3).max(3600).nullable().default(30),
    /** points = max(0, endowment + pointsScale · U_CI). */
    endowment: z.number().min(0).max(1e9, "endowment must be at most 1e9").default(100),
    pointsScale: z.number().positive().max(1e6, "pointsScale must be at most 1,000,000").default(0.1),
  })
  // Independent checks, each reading only the fields it needs: a failed field (say resources) only
  // silences the checks that read it, so the others (say the types' probabilities) are still listed.
  .superRefine(
    independently(
      (p, ctx) => {
        // the types among themselves: order, reward rates, minimum resources, probabilities summing to 1
        for (const problem of crossFieldProblems({ types: typesOf(p.types) } as Pick<CipInstance, "types"> as CipInstance))
          ctx.addIssue({ code: "custom", path: problem.path, message: problem.message });
      },
      (p, ctx) => {
        // the remaining field checks of the mechanism core (the schema above already checks most of them)
        for (const problem of fieldProblems(instanceOf(p))) ctx.addIssue({ code: "custom", path: problem.path, message: problem.message });
      },
      (p, ctx) => {
        const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
        if (p.beliefs === "perCi") {
          const K = p.types.length;
          if (!p.ciProbabilities) issue(["ciProbabilities"], `with beliefs "perCi" give one probability vector per CI (${p.cis} vectors of ${K} numbers)`);
          else {
            if (p.ciProbabilities.length !== p.cis)
              issue(["ciProbabilities"], `must have ${p.cis} vectors (one per CI), got ${p.ciProbabilities.length}`);
            p.ciProbabilities.forEach((row, i) => {
              if (row.length !== K) issue(["ciProbabilities", i], `must have ${K} entries (one per type), got ${row.length}`);
              const sum = row.reduce((s, x) => s + x, 0);
              if (Math.abs(sum - 1) > 1e-6) issue(["ciProbabilities", i], `must sum to 1 (sums to ${readableSum(sum)})`);
            });
          }
        } else if (p.ciProbabilities) {
          issue(["ciProbabilities"], 'is only used with beliefs "perCi"; remove it or set beliefs to "perCi"');
        }
      },
      (p, ctx) => {
        if (p.integerResources && p.budget === "exact")
          ctx.addIssue({
            code: "custom",
            path: ["budget"],
            message:
              'with integerResources use budget "atMost" (the default): an exact weighted sum of whole units is usually unattainable, and the integer search for it can take seconds',
          });
      },
      (p, ctx) => {
        if (!p.fixedTypes) return;
        const K = p.types.length;
        if (p.fixedTypes.length !== p.cis)
          ctx.addIssue({ code: "custom", path: ["fixedTypes"], message: `must have ${p.cis} entries (one per CI), got ${p.fixedTypes.length}` });
        p.fixedTypes.forEach((t, i) => {
          if (t > K) ctx.addIssue({ code: "custom", path: ["fixedTypes", i], message: `type ${t} does not exist; use 1 to ${K}` });
        });
      },
    ),
    ALONGSIDE,
  )
  .superRefine(alongside((p, ctx) => {
    // Only when the fields above are sound: the menu treatment must be able to serve at least one CI
    // alone (then Algorithm 1's exclusion step always keeps somebody in the first offer).
    if (p.allocation !== "menu") return;
    const instance = instanceOf(p);
    if (instanceProblems(instance).length > 0 || !beliefShapeOk(p)) return;
    const cis = cisInSeatOrder(p);
    for (const ci of cis) {
      const m = menuForCis({ instance, cis }, [ci.id]);
      if (!m.feasible) {
        ctx.addIssue({
          code: "custom",
          path: ["resources"],
          message: `no menu exists even for ${ci.id.toUpperCase()} alone (${m.family}: ${m.reason}); ${m.remedy ?? "raise resources or lower minResources"}`,
        });
        return;
      }
    }
  }), ALONGSIDE);
export type CipGameParams = z.infer<typeof CipGameParams>;

function beliefShapeOk(p: CipGameParams): boolean {
  if (p.beliefs !== "perCi") return true;
  const rows = p.ciProbabilities;
  return (
    !!rows &&
    rows.length === p.cis &&
    rows.every((r) => r.length === p.types.length && Math.abs(r.reduce((s, x) => s + x, 0) - 1) <= 1e-6)
  );
}

/** The types as the mechanism core expects them (without labels). */
function typesOf(types: readonly CipTypeSpec[]): CipInstance["types"] {
  return types.map((t) => ({ theta: t.theta, phi: t.phi, probability: t.probability, minResources: t.minResources, rewardRate: t.rewardRate }));
}

/** The mechanism core's instance for these parameters. */
export function instanceOf(p: CipGameParams): CipInstance {
  return {
    types: typesOf(p.types),
    evaluationRate: p.evaluationRate,
    paymentCost: p.paymentCost,
    resources: p.resources,
    weighting: p.weighting,
    integerResources: p.integerResources,
    ...(p.budget === undefined ? {} : { budget: p.budget }),
  };
}

/** Id of the CI in seat `seat` (0-based) of the group: "ci1", "ci2", … (never a participant id). */
export const ciId = (seat: number) => `ci${seat + 1}`;

/** Seat (0-based) of a CI id. */
export const seatOf = (id: string) => Number(id.slice(2)) - 1;

/** The CC's belief about the CI in `seat`, as the core expects it (absent = the population's). */
export function ciOf(p: CipGameParams, seat: number): CipCi {
  const probs = p.beliefs === "perCi" ? p.ciProbabilities?.[seat] : undefined;
  return probs ? { id: ciId(seat), probabilities: probs } : { id: ciId(seat) };
}

/** Every CI of a group in seat order. */
export function cisInSeatOrder(p: CipGameParams): CipCi[] {
  return Array.from({ length: p.cis }, (_, i) => ciOf(p, i));
}

/** The probability vector a CI's type is drawn from (its own under "perCi", else the population's). */
export function drawDistribution(p: CipGameParams, seat: number): readonly number[] {
  return (p.beliefs === "perCi" ? p.ciProbabilities?.[seat] : undefined) ?? p.types.map((t) => t.probability);
}

/** Points for a round's CI utility: max(0, endowment + pointsScale · U). */
export function pointsFor(p: Pick<CipGameParams, "endowment" | "pointsScale">, utility: number): { points: number; floored: boolean } {
  const raw = p.endowment + p.pointsScale * utility;
  return raw < 0 ? { points: 0, floored: true } : { points: raw, floored: false };
}
