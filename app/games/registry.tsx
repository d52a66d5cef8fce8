/**
 * Participant UIs by game id (the id of the game module in lib/games/registry.ts).
 * Adding a game's UI = adding one line here.
 */
import type { ComponentType } from "react";
import { IdsGame } from "./ids-investment/IdsGame";
import type { GameUiProps } from "./types";

export const gameUis: Readonly<Record<string, ComponentType<GameUiProps>>> = {
  "ids-investment": IdsGame,
};
