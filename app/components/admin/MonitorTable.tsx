"use client";
/** One row per seat: who is there, where they are, whether they decided, and their points. */
import { useState } from "react";
import type { AdminParticipantRow, AdminView } from "@/lib/engine/views";
import { fmt } from "../../lib-client/format";
import { FreeSeatButton } from "./FreeSeatButton";
import { REPLACE_IN_INTRO_TEXT } from "./play-waits-text";
import type { RunCommand, SessionDetail } from "./types";

function stageText(p: AdminParticipantRow): string {
  // a latecomer took over a seat filled with a bot: its bot plays until they finish the intro
  if (p.takeover !== null) return `latecomer reading (${p.takeover}); its bot plays meanwhile`;
  // a seat taken by a join whose browser has not opened it: free again 2 minutes after it was taken
  if (p.stage === "new") return p.claimed && p.presence !== "bot" ? "taken, not opened yet" : "not joined";
  if (p.stage === "intro") return `intro: ${p.introStep}`;
  if (p.leftBeforePlay === "declined") return "declined the consent";
  if (p.leftBeforePlay === "quizFailed") return "failed the quiz (no attempts left)";
  if (p.stage === "survey") return "survey: answering";
  if (p.stage === "done" && p.survey) return `done (survey ${p.survey === "bot" ? "answered by the bot" : p.survey})`;
  return p.stage;
}

function ReplaceCell({ p, bots, run, disabled }: { p: AdminParticipantRow; bots: SessionDetail["bots"]; run: RunCommand; disabled: boolean }) {
  const [strategy, setStrategy] = useState("");
  if (p.presence === "bot")
    return (
      <div className="row" style={{ flexWrap: "nowrap" }}>
        <span className="small muted">{p.botStrategy ?? "bot"}</span>
        {p.botReason === "experimenter" && p.stage !== "done" && p.takeover === null && (
          <button
            type="button"
            className="secondary small"
            data-testid={`cmd-give-back-${p.seat}`}
            disabled={disabled}
            title="The person plays their seat again from their next choice"
            onClick={() => void run({ kind: "giveBack", pid: p.id })}
          >
            Give back
          </button>
        )}
      </div>
    );
  return (
    <div className="row" style={{ flexWrap: "nowrap" }}>
      <select
        aria-label={`Bot strategy for seat ${p.seat + 1}`}
        value={strategy}
        onChange={(e) => setStrategy(e.target.value)}
        style={{ minHeight: 36, padding: "2px 6px", width: "auto" }}
      >
        <option value="">Game default</option>
        {bots.map((b) => (
          <option key={b.id} value={b.id}>
            {b.label}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="secondary small"
        data-testid={`cmd-replace-${p.seat}`}
        disabled={disabled}
        title={
          // a person who has not finished the intro never agreed to take part: the seat is freed from them (fresh-clone review A7)
          p.claimed && (p.stage === "new" || p.stage === "intro")
            ? `Replace by bot: ${REPLACE_IN_INTRO_TEXT}`
            : "A bot plays this seat from now on (its rounds are marked as the bot's); Give back returns it to its person"
        }
        onClick={() => void run({ kind: "replaceWithBot", pid: p.id, ...(strategy ? { strategy } : {}) })}
      >
        Replace by bot
      </button>
    </div>
  );
}

/**
 * A label typed with the room code, and the experimenter's control over whether the room's screen shows it
 * (an offensive or identifying name: the leaderboard then shows the seat's number; the data keep the label).
 */
function LabelCell({ p, run, disabled }: { p: AdminParticipantRow; run: RunCommand; disabled: boolean }) {
  return (
    <>
      <span style={p.labelHidden ? { textDecoration: "line-through" } : undefined} data-testid={`label-${p.seat}`}>
        {p.label}
      </span>{" "}
      {p.labelHidden && <span className="small muted">(hidden on the room&apos;s screen)</span>}
      {/* on its own line, never broken inside (the cell breaks long labels anywhere) */}
      <button
        type="button"
        className="secondary small label-toggle"
        data-testid={`cmd-${p.labelHidden ? "show" : "hide"}-label-${p.seat}`}
        disabled={disabled}
        aria-label={p.labelHidden ? `Show "${p.label}" on the room's screen again` : `Hide "${p.label}" on the room's screen`}
        title={p.labelHidden ? "Show this name on the room's screen again" : "The room's screen shows the seat's number instead of this name (the data keep it)"}
        onClick={() => void run({ kind: "hideLabel", pid: p.id, hidden: !p.labelHidden })}
      >
        {p.labelHidden ? "Show on screen" : "Hide on screen"}
      </button>
    </>
  );
}

/** Seats above which the table scrolls in a box of its own (the page's charts and groups stay near). */
export const TALL_TABLE_SEATS = 20;

/** "60 seats: 50 online, 3 offline, 5 bots, 2 not joined" (the counts a long table's reader would otherwise scroll for). */
function presenceSummary(view: AdminView): string {
  const n = { online: 0, offline: 0, bot: 0, notJoined: 0 };
  for (const p of view.participants) {
    if (p.presence === "offline" && p.stage === "new") n.notJoined++;
    else n[p.presence]++;
  }
  const parts = [
    n.online && `${n.online} online`,
    n.offline && `${n.offline} offline`,
    n.bot && `${n.bot} bot${n.bot === 1 ? "" : "s"}`,
    n.notJoined && `${n.notJoined} not joined`,
  ].filter(Boolean);
  return `${view.participants.length} seat${view.participants.length === 1 ? "" : "s"}${parts.length ? `: ${parts.join(", ")}` : ""}`;
}

export function MonitorTable({ view, bots, run, busy = false }: { view: AdminView; bots: SessionDetail["bots"]; run: RunCommand; busy?: boolean }) {
  const ended = view.status === "ended";
  const tall = view.participants.length > TALL_TABLE_SEATS;
  return (
    <section className="card">
      <h2 style={{ marginTop: 0 }}>
        Participants{" "}
        <span className="small muted" data-testid="monitor-presence-summary">
          {presenceSummary(view)}
        </span>
      </h2>
      {tall && (
        <p className="small muted" style={{ marginTop: 0 }}>
          The table scrolls in its box; the live charts and the groups are below it.
        </p>
      )}
      <div className={tall ? "table-wrap tall" : "table-wrap"} data-testid="monitor-table">
        <table>
          <thead>
            <tr>
              <th>Seat</th>
              <th>Label</th>
              <th>Presence</th>
              <th>Stage</th>
              <th>Group</th>
              <th>Phase</th>
              <th>Decided</th>
              <th className="num">Points</th>
              <th className="num">Rounds</th>
              <th>Bot / seat</th>
            </tr>
          </thead>
          <tbody>
            {view.participants.map((p) => (
              <tr key={p.id} data-testid={`monitor-row-${p.seat}`}>
                <td>{p.seat + 1}</td>
                <td className="wrap-anywhere">
                  {p.label !== null ? (
                    <LabelCell p={p} run={run} disabled={busy} />
                  ) : p.external ? null : (
                    <span className="muted">–</span>
                  )}
                  {p.external && (
                    <span className="small" title={`${p.external.source} participant id`} data-testid={`external-${p.seat}`}>
                      {p.external.source}: {p.external.id}
                    </span>
                  )}
                </td>
                <td>
                  <span className={`pill ${p.presence}`} data-testid={`presence-${p.seat}`}>
                    {p.presence}
                  </span>
                </td>
                <td data-testid={`stage-${p.seat}`}>{stageText(p)}</td>
                <td>{p.groupId ?? "–"}</td>
                <td>{p.phase ?? "–"}</td>
                <td aria-label={p.decided === null ? "not in a phase" : p.decided ? "decided" : "still deciding"}>
                  {p.decided === null ? "–" : p.decided ? "✓" : "…"}
                </td>
                <td className="num" data-testid={`points-${p.seat}`}>
                  {fmt(p.totalPoints, 1)}
                  {p.roundOnScreen !== null && (
                    <span className="small muted" title="This round's points, on the participant's screen now: counted in Points (and the data) when the group goes on">
                      {" "}
                      {p.roundOnScreen >= 0 ? "+" : ""}
                      {fmt(p.roundOnScreen, 1)} this round
                    </span>
                  )}
                </td>
                <td className="num">{p.rounds}</td>
                <td>
                  <ReplaceCell p={p} bots={bots} run={run} disabled={ended || p.stage === "done" || view.status === "draft"} />
                  <FreeSeatButton sessionId={view.sessionId} p={p} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
