"use client";
/**
 * Free a taken seat that has not started playing (lib/engine/free-seat.ts), after a confirmation: whoever
 * holds the seat's link loses it, and the next person to join takes the seat. For seats someone took
 * without playing them (by room code or panel id), e.g. many seats taken from one address.
 */
import { useState } from "react";
import type { AdminParticipantRow } from "@/lib/engine/views";
import { api } from "../../lib-client/api";

/** `testIdPrefix`: the test ids' prefix ("free" by default; another where the same seat's button shows twice, e.g. the "Play waits for" notice). */
export function FreeSeatButton({ sessionId, p, testIdPrefix = "free" }: { sessionId: string; p: AdminParticipantRow; testIdPrefix?: string }) {
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!p.freeable) return null;
  const free = async () => {
    setAsking(false);
    const r = await api("POST", `/api/admin/sessions/${encodeURIComponent(sessionId)}/participants/${encodeURIComponent(p.id)}/free`, {});
    setError(r.ok ? null : r.message);
  };
  if (asking)
    return (
      <span className="row" style={{ flexWrap: "wrap", minWidth: "16rem" }}>
        <span className="small">
          Their link stops working and the next person to join takes the seat
          {p.leftBeforePlay ? "; this person's record leaves data-wide.csv and payments.csv (events.csv keeps it)" : ""}. Sure?
        </span>
        <button type="button" className="danger small" data-testid={`${testIdPrefix}-confirm-${p.seat}`} onClick={() => void free()}>
          Yes, free it
        </button>
        <button type="button" className="secondary small" onClick={() => setAsking(false)}>
          Cancel
        </button>
      </span>
    );
  return (
    <>
      <button type="button" className="secondary small" data-testid={`${testIdPrefix}-${p.seat}`} title="Give this seat back to the free seats (it has not started playing)" onClick={() => setAsking(true)}>
        Free seat
      </button>
      {error && <span className="error small">{error}</span>}
    </>
  );
}
