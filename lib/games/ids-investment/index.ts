/**
 * The unregulated interdependent-security investment game (Naghizadeh & Liu §II-A) as a game module.
 */
import { defineGame } from "../../core/game";
import { OWN_PARAMETERS, ownParametersOf } from "../ids-mechanisms-common/private-data";
import { idsBots } from "./bots";
import { IdsParams } from "./params";
import { idsRecords } from "./records";
import { idsMonitor, idsScore } from "./score";
import { decidePhase, IdsAction, resultsPhase, setupRound } from "./state";
import { idsView } from "./views";

export const idsInvestment = defineGame({
  id: "ids-investment",
  version: "1.0.0",
  title: "IDS investment (unregulated)",
  summary: "Interdependent security: each user chooses a security investment x_i; everyone's risk falls with the weighted investments of all (f_i = α_i·exp(−Σ_j W_ij x_j)), each pays for their own (h_i = c_i x_i + q_i x_i²/2). No regulator.",
  params: IdsParams,
  actions: IdsAction,
  groupSize: (p) => p.alpha.length,
  rounds: (p) => p.rounds,
  roles: (p) => p.alpha.map((_, i) => `user ${i + 1}`),
  setupRound,
  phases: { decide: decidePhase, results: resultsPhase },
  view: idsView,
  score: idsScore,
  monitor: idsMonitor,
  bots: idsBots,
  defaultBot: "myopic",
  records: idsRecords,
  privateData: { type: () => OWN_PARAMETERS, numbersOf: ownParametersOf },
});
