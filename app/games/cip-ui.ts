/** Participant UIs of this family by game id (merged into app/games/registry.tsx). */
import type { ComponentType } from "react";
import { CipGame } from "./cip-contracts/CipGame";
import type { GameUiProps } from "./types";

export const cipGamesUi: Record<string, ComponentType<GameUiProps>> = {
  "cip-contracts": CipGame,
};
