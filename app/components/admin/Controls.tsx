"use client";
/** Session-wide controls: pause/resume, end the current phase everywhere, fill seats with bots, end. */
import { useState } from "react";
import type { AdminView } from "@/lib/engine/views";
import type { RunCommand, SessionDetail } from "./types";

export function Controls({ view, bots, run, busy }: { view: AdminView; bots: SessionDetail["bots"]; run: RunCommand; busy: boolean }) {
  const [strategy, setStrategy] = useState("");
  const [confirmEnd, setConfirmEnd] = useState(false);
  const ended = view.status === "ended";
  const emptySeats = view.participants.filter((p) => p.stage === "new").length;
  return (
    <section className="card" aria-labelledby="controls-h">
      <h2 id="controls-h" style={{ marginTop: 0 }}>
        Controls
      </h2>
      {view.status === "draft" && (
        <div className="notice" data-testid="draft-notice">
          <p style={{ marginTop: 0 }}>
            <strong>Draft:</strong> nobody can join yet. Check the treatment&apos;s predictions and the links, then open the session.
          </p>
          <button type="button" data-testid="cmd-open" disabled={busy} onClick={() => void run({ kind: "open" })}>
            Open the session
          </button>
        </div>
      )}
      <div className="row">
        <button type="button" data-testid="cmd-pause" className="secondary" disabled={busy || view.status !== "running"} onClick={() => void run({ kind: "pause" })}>
          Pause
        </button>
        <button type="button" data-testid="cmd-resume" className="secondary" disabled={busy || view.status !== "paused"} onClick={() => void run({ kind: "resume" })}>
          Resume
        </button>
        <button type="button" data-testid="cmd-force-end" className="secondary" disabled={busy || ended || view.status === "draft"} onClick={() => void run({ kind: "forcePhaseEnd" })}>
          End phase now (all groups)
        </button>
      </div>
      <div className="row" style={{ marginTop: 12 }}>
        <label htmlFor="fill-strategy" style={{ margin: 0, fontWeight: 400 }}>
          Bot strategy
        </label>
        <select id="fill-strategy" value={strategy} onChange={(e) => setStrategy(e.target.value)} style={{ width: "auto" }}>
          <option value="">Game default</option>
          {bots.map((b) => (
            <option key={b.id} value={b.id}>
              {b.label}
            </option>
          ))}
        </select>
        <button
          type="button"
          data-testid="cmd-fill-bots"
          className="secondary"
          disabled={busy || ended || emptySeats === 0}
          onClick={() => void run({ kind: "fillWithBots", ...(strategy ? { strategy } : {}) })}
        >
          Fill {emptySeats} empty seat{emptySeats === 1 ? "" : "s"} with bots
        </button>
      </div>
      <div className="row" style={{ marginTop: 12 }}>
        {!confirmEnd ? (
          <button type="button" data-testid="cmd-end" className="danger" disabled={busy || ended} onClick={() => setConfirmEnd(true)}>
            End session…
          </button>
        ) : (
          <div className="notice" role="alertdialog" aria-label="Confirm ending the session">
            <p style={{ marginTop: 0 }}>End the session for everyone now? Participants see their final page; this cannot be undone.</p>
            <div className="row">
              <button
                type="button"
                className="danger"
                data-testid="cmd-end-confirm"
                disabled={busy}
                onClick={async () => {
                  await run({ kind: "end" });
                  setConfirmEnd(false);
                }}
              >
                Yes, end the session
              </button>
              <button type="button" className="secondary" onClick={() => setConfirmEnd(false)}>
                Cancel
              </button>
            </div>
          </div>
        )}
      </div>
    </section>
  );
}
