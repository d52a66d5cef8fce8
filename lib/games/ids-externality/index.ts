/**
 * The balanced Externality mechanism on the IDS game (Naghizadeh & Liu §IV) as a game module:
 * message → results, each round one step of the iterative process (§V).
 */
import { defineGame } from "../../core/game";
import { externalityBots } from "./bots";
import { ExternalityParams } from "./params";
import { externalityRecords } from "./records";
import { externalityMonitor, externalityScore } from "./score";
import { ExternalityAction, messagePhase, resultsPhase, setupRound } from "./state";
import { externalityView } from "./views";

export const idsExternality = defineGame({
  id: "ids-externality",
  version: "1.0.0",
  title: "IDS with the Externality mechanism",
  summary:
    "Interdependent security regulated by the budget-balanced Externality mechanism (Naghizadeh & Liu §IV, after Hurwicz): each round every user sends a message — proposed investments for everyone and prices — the investments are the mean proposal (eq. 10) and taxes follow eq. 11 (three terms, summing to zero). Rounds repeat: the iterative process towards the equilibrium. Needs 3–6 users.",
  params: ExternalityParams,
  actions: ExternalityAction,
  groupSize: (p) => p.alpha.length,
  rounds: (p) => p.rounds,
  roles: (p) => p.alpha.map((_, i) => `user ${i + 1}`),
  setupRound,
  phases: { message: messagePhase, results: resultsPhase },
  view: externalityView,
  score: externalityScore,
  monitor: externalityMonitor,
  bots: externalityBots,
  defaultBot: "adaptive",
  records: externalityRecords,
  // α and W are common knowledge in the Externality game; only each user's cost is their own
  privateData: { type: () => "each user's cost c (which only they see)", numbersOf: (p, i) => (p.c[i] === undefined ? [] : [p.c[i]]) },
});
