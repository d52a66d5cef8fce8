"use client";
/**
 * Session-wide controls: pause/resume, end the current phase everywhere (only the deciding groups' while
 * any group decides), fill seats with bots, end. The three that cannot be undone (ending the groups'
 * phase, filling the empty seats, ending the session) ask first.
 */
import { useState, type ReactNode } from "react";
import type { AdminView } from "@/lib/engine/views";
import type { Command, RunCommand, SessionDetail } from "./types";
import { emptySeatsText, fillBotsQuestion } from "./fill-bots-text";
import { forceEndCounts, forceEndQuestion } from "./force-end-text";

type Asking = "forceEnd" | "fill" | "end" | null;

export function Controls({ view, bots, run, busy }: { view: AdminView; bots: SessionDetail["bots"]; run: RunCommand; busy: boolean }) {
  const [strategy, setStrategy] = useState("");
  const [asking, setAsking] = useState<Asking>(null);
  const ended = view.status === "ended";
  // the seats "Fill" fills: nobody took them (a seat taken by a join but not opened yet is reserved: free it to fill it)
  const emptySeats = view.participants.filter((p) => p.stage === "new" && !p.claimed).length;
  const reserved = view.participants.filter((p) => p.stage === "new" && p.claimed && p.presence !== "bot").length;
  const seats = emptySeatsText(emptySeats);
  const forceEnd = forceEndCounts(view.groups);
  const strategyName = strategy ? (bots.find((b) => b.id === strategy)?.label ?? strategy) : "the game's default bot";
  const confirm = async (cmd: Command) => {
    await run(cmd);
    setAsking(null);
  };
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
        <button type="button" data-testid="cmd-force-end" className="secondary" disabled={busy || ended || view.status === "draft"} onClick={() => setAsking("forceEnd")}>
          End phase now (all groups)…
        </button>
      </div>
      {asking === "forceEnd" && (
        <Confirm
          label="Confirm ending the phase in all groups"
          id="cmd-force-end-confirm"
          yes={forceEnd.deciding > 0 ? "Yes, end the deciding groups' step" : "Yes, end the phase everywhere"}
          busy={busy || forceEnd.deciding + forceEnd.reading === 0}
          onYes={() => confirm({ kind: "forcePhaseEnd", decisionsOnly: true })}
          onNo={() => setAsking(null)}
        >
          {forceEndQuestion(forceEnd)}
        </Confirm>
      )}
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
          disabled={busy || ended || emptySeats === 0 || view.status === "draft"}
          title={view.status === "draft" ? "Open the session first: bots take seats only in an open session" : undefined}
          onClick={() => setAsking("fill")}
        >
          Fill {seats} with bots…
        </button>
        {view.status === "draft" && !ended && (
          <span className="small muted" data-testid="fill-bots-draft-hint">
            Open the session to add bots (a pilot with bots only: open, then fill every seat).
          </span>
        )}
      </div>
      {asking === "fill" && (
        <Confirm
          label="Confirm filling the empty seats with bots"
          id="cmd-fill-bots-confirm"
          yes={`Yes, fill ${seats} with bots`}
          busy={busy || emptySeats === 0}
          onYes={() => confirm({ kind: "fillWithBots", ...(strategy ? { strategy } : {}) })}
          onNo={() => setAsking(null)}
        >
          {fillBotsQuestion({ emptySeats, strategyName, reserved, takeOverBots: view.takeOverBots, seats: view.participants })}
        </Confirm>
      )}
      <div className="row" style={{ marginTop: 12 }}>
        {asking !== "end" ? (
          <button type="button" data-testid="cmd-end" className="danger" disabled={busy || ended} onClick={() => setAsking("end")}>
            End session…
          </button>
        ) : (
          <Confirm label="Confirm ending the session" id="cmd-end-confirm" yes="Yes, end the session" danger busy={busy} onYes={() => confirm({ kind: "end" })} onNo={() => setAsking(null)}>
            End the session for everyone now? Participants go to their final page (open exit surveys close; answers sent stay). A round whose
            results are on screen counts, with the points people saw; a round still being decided is not played (its choices stay in the event
            log). This cannot be undone.
          </Confirm>
        )}
      </div>
    </section>
  );
}

/** The question before a command that cannot be undone: the command runs only on "Yes". */
function Confirm(props: { label: string; id: string; yes: string; danger?: boolean; busy: boolean; onYes: () => Promise<void>; onNo: () => void; children: ReactNode }) {
  return (
    <div className="notice" role="alertdialog" aria-label={props.label} style={{ marginTop: 12 }}>
      <p style={{ marginTop: 0 }}>{props.children}</p>
      <div className="row">
        <button type="button" className={props.danger ? "danger" : ""} data-testid={props.id} disabled={props.busy} onClick={() => void props.onYes()}>
          {props.yes}
        </button>
        <button type="button" className="secondary" data-testid={`${props.id.replace(/-confirm$/, "")}-cancel`} onClick={props.onNo}>
          Cancel
        </button>
      </div>
    </div>
  );
}
