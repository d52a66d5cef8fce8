/**
 * Participant UIs by game id (the id of the game module in lib/games/registry.ts).
 * Each family keeps its own map in `<family>-ui.ts`; adding a family = one line here.
 */
import type { ComponentType } from "react";
import { cipGamesUi } from "./cip-ui";
import { IdsGame } from "./ids-investment/IdsGame";
import { idsMechanismGamesUi } from "./ids-mechanisms-ui";
import { ssgGamesUi } from "./ssg-ui";
import type { GameUiProps } from "./types";

export const gameUis: Readonly<Record<string, ComponentType<GameUiProps>>> = {
  "ids-investment": IdsGame,
  ...idsMechanismGamesUi,
  ...ssgGamesUi,
  ...cipGamesUi,
};
