/** Participant UIs of this family by game id (merged into app/games/registry.tsx). */
import type { ComponentType } from "react";
import type { GameUiProps } from "./types";

export const ssgGamesUi: Record<string, ComponentType<GameUiProps>> = {};
