/**
 * Every game module the platform can run, by id: adding a game is one line here (and one line in
 * app/games/registry.tsx, which the compiler checks is complete against `GameId`).
 */
import type { AnyGameModule } from "../core/game";
import { cipContracts } from "./cip-contracts";
import { idsExternality } from "./ids-externality";
import { idsInvestment } from "./ids-investment";
import { idsPivotal } from "./ids-pivotal";
import { ssgDefense } from "./ssg-defense";

export const gameModules = {
  "ids-investment": idsInvestment,
  "ids-pivotal": idsPivotal,
  "ids-externality": idsExternality,
  "ssg-defense": ssgDefense,
  "cip-contracts": cipContracts,
} as const;

export type GameId = keyof typeof gameModules;
export type GameModuleOf<K extends GameId> = (typeof gameModules)[K];

export const games: Readonly<Record<string, AnyGameModule>> = gameModules;
