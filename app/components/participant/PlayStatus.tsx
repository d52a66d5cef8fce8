"use client";
/** Round, timer and how many group members still have to act. */
import type { PlayView } from "@/lib/engine/views";
import { formatMs, useCountdown } from "../../lib-client/use-countdown";

export function PlayStatus({ play, receivedAt, running }: { play: PlayView; receivedAt: number; running: boolean }) {
  const left = useCountdown(play.remainingMs, receivedAt, running);
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
        <span
          className={`v ${left !== null && left < 10_000 ? "timer-low" : ""}`}
          data-testid="time-left"
          role="timer"
          aria-live="off"
        >
          {left === null ? "no limit" : formatMs(left)}
        </span>
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
