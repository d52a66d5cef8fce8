/**
 * The contract-theoretic critical-infrastructure-protection game (Eldosouky, Saad, Kamhoua & Kwiat
 * 2015; RECONSTRUCTED model, docs/papers/cip.md) as a game module. Participants are CI owners with a
 * private type; the control center is the mechanism (Algorithm 1 live, or the equal-split baseline).
 * Experimenter documentation: docs/games/cip-contracts.md.
 */
import { defineGame } from "../../core/game";
import { cipBots } from "./bots";
import { CipGameParams } from "./params";
import { cipMonitor, cipScore } from "./score";
import { CipAction, offerPhase, resultsPhase, setupRound } from "./state";
import { cipView } from "./views";

export const cipContracts = defineGame({
  id: "cip-contracts",
  version: "1.0.0",
  title: "CIP contracts (control center's menu)",
  summary:
    "Critical-infrastructure protection with contracts (reconstructed model of Eldosouky et al. 2015): each CI owner has a private type (vulnerability θ, criticality φ) and is offered the control center's menu of contracts (resources r, reward π); U_CI = τ·a·r − c·π. The CC runs Algorithm 1 live: exclusions when resources are short, re-offers after rejections, signing within the budget. Baseline treatment: equal allocation R/N at the own type's rate.",
  params: CipGameParams,
  actions: CipAction,
  groupSize: (p) => p.cis,
  rounds: (p) => p.rounds,
  roles: (p) => Array.from({ length: p.cis }, (_, i) => `CI owner ${i + 1}`),
  setupRound,
  phases: { offer: offerPhase, results: resultsPhase },
  view: cipView,
  score: cipScore,
  monitor: cipMonitor,
  bots: cipBots,
  defaultBot: "truthful",
  codebook: [
    { name: "decision_response", type: "string", description: "Final answer to the control center: accept, reject, or none (never offered a menu: excluded all round). A missing answer at the deadline is a reject (timed_out)." },
    { name: "decision_contract", type: "number", description: "Contract accepted in the last offer, 1-based (menu: contract k is designed for type k; equal split: the own type's number). Empty when not accepted." },
    { name: "decision_contract_type", type: "number", description: "The type (1-based) the accepted contract was designed for; equals decision_contract. Compare with outcome_true_type." },
    { name: "decision_first_response", type: "string", description: "Answer to the first offer this CI received (accept, reject, none)." },
    { name: "decision_first_contract", type: "number", description: "Contract (1-based) accepted in the first offer this CI received; empty when it rejected or was never offered." },
    { name: "outcome_ci", type: "number", description: "CI number of the participant in the group (1-based seat), as shown on screen." },
    { name: "outcome_request_position", type: "number", description: "Position of this CI in the round's request order (1 = first; exclusion ties drop later requests first)." },
    { name: "outcome_true_type", type: "number", description: "The participant's private type this round, 1-based (drawn from the treatment's distribution or fixed)." },
    { name: "outcome_theta", type: "number", description: "Vulnerability level θ of the true type." },
    { name: "outcome_phi", type: "number", description: "Criticality sub-type φ of the true type." },
    { name: "outcome_tau", type: "number", description: "Combined type τ = θ + φ." },
    { name: "outcome_status", type: "string", description: "signed | partial (signed with fewer resources by the over-budget rule) | unserved (accepted but the rule could not serve it: nothing signed) | rejected (rejected an offer: out for the round) | excluded (left on Algorithm 1's excluded list; equal split: never)." },
    { name: "outcome_offers_received", type: "number", description: "How many offers (first offer and re-offers) this CI received." },
    { name: "outcome_ever_excluded", type: "boolean", description: "TRUE when Algorithm 1 excluded this CI at some point of the round (it may have been readmitted)." },
    { name: "outcome_rejected_in_offer", type: "number", description: "Offer round in which this CI rejected and left; empty otherwise." },
    { name: "outcome_resources", type: "number", description: "Resources r received (0 unless signed)." },
    { name: "outcome_designed_resources", type: "number", description: "r of the accepted contract as designed (differs from outcome_resources when the over-budget rule cut it); empty when not accepted." },
    { name: "outcome_reward", type: "number", description: "Reward π paid to the control center (0 unless signed)." },
    { name: "outcome_utility", type: "number", description: "CI utility U_CI = τ·a·r − c·π for the TRUE type (0 unless signed)." },
    { name: "outcome_own_contract", type: "boolean", description: "Menu treatment: TRUE when the accepted contract is the one designed for the true type; empty when nothing was accepted or in the equal split." },
    { name: "outcome_best_response", type: "boolean", description: "Menu treatment: TRUE when the accepted contract maximises the true type's utility on the final menu (ties count)." },
    { name: "outcome_equal_split_utility", type: "number", description: "U_CI this CI would have had under the equal split (R/N at its own type's rate)." },
    { name: "outcome_points_floored", type: "boolean", description: "TRUE when endowment + pointsScale·U_CI was negative and the points were set to 0." },
    { name: "outcome_points", type: "number", unit: "points", description: "max(0, endowment + pointsScale · outcome_utility): the round's payoff." },
    { name: "group_allocation", type: "string", description: "menu (Algorithm 1) or equal (equal split R/N)." },
    { name: "group_cc_utility", type: "number", description: "Control center's utility played: Σ over signed contracts of τ_true·(π − r)." },
    { name: "group_equal_split_cc_utility", type: "number", description: "Counterfactual CC utility if all N CIs got R/N at their own type's rate: Σ_i τ_i(ρ_i − 1)R/N." },
    { name: "group_gain_vs_equal_split", type: "number", description: "group_cc_utility − group_equal_split_cc_utility." },
    { name: "group_menu_truthful_cc_utility", type: "number", description: "Counterfactual CC utility if every CI offered the first menu took its own contract (same over-budget rule)." },
    { name: "group_menu_lp_objective", type: "number", description: "Objective Σ_k α_k τ_k(π_k − r_k) of the first menu (expected CC utility; per CI in the slot weighting)." },
    { name: "group_equal_split_lp_objective", type: "number", description: "The equal split evaluated with the first menu's weights (the paper's baseline comparison)." },
    { name: "group_ic_rate", type: "number", description: "Menu: share of CIs that accepted in the final offer who took the contract designed for their true type; empty when nobody accepted or in the equal split." },
    { name: "group_ic_rate_first_offer", type: "number", description: "The same share among acceptances of offer 1." },
    { name: "group_best_response_rate", type: "number", description: "Share of accepting CIs whose contract maximises their true type's utility (ties count)." },
    { name: "group_accepted", type: "number", description: "CIs that accepted in the final offer (signed, partial or unserved)." },
    { name: "group_signed", type: "number", description: "Contracts signed (in full or partially)." },
    { name: "group_rejections", type: "number", description: "CIs that rejected an offer (including timeouts) and left." },
    { name: "group_timeouts", type: "number", description: "Answers filled in as rejections at a deadline." },
    { name: "group_excluded_initially", type: "number", description: "CIs excluded before the first offer (resources cannot serve everyone)." },
    { name: "group_excluded_final", type: "number", description: "CIs still excluded at the end of the round." },
    { name: "group_readmitted", type: "number", description: "Readmissions of excluded CIs after rejections." },
    { name: "group_offers", type: "number", description: "Offers made (1 + re-offers)." },
    { name: "group_over_budget_rule", type: "string", description: "Name of the rule that keeps the resources handed out within R (criticality-order-fill)." },
    { name: "group_rationed", type: "boolean", description: "TRUE when the accepted contracts asked for more than R and the over-budget rule rationed them." },
    { name: "group_partial", type: "number", description: "Contracts signed partially by the over-budget rule." },
    { name: "group_unserved", type: "number", description: "Acceptances the over-budget rule could not serve." },
    { name: "group_requested", type: "number", description: "Σ r of the accepted contracts as designed." },
    { name: "group_handed_out", type: "number", description: "Σ r of the signed contracts (never above R)." },
    { name: "group_budget", type: "number", description: "The control center's resources R." },
  ],
});
