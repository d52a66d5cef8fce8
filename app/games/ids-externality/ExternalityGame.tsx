"use client";
/** Participant UI of the Externality mechanism game: message → results. */
import type { ExternalityView } from "@/lib/games/ids-externality/views";
import type { GameUiProps } from "../types";
import { ExternalityMessageForm } from "./ExternalityMessage";
import { ExternalityResults } from "./ExternalityResults";

export function ExternalityGame(props: GameUiProps) {
  const v = props.game as ExternalityView | null;
  if (!v) return <p className="muted">Loading the round…</p>;
  if (v.phase === "results" && v.results) return <ExternalityResults v={v} r={v.results} props={props} />;
  return <ExternalityMessageForm v={v} props={props} />;
}
