/**
 * The contract-theoretic critical-infrastructure-protection game (Eldosouky, Saad, Kamhoua & Kwiat
 * 2015; RECONSTRUCTED model, docs/papers/cip.md) as a game module. Participants are CI owners with a
 * private type; the control center is the mechanism (Algorithm 1 live, or the equal-split baseline).
 * Experimenter documentation: docs/games/cip-contracts.md.
 */
import { defineGame } from "../../core/game";
import { cipBots } from "./bots";
import { CipGameParams } from "./params";
import { cipRecords } from "./records";
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
  records: cipRecords,
  // each round draws a CI's type (θ, φ) from the beliefs; with per-CI beliefs that CI's vector is its own too
  privateData: {
    type: () => "each CI owner's type (vulnerability θ and criticality φ)",
    numbersOf: (p, i) => (p.beliefs === "perCi" ? (p.ciProbabilities?.[i] ?? []) : []),
  },
});
