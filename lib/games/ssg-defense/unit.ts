/**
 * The mechanism units of the security game, one per treatment kind: `ssg-uncoordinated` (§2, play
 * rule), `ssg-csw-max`, `ssg-csw-max-nse`, `ssg-dictatorship` (§4, coordinated or as recommendations,
 * §5). The input holds the treatment's parameters, every choice (joins, coverage, reports, plays) and the
 * RNG states the round's draws start from (`draws.plan`: the recommendation drawn when the follow phase
 * opened; `draws.outcome`: the allocations drawn when the round closed), so `run` repeats the draws exactly.
 */
import { z } from "zod";
import { makeRng, RngStateSchema } from "../../core/rng";
import { defineMechanism } from "../../mechanisms/unit";
import { coordinatedOutcome, makePlan, recommendationOutcome, uncoordinatedOutcome } from "./outcome";
import { recommendationIr } from "./ir-check";
import { numTargetsOf, SsgParams } from "./params";
import type { RecommendationPlan } from "./state";

export const SSG_MECHANISM_VERSION = "2.0.0";

const vec = z.array(z.number());

export type SsgUnitId = "ssg-uncoordinated" | "ssg-csw-max" | "ssg-csw-max-nse" | "ssg-dictatorship";

/** The unit id a treatment selects. */
export function unitIdOf(p: SsgParams): SsgUnitId {
  if (p.mode === "uncoordinated") return "ssg-uncoordinated";
  return ({ cswMax: "ssg-csw-max", cswMaxNse: "ssg-csw-max-nse", dictatorship: "ssg-dictatorship" } as const)[p.mechanism];
}

function ssgUnit(id: SsgUnitId, title: string) {
  return defineMechanism({
    id,
    version: SSG_MECHANISM_VERSION,
    title,
    input: z
      .object({
        params: SsgParams,
        joined: z.array(z.boolean().nullable()),
        coverage: z.array(vec.nullable()),
        reports: z.array(z.object({ reward: vec, penalty: vec }).nullable()),
        plays: z.array(z.object({ followed: z.boolean(), coverage: vec }).nullable()),
        draws: z.object({ plan: RngStateSchema.nullable(), outcome: RngStateSchema }),
      })
      .refine((i) => unitIdOf(i.params) === id, { message: `the parameters select another unit than ${id}`, path: ["params"] }),
    run(input) {
      const p = input.params;
      const rng = makeRng(input.draws.outcome);
      if (p.mode === "recommendation") {
        if (!input.draws.plan) throw new Error(`${id}: a recommendation round needs draws.plan`);
        const plan = makePlan(p, input.reports, makeRng(input.draws.plan));
        return recommendationOutcome(p, plan, input.plays, rng);
      }
      if (p.mode === "uncoordinated") {
        const m = numTargetsOf(p);
        return uncoordinatedOutcome(p, input.coverage.map((c) => c ?? new Array<number>(m).fill(0)), rng);
      }
      return coordinatedOutcome(p, input.joined.map((j) => j === true), input.coverage, input.reports, rng);
    },
  });
}

export const ssgUnits = {
  "ssg-uncoordinated": ssgUnit("ssg-uncoordinated", "Uncoordinated defenders (Gan et al. §2): combined coverage eq. 2, attacker's play rule, seeded allocation draws"),
  "ssg-csw-max": ssgUnit("ssg-csw-max", "CSW-Max coordination (Gan et al. §4) on the reports, coordinated or as private recommendations (§5), with seeded draws"),
  "ssg-csw-max-nse": ssgUnit("ssg-csw-max-nse", "CSW-Max-NSE coordination (Gan et al. §4, NSE status quo as floor) on the reports, with seeded draws"),
  "ssg-dictatorship": ssgUnit("ssg-dictatorship", "Dictatorship coordination (Gan et al. §4) on the reports, with seeded draws"),
};

/** The unit a treatment selects. */
export const unitOf = (p: SsgParams) => ssgUnits[unitIdOf(p)];

/**
 * The recommendation plan of a round with payoff reports (§5.1), as a step of its own: the treatment's
 * mechanism on the reports, one joint strategy drawn from `draw` (the RNG state recorded as the round
 * input's `draws.plan`), and the plan's individual-rationality check on the true payoffs (§5, Property 4).
 * The game runs it when the report phase ends, off the event loop (lib/engine/compute.ts); the round's
 * own unit (above) repeats the plan from the same state, so rounds.json stays complete.
 */
export const ssgPlanUnit = defineMechanism({
  id: "ssg-recommendation-plan",
  version: "1.0.0",
  title: "Recommendation plan (Gan et al. §5.1) on the reports, its seeded draw and its IR check (§5, Property 4)",
  input: z.object({ params: SsgParams, reports: z.array(z.object({ reward: vec, penalty: vec }).nullable()), draw: RngStateSchema }),
  run(input): RecommendationPlan {
    const plan = makePlan(input.params, input.reports, makeRng(input.draw));
    return { ...plan, ir: recommendationIr(input.params, plan) };
  },
});
