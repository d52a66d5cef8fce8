"use client";
/** Participant UI of the Pivotal mechanism game: participate → report → [loner] → results. */
import type { PivotalView } from "@/lib/games/ids-pivotal/views";
import type { GameUiProps } from "../types";
import { PivotalLoner } from "./PivotalLoner";
import { PivotalParticipate } from "./PivotalParticipate";
import { PivotalReport } from "./PivotalReport";
import { PivotalResults } from "./PivotalResults";

export function PivotalGame(props: GameUiProps) {
  const v = props.game as PivotalView | null;
  if (!v) return <p className="muted">Loading the round…</p>;
  switch (v.phase) {
    case "participate":
      return <PivotalParticipate v={v} props={props} />;
    case "report":
      return <PivotalReport v={v} props={props} />;
    case "loner":
      return <PivotalLoner v={v} props={props} />;
    case "results":
      return v.results ? <PivotalResults v={v} r={v.results} props={props} /> : <p className="muted">Computing the results…</p>;
  }
}
