"use client";
/** Participant UI of the CIP contract game: offer (→ re-offers) → results. */
import type { CipView } from "@/lib/games/cip-contracts/views";
import type { GameUiProps } from "../types";
import { CipOffer } from "./CipOffer";
import { CipResults } from "./CipResults";

export function CipGame(props: GameUiProps) {
  const v = props.game as CipView | null;
  if (!v) return <p className="muted">Loading the round…</p>;
  if (v.phase === "results" && v.results) return <CipResults v={v} r={v.results} props={props} />;
  return <CipOffer v={v} props={props} />;
}
