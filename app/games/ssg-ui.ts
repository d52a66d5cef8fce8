/** Participant UIs of this family by game id (merged into app/games/registry.tsx). */
import type { ComponentType } from "react";
import { SsgGame } from "./ssg-defense/SsgGame";
import type { GameUiProps } from "./types";

export const ssgGamesUi: Record<string, ComponentType<GameUiProps>> = { "ssg-defense": SsgGame };
