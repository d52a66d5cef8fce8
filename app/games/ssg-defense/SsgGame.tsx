"use client";
/** Participant UI of the multi-defender security game: join → decide (allocate or report) → follow → results. */
import type { SsgView } from "@/lib/games/ssg-defense/views";
import type { GameUiProps } from "../types";
import { SsgAllocate } from "./SsgAllocate";
import { SsgFollow } from "./SsgFollow";
import { SsgJoin } from "./SsgJoin";
import { SsgReport } from "./SsgReport";
import { SsgResults } from "./SsgResults";

export function SsgGame(props: GameUiProps) {
  const v = props.game as SsgView | null;
  if (!v) return <p className="muted">Loading the round…</p>;
  if (v.phase === "results" && v.results) return <SsgResults v={v} r={v.results} props={props} />;
  if (v.phase === "join") return <SsgJoin v={v} props={props} />;
  if (v.phase === "follow") return <SsgFollow v={v} props={props} />;
  return v.task === "report" ? <SsgReport v={v} props={props} /> : <SsgAllocate v={v} props={props} />;
}
