/**
 * Every game module the platform can run, by id: registering a game is one line here, one in
 * app/games/registry.tsx (its UI; the compiler checks that map is complete against `GameId`) and one in
 * lib/mechanisms/registry.ts (its mechanism unit; kit-conformance.test.ts checks it is there).
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
