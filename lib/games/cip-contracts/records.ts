/**
 * The records a round of the CIP contract game emits: they define the export's columns (decision_*,
 * outcome_*, group_*; contract and type numbers 1-based). docs/games/cip-contracts.md explains them.
 */
import { z } from "zod";
import { defineRecords, numberField as num, optionalNumberField as maybe } from "../../core/records";

const text = (description: string) => z.string().meta({ description });
const choice = <T extends readonly [string, ...string[]]>(values: T, description: string) => z.enum(values).meta({ description });
const flag = (description: string) => z.boolean().meta({ description });
const maybeFlag = (description: string) => z.boolean().nullable().meta({ description });

export const cipRecords = defineRecords({
  decision: z.object({
    response: choice(["accept", "reject", "none"], "Final answer to the control center: accept, reject, or none (never offered a menu: excluded all round). A missing answer at the deadline is a reject (timed_out)."),
    contract: maybe("Contract accepted in the last offer, 1-based (menu: contract k is designed for type k; equal split: the own type's number). Empty when not accepted."),
    contract_type: maybe("The type (1-based) the accepted contract was designed for; equals decision_contract. Compare with outcome_true_type."),
    first_response: choice(["accept", "reject", "none"], "Answer to the first offer this CI received (accept, reject, none)."),
    first_contract: maybe("Contract (1-based) accepted in the first offer this CI received; empty when it rejected or was never offered."),
  }),
  outcome: z.object({
    ci: num("CI number of the participant in the group (1-based seat), as shown on screen."),
    request_position: num("Position of this CI in the round's request order (1 = first; exclusion ties drop later requests first)."),
    true_type: num("The participant's private type this round, 1-based (drawn from the treatment's distribution or fixed)."),
    theta: num("Vulnerability level θ of the true type."),
    phi: num("Criticality sub-type φ of the true type."),
    tau: num("Combined type τ = θ + φ."),
    status: choice(["signed", "partial", "unserved", "rejected", "excluded"], "signed | partial (signed with fewer resources by the over-budget rule) | unserved (accepted but the rule could not serve it: nothing signed) | rejected (rejected an offer: out for the round) | excluded (left on Algorithm 1's excluded list; equal split: never)."),
    offers_received: num("How many offers (first offer and re-offers) this CI received."),
    ever_excluded: flag("TRUE when Algorithm 1 excluded this CI at some point of the round (it may have been readmitted)."),
    rejected_in_offer: maybe("Offer round in which this CI rejected and left; empty otherwise."),
    resources: num("Resources r received (0 unless signed)."),
    designed_resources: maybe("r of the accepted contract as designed (differs from outcome_resources when the over-budget rule cut it); empty when not accepted."),
    reward: num("Reward π paid to the control center (0 unless signed)."),
    utility: num("CI utility U_CI = τ·a·r − c·π for the TRUE type (0 unless signed)."),
    own_contract: maybeFlag("Menu treatment: TRUE when the accepted contract is the one designed for the true type; empty when nothing was accepted or in the equal split."),
    best_on_menu: maybeFlag("Menu treatment: TRUE when the accepted contract maximises the true type's utility on the final menu as designed, i.e. if it were signed in full — before the over-budget rule (ties count). Not a best response when the rule rations: see outcome_best_response_ex_post. Empty when nothing was accepted or in the equal split."),
    best_response_ex_post: maybeFlag("Menu treatment: TRUE when no other contract of the final menu would have given the true type a strictly higher utility, the other CIs' final acceptances held fixed and everything signed with the over-budget rule (rejecting, which would trigger a re-offer, is not compared). Can be FALSE for a truthful CI when the rule rations. Empty when nothing was accepted or in the equal split."),
    equal_split_utility: num("U_CI this CI would have had under the equal split (R/N at its own type's rate)."),
    points_floored: flag("TRUE when endowment + pointsScale·U_CI was negative and the points were set to 0."),
    points: num("max(0, endowment + pointsScale · outcome_utility): the round's payoff.", "points"),
  }),
  group: z.object({
    allocation: choice(["menu", "equal"], "menu (Algorithm 1) or equal (equal split R/N)."),
    cc_utility: num("Control center's utility played: Σ over signed contracts of τ_true·(π − r)."),
    equal_split_cc_utility: num("Counterfactual CC utility if all N CIs got R/N at their own type's rate: Σ_i τ_i(ρ_i − 1)R/N."),
    gain_vs_equal_split: num("group_cc_utility − group_equal_split_cc_utility."),
    menu_truthful_cc_utility: maybe("Counterfactual CC utility if every CI offered the first menu took its own contract (same over-budget rule)."),
    menu_lp_objective: maybe("The menu as PLANNED, not as played: objective Σ_k α_k τ_k(π_k − r_k) of the first menu (per CI in the slot weighting, per group in the expected weighting). It assumes every contract is paid in full, but the budget holds only in expectation, so the over-budget rule can cut or drop contracts; what the menu earns is group_cc_utility (truthful counterfactual: group_menu_truthful_cc_utility; its expectation is on the launch check)."),
    equal_split_lp_objective: maybe("The equal split evaluated with the first menu's weights: the paper's planned comparison for group_menu_lp_objective (same units). Compare played values with group_equal_split_cc_utility instead."),
    ic_rate: maybe("Menu: share of CIs that accepted in the final offer who took the contract designed for their true type; empty when nobody accepted or in the equal split."),
    ic_rate_first_offer: maybe("The same share among acceptances of offer 1."),
    best_on_menu_rate: maybe("Share of accepting CIs with outcome_best_on_menu TRUE (best on the menu if signed in full, before the over-budget rule)."),
    best_response_ex_post_rate: maybe("Share of accepting CIs with outcome_best_response_ex_post TRUE (best given the others' acceptances and the over-budget rule)."),
    accepted: num("CIs that accepted in the final offer (signed, partial or unserved)."),
    signed: num("Contracts signed (in full or partially)."),
    rejections: num("CIs that rejected an offer (including timeouts) and left."),
    timeouts: num("Answers filled in as rejections at a deadline."),
    excluded_initially: num("CIs excluded before the first offer (resources cannot serve everyone)."),
    excluded_final: num("CIs still excluded at the end of the round."),
    readmitted: num("Readmissions of excluded CIs after rejections."),
    offers: num("Offers made (1 + re-offers)."),
    over_budget_rule: text("Name of the rule that keeps the resources handed out within R (criticality-order-fill)."),
    rationed: flag("TRUE when the accepted contracts asked for more than R and the over-budget rule rationed them."),
    partial: num("Contracts signed partially by the over-budget rule."),
    unserved: num("Acceptances the over-budget rule could not serve."),
    requested: num("Σ r of the accepted contracts as designed."),
    handed_out: num("Σ r of the signed contracts (never above R)."),
    budget: num("The control center's resources R."),
  }),
});
