/** Participant UIs of this family by game id (merged into app/games/registry.tsx). */
import type { ComponentType } from "react";
import { ExternalityGame } from "./ids-externality/ExternalityGame";
import { PivotalGame } from "./ids-pivotal/PivotalGame";
import type { GameUiProps } from "./types";

export const idsMechanismGamesUi: Record<string, ComponentType<GameUiProps>> = {
  "ids-pivotal": PivotalGame,
  "ids-externality": ExternalityGame,
};
