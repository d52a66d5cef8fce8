/**
 * Every column this game adds to the export (decision_*, outcome_*, group_*). Vectors are JSON arrays
 * in one cell, indexed by target (0-based, in the treatment's order); target indices are 0-based.
 */
import type { ColumnDoc } from "../../core/game";
import { SSG_GAME_MAX_DEFENDERS } from "./params";

const perDefender = (make: (d: number) => ColumnDoc) => Array.from({ length: SSG_GAME_MAX_DEFENDERS }, (_, i) => make(i + 1));

export const ssgCodebook: readonly ColumnDoc[] = [
  { name: "decision_joined", type: "boolean", description: "Join phase only: TRUE when the defender joined the coordination, FALSE when she acted alone (TRUE also when the join timer ran out)." },
  { name: "decision_coverage", type: "string", description: "Own coverage played, JSON array of probabilities per target: submitted in uncoordinated play or when acting alone; in recommendation play the coverage played (the recommendation as 0/1 when followed). Empty for coalition members." },
  { name: "decision_report_reward", type: "string", description: "Reported rewards (payoff when the attacked target is protected), JSON array per target." },
  { name: "decision_report_penalty", type: "string", description: "Reported penalties (payoff when the attacked target is not protected), JSON array per target." },
  { name: "decision_report_truthful", type: "boolean", description: "TRUE when the report equals the defender's true payoffs (within 1e-6)." },
  { name: "decision_recommended", type: "string", description: "Recommendation play: the targets privately recommended to the defender (JSON array of 0-based target indices)." },
  { name: "decision_followed", type: "boolean", description: "Recommendation play: TRUE when the defender played exactly her recommendation (also when the timer ran out)." },
  { name: "outcome_defender_index", type: "number", description: "0-based index i of the defender in the treatment's instance (defenders[i])." },
  { name: "outcome_attacked_target", type: "number", description: "0-based index of the target the computed attacker attacked (deterministic given the coverage)." },
  { name: "outcome_attacked_target_name", type: "string", description: "Name of the attacked target as shown to participants." },
  { name: "outcome_covered", type: "boolean", description: "TRUE when the drawn allocations protected the attacked target (the attack was stopped)." },
  { name: "outcome_allocation", type: "string", description: "The drawn pure allocation of the defender's resources this round (JSON array of 0-based target indices), from the round's seeded draw." },
  { name: "outcome_own_coverage", type: "string", description: "Probability that the defender's own resources protect each target (JSON array): her coverage, or her share of the coalition's plan." },
  { name: "outcome_others_pooled", type: "boolean", description: "TRUE when every target the other defenders protected was protected by at least two of them (and there are at least two others), so others_coverage reveals no single defender's allocation; with othersFeedback \"pooled\" the coverage is shown to the defender only then." },
  { name: "outcome_others_coverage", type: "string", description: "Probability that someone else protects each target (JSON array); shown in the next round's preview when feedback is \"coverage\"." },
  { name: "outcome_u_expected", type: "number", description: "Expected utility U_i(c, t) = p_i(t) + c_t (r_i(t) − p_i(t)) with the TRUE payoffs, combined coverage c and attacked target t." },
  { name: "outcome_u_realised", type: "number", description: "Realised payoff: r_i(t) if the attacked target was protected in the draw, else p_i(t) (true payoffs)." },
  { name: "outcome_u_nse", type: "number", description: "The defender's utility in the certified NSE of the true game (the uncoordinated benchmark)." },
  { name: "outcome_u_cswmax", type: "number", description: "The defender's utility under CSW-Max applied to the true payoffs (the coordination benchmark)." },
  { name: "outcome_points", type: "number", unit: "points", description: "pointsOffset + pointsScale · (u_expected or u_realised, per the treatment's `pay`): the round's payoff." },
  { name: "group_coverage", type: "string", description: "Combined coverage c of the round (JSON array): eq. (2) for independent play, the plan's (possibly modified) marginals otherwise." },
  { name: "group_attacked_target", type: "number", description: "0-based index of the attacked target." },
  { name: "group_covered", type: "boolean", description: "TRUE when the attack was stopped in the draw." },
  { name: "group_welfare", type: "number", description: "Σ_i U_i(c, t) with the true payoffs (expected)." },
  { name: "group_welfare_nse", type: "number", description: "Welfare at the certified NSE of the true game." },
  { name: "group_welfare_cswmax", type: "number", description: "Welfare of CSW-Max applied to the true payoffs." },
  ...perDefender((d) => ({ name: `group_u_d${d}`, type: "number" as const, description: `Expected utility of defender ${d} this round (empty when the group has fewer defenders).` })),
  ...perDefender((d) => ({ name: `group_u_nse_d${d}`, type: "number" as const, description: `NSE utility of defender ${d} in the true game.` })),
  { name: "group_mechanism_ok", type: "boolean", description: "FALSE when the mechanism failed on the reports (e.g. no certified NSE of the reported game) and the status quo was played instead (docs/games/ssg-defense.md, \"Fallback\")." },
  { name: "group_coalition", type: "string", description: "0-based indices of the defenders whose resources the mechanism allocated (JSON array)." },
  { name: "group_truthful_reports", type: "number", description: "Number of defenders whose report equalled their true payoffs." },
  { name: "group_followed", type: "number", description: "Number of defenders who followed their recommendation." },
  { name: "group_rec_ir", type: "boolean", description: "Recommendation treatments: TRUE when the round's recommendation plan is individually rational on the true payoffs (seed paper §5, Property 4): no defender gains by modifying her recommended allocation while the others follow." },
  { name: "group_rec_ir_max_gain", type: "number", description: "Recommendation treatments: the largest gain in expected utility a defender could get by modifying her recommendation (0 when the plan is individually rational)." },
];
