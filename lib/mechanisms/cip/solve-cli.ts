/**
 * `mechlab solve cip`: validate a JSON instance and return the optimal menu, the equal-split
 * baseline, the CI utility matrix and the verification residuals (or why no menu exists).
 *
 * Input: {"types":[{"theta":1,"phi":0,"probability":0.5,"minResources":20,"rewardRate":2},…],
 *         "evaluationRate":2,"paymentCost":0.5,"resources":200,"weighting":"slot"}
 * Optional: "numberOfCis" (default K), "integerResources" (default false), "budget" ("exact"|"atMost").
 */
import { z } from "zod";
import { formatPath } from "@/lib/core/zod-format";
import { equalSplit } from "./baseline";
import { designMenu } from "./menu";
import { crossFieldProblems, populationWeights, tau, type CipInstance } from "./model";

/**
 * Size and magnitude limits of `solve cip` (see docs/benchmarks/cip.md): the menu LP and the
 * comparisons took at most 0.13 s up to 80 types but 8 s at 100 and 68 s at 200 types; amounts
 * (resources, rates) are capped so that rewards and utilities (products of three of them) stay finite.
 */
export const CIP_SOLVE_LIMITS = { maxTypes: 50, maxAmount: 1e12, maxResources: 1e9, maxTheta: 1e6, maxCis: 1_000_000 } as const;

const num = (what = "a number") =>
  z.number({ error: (iss) => (iss.input === undefined ? "is required" : `must be ${what}`) });
const amount = () =>
  num().max(CIP_SOLVE_LIMITS.maxAmount, { error: `must be at most ${CIP_SOLVE_LIMITS.maxAmount} (rescale the units)` });
/**
 * Resource amounts: the menu LP (javascript-lp-solver) fails from about R = 2e10 and reports a wrong
 * "budget" infeasibility from about 1e11 on feasible menus scaled up (docs/papers/cip.md), so 1e9.
 */
const resourceAmount = () =>
  num().max(CIP_SOLVE_LIMITS.maxResources, { error: `must be at most ${CIP_SOLVE_LIMITS.maxResources} (measure resources in larger units)` });

const typeSchema = z.strictObject({
  theta: num("an integer")
    .int({ error: "must be an integer" })
    .min(-CIP_SOLVE_LIMITS.maxTheta, { error: `must be at least -${CIP_SOLVE_LIMITS.maxTheta}` })
    .max(CIP_SOLVE_LIMITS.maxTheta, { error: `must be at most ${CIP_SOLVE_LIMITS.maxTheta}` }),
  phi: num().min(0, { error: "must be at least 0" }).lt(1, { error: "must be below 1" }).default(0),
  probability: num().min(0, { error: "must be at least 0" }).max(1, { error: "must be at most 1" }),
  minResources: resourceAmount().min(0, { error: "must be at least 0" }),
  rewardRate: amount().gt(0, { error: "must be above 0" }),
});

/** zod schema of the `solve cip` input; cross-field rules come from crossFieldProblems (model.ts). */
export const cipSolveInputSchema = z
  .strictObject({
    types: z
      .array(typeSchema, { error: (iss) => (iss.input === undefined ? "is required" : "must be a list of types") })
      .min(1, { error: "must list at least one type" })
      .max(CIP_SOLVE_LIMITS.maxTypes, { error: `must list at most ${CIP_SOLVE_LIMITS.maxTypes} types (the size limit of solve cip)` }),
    evaluationRate: amount().gt(0, { error: "must be above 0" }),
    paymentCost: num().gt(0, { error: "must be above 0" }).lt(1, { error: "must be below 1" }),
    resources: resourceAmount().min(0, { error: "must be at least 0" }),
    weighting: z.enum(["slot", "expected"], { error: 'must be "slot" or "expected"' }).default("slot"),
    numberOfCis: num("a whole number")
      .int({ error: "must be a whole number" })
      .positive({ error: "must be at least 1" })
      .max(CIP_SOLVE_LIMITS.maxCis, { error: `must be at most ${CIP_SOLVE_LIMITS.maxCis}` })
      .optional(),
    integerResources: z.boolean({ error: "must be true or false" }).optional(),
    budget: z.enum(["exact", "atMost"], { error: 'must be "exact" or "atMost"' }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.types.length > CIP_SOLVE_LIMITS.maxTypes) return; // sized out: skip the O(K²) cross checks
    for (const p of crossFieldProblems(toInstance(v))) ctx.addIssue({ code: "custom", path: p.path, message: p.message });
  });

/** Parsed `solve cip` input. */
export type CipSolveInput = z.infer<typeof cipSolveInputSchema>;

function toInstance(v: CipSolveInput): CipInstance {
  return {
    types: v.types,
    evaluationRate: v.evaluationRate,
    paymentCost: v.paymentCost,
    resources: v.resources,
    weighting: v.weighting,
    ...(v.integerResources === undefined ? {} : { integerResources: v.integerResources }),
    ...(v.budget === undefined ? {} : { budget: v.budget }),
  };
}

/** Turn zod issues into lines that name the field: "paymentCost must be below 1". */
function describeIssues(error: z.ZodError): string {
  const lines = error.issues.map((i) => {
    const where = formatPath(i.path);
    if (i.code === "unrecognized_keys") return `${where || "the instance"} has unknown field(s): ${i.keys.join(", ")}`;
    if (where === "") return i.code === "invalid_type" ? "the instance must be a JSON object" : i.message;
    return `${where} ${i.message}`;
  });
  return [...new Set(lines)].join("\n");
}

/** Solve a CIP instance given as parsed JSON. Invalid input → `{ok:false, error}`; infeasible → `{ok:true, output:{feasible:false, reason}}`. */
export function solveCipCommand(raw: unknown): { ok: true; output: unknown } | { ok: false; error: string } {
  const parsed = cipSolveInputSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: describeIssues(parsed.error) };
  const instance = toInstance(parsed.data);
  const weights = populationWeights(instance, parsed.data.numberOfCis);
  const menu = designMenu(instance, { weights });
  const eq = equalSplit(instance, weights);
  const common = {
    model: "reconstruction of Eldosouky, Saad, Kamhoua & Kwiat (2015); see docs/papers/cip.md",
    weighting: instance.weighting,
    weights,
    budget: instance.budget ?? (instance.integerResources ? "atMost" : "exact"),
    integerResources: instance.integerResources === true,
    types: instance.types.map((t) => ({ ...t, tau: tau(t) })),
    equalSplit: {
      resourcesPerCi: eq.resourcesPerCi,
      ccUtility: eq.ccUtility,
      ciUtility: eq.ciUtility,
      belowMinimum: eq.belowMinimum,
    },
  };
  if (!menu.feasible && (menu.family === "solver" || menu.family === "verification"))
    // not a property of the instance: the LP solver gave no menu that passes verification
    return {
      ok: false,
      error: `no verified menu for this instance: ${menu.reason}. Bring resources, minimum resources and the rates closer to 1 in magnitude (rescale the units).`,
    };
  if (!menu.feasible) {
    return {
      ok: true,
      output: {
        feasible: false,
        reason: menu.reason,
        family: menu.family,
        blockingRows: menu.blockingRows,
        ...(menu.remedy ? { remedy: menu.remedy } : {}),
        contracts: null,
        ccUtility: null,
        ciUtility: null,
        ...common,
        ...(menu.verification ? { verification: menu.verification } : {}),
      },
    };
  }
  const v = menu.verification;
  return {
    ok: true,
    output: {
      feasible: true,
      contracts: menu.contracts,
      ccUtility: menu.ccUtility,
      ccUtilityByType: menu.ccUtilityByType,
      improvementOverEqualSplit: eq.ccUtility !== 0 ? menu.ccUtility / eq.ccUtility - 1 : null,
      ciUtility: menu.ciUtility,
      indifferences: menu.indifferences,
      ...common,
      verification: {
        ok: v.ok,
        tolerance: v.tolerance,
        lpResidual: menu.lpResidual,
        budgetResidual: v.budgetResidual,
        unspent: v.unspent,
        minResourcesViolation: v.minResourcesViolation,
        irViolation: v.irViolation,
        icViolation: v.icViolation,
        integralityViolation: v.integralityViolation,
      },
    },
  };
}
