/**
 * Participant UIs by game id: one line per game here, one in lib/games/registry.ts and one in
 * lib/mechanisms/registry.ts (docs/adding-a-game.md, section 3). The compiler
 * checks this map is complete (every GameId) and that each UI was defined for that game.
 */
import type { ComponentType } from "react";
import type { GameId, GameModuleOf } from "@/lib/games/registry";
import { cipContractsUi } from "./cip-contracts/ui";
import type { GameUi } from "./define-ui";
import { idsExternalityUi } from "./ids-externality/ui";
import { idsInvestmentUi } from "./ids-investment/ui";
import { idsPivotalUi } from "./ids-pivotal/ui";
import { ssgDefenseUi } from "./ssg-defense/ui";
import type { GameUiProps } from "./types";

export type GameUiRegistry = { readonly [K in GameId]: GameUi<GameModuleOf<K>> };

export const gameUis = {
  "ids-investment": idsInvestmentUi,
  "ids-pivotal": idsPivotalUi,
  "ids-externality": idsExternalityUi,
  "ssg-defense": ssgDefenseUi,
  "cip-contracts": cipContractsUi,
} satisfies GameUiRegistry;

const byId: Readonly<Record<string, GameUi<unknown> | undefined>> = gameUis;

/** The UI of a session's game (undefined for an id this build does not know). */
export function gameUiFor(gameId: string): ComponentType<GameUiProps> | undefined {
  return byId[gameId]?.Component;
}
