/**
 * The live charts of a session: per game, pure functions from the completed rounds (records the engine
 * stores) and the treatment's parameters to chart series (lib/charts/types.ts). Used by the monitor and
 * the projector (server-side aggregates), `mechlab figures` and the session report.
 */
import { cipContractsCharts } from "./cip-contracts";
import { idsExternalityCharts } from "./ids-externality";
import { idsInvestmentCharts } from "./ids-investment";
import { idsPivotalCharts } from "./ids-pivotal";
import { ssgDefenseCharts } from "./ssg-defense";
import type { Chart, ChartInput } from "./types";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Builder = (input: ChartInput<any>) => Chart[];

/** Chart builders by game id (a game without one has no charts). */
export const CHARTS_BY_GAME: Readonly<Record<string, Builder>> = {
  "ids-investment": idsInvestmentCharts,
  "ids-pivotal": idsPivotalCharts,
  "ids-externality": idsExternalityCharts,
  "ssg-defense": ssgDefenseCharts,
  "cip-contracts": cipContractsCharts,
};

/** The charts of game `gameId` for the rounds given (`params`: the game's parsed parameters). */
export function sessionCharts(gameId: string, input: ChartInput): Chart[] {
  const build = Object.hasOwn(CHARTS_BY_GAME, gameId) ? CHARTS_BY_GAME[gameId] : undefined;
  return build ? build(input) : [];
}

export type { Chart, ChartInput, ChartKind, ChartPlayerRound, ChartPoint, ChartRound, ChartSeries, SeriesRole } from "./types";
