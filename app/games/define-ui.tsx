"use client";
/**
 * Typed game UIs. `defineGameUi<typeof game>({ phases: { decide: Decide, results: Results } })` maps each
 * phase of the game module to a component that receives the game's view type `v` and an `act` that
 * accepts only the actions that phase accepts (the compiler rejects anything else), and requires a
 * component for every phase. The registry (app/games/registry.tsx) is checked against every GameId.
 */
import type { ComponentType } from "react";
import { useTranslations } from "use-intl";
import type { AnyGameModule, PhaseActionOf, PhaseIdOf, ViewOf } from "@/lib/core/game";
import type { ParticipantView, PlayView } from "@/lib/engine/views";
import type { ActFn } from "../lib-client/use-intent";
import type { GameUiProps } from "./types";

/** What a phase component of game `G` receives in phase `K`. */
export interface PhaseProps<G, K extends PhaseIdOf<G>> {
  /** The game's view for this participant (built on the server by the game's `view`). */
  v: ViewOf<G>;
  view: ParticipantView;
  play: PlayView;
  /** Sends one of the actions phase `K` accepts; the phase instance on screen is added for you. */
  act: ActFn<PhaseActionOf<G, K>>;
  locked: boolean;
}

/** A participant UI tied to game `G`. */
export interface GameUi<G> {
  Component: ComponentType<GameUiProps>;
  /** Compile-time only: ties the UI to its game's view type, so it cannot be registered for another game. */
  readonly forView?: (v: ViewOf<G>) => void;
}

type PhaseComponents<G> = { [K in PhaseIdOf<G>]: ComponentType<PhaseProps<G, K>> };

export function defineGameUi<G extends AnyGameModule>(ui: { phases: PhaseComponents<G> }): GameUi<G> {
  // The wire carries the view as JSON; the server built it with this game's `view` (the registry is
  // keyed by the session's game id), so this is the one place where it meets its type.
  const phases: Partial<Record<string, ComponentType<PhaseProps<G, PhaseIdOf<G>>>>> = ui.phases;
  function GameScreen({ game, ...props }: GameUiProps) {
    const t = useTranslations("play");
    const Phase = phases[props.play.phase];
    if (!Phase) return <p className="error">{t("unknownStep", { step: props.play.phase })}</p>;
    return <Phase {...props} v={game as ViewOf<G>} />;
  }
  return { Component: GameScreen };
}
