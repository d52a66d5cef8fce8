/**
 * The multi-defender Stackelberg security game of Gan, Elkind, Kraus & Wooldridge (AAMAS 2020) as a
 * game module: defenders protect targets against a computed attacker, uncoordinated (§2), through a
 * coordination mechanism (§4: CSW-Max, CSW-Max-NSE, dictatorship) or with private recommendations (§5).
 * Rules, options and data: docs/games/ssg-defense.md.
 */
import { defineGame } from "../../core/game";
import { ssgBots } from "./bots";
import { SsgParams } from "./params";
import { ssgRecords } from "./records";
import { decidePhase, firstPhase, followPhase, joinPhase, resultsPhase } from "./phases";
import { SSG_GAME_VERSION, ssgMonitor, ssgScore } from "./score";
import { setupRound, SsgAction } from "./state";
import { ssgView } from "./views";

export const ssgDefense = defineGame({
  id: "ssg-defense",
  version: SSG_GAME_VERSION,
  title: "Multi-defender security game (coordination)",
  summary:
    "Defenders protect targets against an attacker who sees their coverage and attacks the best target for him (Gan et al. 2020). " +
    "mode uncoordinated: each allocates alone (coverages combine as 1 − Π(1 − c^i)); coordinated: defenders report their payoffs and " +
    "CSW-Max, CSW-Max-NSE or dictatorship allocates the pooled resources (optionally after a join-or-act-alone phase); recommendation: " +
    "each gets a private recommended allocation and may follow or change it. Payoffs always use the true payoffs.",
  params: SsgParams,
  actions: SsgAction,
  groupSize: (p) => p.defenders.length,
  rounds: (p) => p.rounds,
  roles: (p) => p.defenders.map((_, i) => `defender ${i + 1}`),
  setupRound,
  firstPhase: (p) => firstPhase(p),
  phases: { join: joinPhase, decide: decidePhase, follow: followPhase, results: resultsPhase },
  view: ssgView,
  score: ssgScore,
  monitor: ssgMonitor,
  bots: ssgBots,
  defaultBot: "nse",
  records: ssgRecords,
  privateData: {
    type: () => "each defender's rewards and penalties (which only she sees)",
    numbersOf: (p, i) => (p.defenders[i] ? [...p.defenders[i].reward, ...p.defenders[i].penalty] : []),
  },
});
