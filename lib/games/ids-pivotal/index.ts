/**
 * The Pivotal (Clarke/VCG) mechanism on the IDS game (Naghizadeh & Liu §III) as a game module:
 * participate → report → [loner] → results, each round.
 */
import { defineGame } from "../../core/game";
import { OWN_PARAMETERS, ownParametersOf } from "../ids-mechanisms-common/private-data";
import { pivotalBots } from "./bots";
import { PivotalParams } from "./params";
import { pivotalRecords } from "./records";
import { pivotalMonitor, pivotalScore } from "./score";
import { firstPhase, lonerPhase, participatePhase, PivotalAction, reportPhase, resultsPhase, setupRound } from "./state";
import { pivotalView } from "./views";

export const idsPivotal = defineGame({
  id: "ids-pivotal",
  version: "1.0.0",
  title: "IDS with the Pivotal mechanism",
  summary:
    "Interdependent security regulated by the Pivotal (Clarke) mechanism (Naghizadeh & Liu §III): each round users decide to join or stay out, participants report their type (loss α, cost c, q), the mechanism prescribes the socially optimal investments from the reports and charges each participant the externality it imposes (eq. 6; eq. 9 under full information). Payoffs use the true types.",
  params: PivotalParams,
  actions: PivotalAction,
  groupSize: (p) => p.alpha.length,
  rounds: (p) => p.rounds,
  roles: (p) => p.alpha.map((_, i) => `user ${i + 1}`),
  setupRound,
  firstPhase: (p) => firstPhase(p),
  phases: { participate: participatePhase, report: reportPhase, loner: lonerPhase, results: resultsPhase },
  view: pivotalView,
  score: pivotalScore,
  monitor: pivotalMonitor,
  bots: pivotalBots,
  defaultBot: "truthful",
  records: pivotalRecords,
  privateData: {
    type: (p) => (p.information === "incomplete" ? "each user's true type α_i (incomplete information)" : OWN_PARAMETERS),
    numbersOf: ownParametersOf,
  },
});
