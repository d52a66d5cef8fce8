"use client";
/** Round, timer and how many group members still have to act. */
import type { PlayView } from "@/lib/engine/views";
import { Countdown } from "../kit/Countdown";

export function PlayStatus({ play, receivedAt, running }: { play: PlayView; receivedAt: number; running: boolean }) {
  const verb = play.phaseKind === "decision" ? "still deciding" : "still reading";
  return (
    <div className="status-bar" role="group" aria-label="Round status">
      <div>
        <span className="k">Round</span>
        <span className="v" data-testid="round-number">
          {play.round} of {play.rounds}
        </span>
      </div>
      <div>
        <span className="k">Time left</span>
        <Countdown remainingMs={play.remainingMs} receivedAt={receivedAt} running={running} />
      </div>
      <div>
        <span className="k">{verb}</span>
        <span className="v" data-testid="pending-count">
          {play.pendingCount} of {play.groupSize}
        </span>
      </div>
    </div>
  );
}
