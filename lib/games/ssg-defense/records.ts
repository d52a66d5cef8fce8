/**
 * The records a round of the multi-defender security game emits: they define the export's columns.
 * Vectors are JSON arrays in one cell, indexed by target (0-based, in the treatment's order); target
 * indices are 0-based. Fields that only some modes record are optional (an empty cell otherwise).
 */
import { z } from "zod";
import { defineRecords, numberField as num } from "../../core/records";

const text = (description: string) => z.string().describe(description);
const flag = (description: string) => z.boolean().describe(description);
/** A field only some rounds record (an empty cell otherwise), keeping its description and unit. */
const opt = <T extends z.ZodType>(field: T) => field.optional().meta(field.meta() ?? {});
/** Group columns per defender seat d = 1..SSG_GAME_MAX_DEFENDERS (lib/games/ssg-defense/params.ts). */
const uD = (d: number) => opt(num(`Expected utility of defender ${d} this round (empty when the group has fewer defenders).`));
const uNseD = (d: number) => opt(num(`NSE utility of defender ${d} in the true game.`));

export const ssgRecords = defineRecords({
  decision: z.object({
    joined: opt(flag("Join phase only: TRUE when the defender joined the coordination, FALSE when she acted alone (TRUE also when the join timer ran out).")),
    coverage: opt(text("Own coverage played, JSON array of probabilities per target: submitted in uncoordinated play or when acting alone; in recommendation play the coverage played (the recommendation as 0/1 when followed). Empty for coalition members.")),
    report_reward: opt(text("Reported rewards (payoff when the attacked target is protected), JSON array per target.")),
    report_penalty: opt(text("Reported penalties (payoff when the attacked target is not protected), JSON array per target.")),
    report_truthful: opt(flag("TRUE when the report equals the defender's true payoffs (within 1e-6).")),
    recommended: opt(text("Recommendation play: the targets privately recommended to the defender (JSON array of 0-based target indices).")),
    followed: opt(flag("Recommendation play: TRUE when the defender played exactly her recommendation (also when the timer ran out).")),
  }),
  outcome: z.object({
    defender_index: num("0-based index i of the defender in the treatment's instance (defenders[i])."),
    attacked_target: num("0-based index of the target the computed attacker attacked (deterministic given the coverage)."),
    attacked_target_name: z.string().nullable().describe("Name of the attacked target as shown to participants."),
    covered: flag("TRUE when the drawn allocations protected the attacked target (the attack was stopped)."),
    allocation: text("The drawn pure allocation of the defender's resources this round (JSON array of 0-based target indices), from the round's seeded draw."),
    own_coverage: text("Probability that the defender's own resources protect each target (JSON array): her coverage, or her share of the coalition's plan."),
    others_pooled: flag(
      "TRUE when every target the other defenders protected was protected by at least two of them (and there are at least two others), so others_coverage reveals no single defender's allocation; with othersFeedback \"pooled\" the coverage is shown to the defender only then.",
    ),
    others_coverage: text("Probability that someone else protects each target (JSON array); shown in the next round's preview when feedback is \"coverage\"."),
    u_expected: num("Expected utility U_i(c, t) = p_i(t) + c_t (r_i(t) − p_i(t)) with the TRUE payoffs, combined coverage c and attacked target t."),
    u_realised: num("Realised payoff: r_i(t) if the attacked target was protected in the draw, else p_i(t) (true payoffs)."),
    u_nse: num("The defender's utility in the certified NSE of the true game (the uncoordinated benchmark)."),
    u_cswmax: num("The defender's utility under CSW-Max applied to the true payoffs (the coordination benchmark)."),
    points: num("pointsOffset + pointsScale · (u_expected or u_realised, per the treatment's `pay`): the round's payoff.", "points"),
  }),
  group: z.object({
    coverage: text("Combined coverage c of the round (JSON array): eq. (2) for independent play, the plan's (possibly modified) marginals otherwise."),
    attacked_target: num("0-based index of the attacked target."),
    covered: flag("TRUE when the attack was stopped in the draw."),
    welfare: num("Σ_i U_i(c, t) with the true payoffs (expected)."),
    welfare_nse: num("Welfare at the certified NSE of the true game."),
    welfare_cswmax: num("Welfare of CSW-Max applied to the true payoffs."),
    u_d1: uD(1),
    u_d2: uD(2),
    u_d3: uD(3),
    u_d4: uD(4),
    u_nse_d1: uNseD(1),
    u_nse_d2: uNseD(2),
    u_nse_d3: uNseD(3),
    u_nse_d4: uNseD(4),
    mechanism_ok: opt(
      flag("FALSE when the mechanism failed on the reports (e.g. no certified NSE of the reported game) and the status quo was played instead (docs/games/ssg-defense.md, \"Fallback\")."),
    ),
    coalition: opt(text("0-based indices of the defenders whose resources the mechanism allocated (JSON array).")),
    truthful_reports: opt(num("Number of defenders whose report equalled their true payoffs.")),
    followed: opt(num("Number of defenders who followed their recommendation.")),
    rec_ir: opt(
      flag("Recommendation treatments: TRUE when the round's recommendation plan is individually rational on the true payoffs (seed paper §5, Property 4): no defender gains by modifying her recommended allocation while the others follow."),
    ),
    rec_ir_max_gain: opt(
      num("Recommendation treatments: the largest gain in expected utility a defender could get by modifying her recommendation (0 when the plan is individually rational)."),
    ),
  }),
});
