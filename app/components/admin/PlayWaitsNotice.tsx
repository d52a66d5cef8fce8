"use client";
/**
 * "Play waits for 1 person still in the intro: seat 1 Lu (offline 1 min, at the consent)" — every seat is
 * taken and people are ready, but no group can start without these seats (AdminView.playWaitsFor,
 * lib/engine/play-waits.ts; instructor review C11). Each seat has "Replace by bot" and "Free seat", as on its row
 * (Replace by bot frees the seat from its person, who has not finished the intro, for a bot seat: fresh-clone review A7).
 */
import { useEffect, useState } from "react";
import type { AdminView } from "@/lib/engine/views";
import { FreeSeatButton } from "./FreeSeatButton";
import { REPLACE_IN_INTRO_TEXT, introStateText, playWaitsHeadline, playWaitsHelp, seatText } from "./play-waits-text";
import type { RunCommand } from "./types";

export function PlayWaitsNotice({ view, receivedAt, run, busy }: { view: AdminView; receivedAt: number; run: RunCommand; busy: boolean }) {
  // offline times count on between the monitor's updates (not while paused)
  const [now, setNow] = useState(() => (typeof performance !== "undefined" ? performance.now() : 0));
  const waits = view.playWaitsFor.length > 0;
  useEffect(() => {
    if (!waits) return;
    setNow(performance.now());
    const t = setInterval(() => setNow(performance.now()), 15_000);
    return () => clearInterval(t);
  }, [waits, receivedAt]);
  if (!waits) return null;
  const since = view.status === "running" ? Math.max(0, now - receivedAt) : 0;
  const seats = view.playWaitsFor
    .map((id) => view.participants.find((p) => p.id === id))
    .filter((p) => p !== undefined)
    .map((p) => (p.offlineMs === null ? p : { ...p, offlineMs: p.offlineMs + since }));
  return (
    <div className="notice" role="status" data-testid="play-waits" style={{ marginBottom: 12 }}>
      <p style={{ marginTop: 0 }}>
        <strong data-testid="play-waits-headline">{playWaitsHeadline(seats)}</strong>
      </p>
      <p className="small">{playWaitsHelp(view.waiting)}</p>
      <ul style={{ margin: 0, paddingLeft: 18 }}>
        {seats.map((p) => (
          <li key={p.id} data-testid={`play-waits-seat-${p.seat}`}>
            <span className="row" style={{ flexWrap: "wrap" }}>
              <span>
                {seatText(p)} ({introStateText(p)})
              </span>
              {p.stage !== "done" && (
                <button
                  type="button"
                  className="secondary small"
                  data-testid={`play-waits-replace-${p.seat}`}
                  disabled={busy}
                  title={`Replace by bot: ${REPLACE_IN_INTRO_TEXT}`}
                  onClick={() => void run({ kind: "replaceWithBot", pid: p.id })}
                >
                  Replace by bot
                </button>
              )}
              <FreeSeatButton sessionId={view.sessionId} p={p} testIdPrefix="play-waits-free" />
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
