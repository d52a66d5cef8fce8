"use client";
/** Participant UI of the IDS investment game: decide → results. */
import type { IdsView } from "@/lib/games/ids-investment/views";
import type { GameUiProps } from "../types";
import { IdsDecide } from "./IdsDecide";
import { IdsResults } from "./IdsResults";

export function IdsGame(props: GameUiProps) {
  const v = props.game as IdsView | null;
  if (!v) return <p className="muted">Loading the round…</p>;
  if (v.phase === "results" && v.results) return <IdsResults v={v} r={v.results} props={props} />;
  return <IdsDecide v={v} props={props} />;
}
