"use client";
/** One group: round, phase, timer, pending count, the game's generic monitor block and its history. */
import type { AdminGroupRow, AdminView } from "@/lib/engine/views";
import type { MonitorView } from "@/lib/core/game";
import { fmtScalar } from "../../lib-client/format";
import { formatMs, useCountdown } from "../../lib-client/use-countdown";
import type { RunCommand } from "./types";
import { useEffect, useState } from "react";
import { api } from "../../lib-client/api";
import { groupFacts, groupStatusText } from "./group-facts";

function MonitorBlock({ m }: { m: MonitorView }) {
  return (
    <>
      {m.metrics.length > 0 && (
        <dl className="kv">
          {m.metrics.map((x, i) => (
            <div key={i} style={{ display: "contents" }}>
              <dt title={x.hint}>{x.label}</dt>
              <dd>{fmtScalar(x.value)}</dd>
            </div>
          ))}
        </dl>
      )}
      {m.tables.map((t, i) => (
        <div key={i} className="table-wrap">
          <h4 style={{ margin: "8px 0 4px" }}>{t.title}</h4>
          <table>
            <thead>
              <tr>
                {t.columns.map((c, ci) => (
                  <th key={c} className={t.rows.some((r) => typeof r[ci] === "number") ? "num" : undefined}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {t.rows.map((r, ri) => (
                <tr key={ri}>
                  {r.map((c, ci) => (
                    <td key={ci} className={typeof c === "number" ? "num" : undefined}>
                      {fmtScalar(c)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </>
  );
}

type HistoryRow = AdminGroupRow["history"][number];

/**
 * The group's completed rounds, in a table that opens on demand. The monitor's live pushes leave the rows
 * out (a big session's would be most of every push); opening the table asks the server for this group's,
 * and again whenever a round completes while it is open.
 */
function HistoryTable({ sessionId, g }: { sessionId: string; g: AdminGroupRow }) {
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState<HistoryRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pushed = g.history.length >= g.historyRounds; // a view that carries the rows (e.g. the page's first load)
  useEffect(() => {
    if (!open || pushed || (loaded !== null && loaded.length >= g.historyRounds)) return;
    let gone = false;
    void api<{ ok: true; history: HistoryRow[] }>("GET", `/api/admin/sessions/${encodeURIComponent(sessionId)}/groups/${encodeURIComponent(g.id)}/history`).then((r) => {
      if (gone) return;
      if (r.ok) {
        setLoaded(r.body.history);
        setError(null);
      } else setError(`The history could not be loaded: ${r.message} Close and open it again to retry.`);
    });
    return () => {
      gone = true;
    };
  }, [open, pushed, loaded, g.historyRounds, g.id, sessionId]);
  if (g.historyRounds === 0) return null;
  const history = pushed ? g.history : loaded;
  const keys = history ? [...new Set(history.flatMap((h) => Object.keys(h.group)))] : [];
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)} data-testid={`history-${g.id}`}>
      <summary>History ({g.historyRounds} round{g.historyRounds === 1 ? "" : "s"})</summary>
      {error && <p className="error">{error}</p>}
      {history === null ? (
        !error && <p role="status">Loading the rounds…</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Round</th>
                {keys.map((k) => (
                  <th key={k} className="num">
                    {k.replace(/_/g, " ")}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr key={h.round}>
                  <td>{h.round}</td>
                  {keys.map((k) => (
                    <td key={k} className="num">
                      {fmtScalar(h.group[k])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}

/** A group whose long step failed: the error, and the two ways on (run it again, or end the group). */
function ComputeFailure({ g, failure, ended, run }: { g: AdminGroupRow; failure: NonNullable<AdminGroupRow["computeFailure"]>; ended: boolean; run: RunCommand }) {
  return (
    <div className="error" role="alert" data-testid={`compute-failed-${g.id}`}>
      <p style={{ margin: 0 }}>
        <strong>The results of round {g.round} could not be computed</strong> ({failure.step}, {failure.attempts} attempt
        {failure.attempts === 1 ? "" : "s"}): {failure.message}
      </p>
      <p style={{ margin: "4px 0" }}>
        The group waits. Retry the computation, or end this group: its members go on to the exit survey with the points of the rounds
        they completed; this round is not recorded.
      </p>
      <div className="row">
        <button type="button" className="small" data-testid={`cmd-retry-compute-${g.id}`} disabled={ended} onClick={() => void run({ kind: "retryCompute", groupId: g.id })}>
          Retry the computation
        </button>
        <button type="button" className="secondary small" data-testid={`cmd-end-group-${g.id}`} disabled={ended} onClick={() => void run({ kind: "endFailedGroup", groupId: g.id })}>
          End this group
        </button>
      </div>
    </div>
  );
}

/** A group whose game code crashed: the error, and the way on (end the group; the session can also be ended). */
function GameCrashNotice({ g, crash, ended, run }: { g: AdminGroupRow; crash: NonNullable<AdminGroupRow["gameCrash"]>; ended: boolean; run: RunCommand }) {
  const when = crash.command === "tick" ? "when its phase's time ran out" : crash.command === "action" ? "on a decision" : `on "${crash.command}"`;
  return (
    <div className="error" role="alert" data-testid={`game-crashed-${g.id}`}>
      <p style={{ margin: 0 }}>
        <strong>The game&apos;s code failed in round {g.round}</strong> ({when}, {crash.attempts} attempt{crash.attempts === 1 ? "" : "s"}): {crash.message}
      </p>
      <p style={{ margin: "4px 0" }}>
        Nothing of the failing step was applied and the group cannot go on by itself (&quot;End phase now&quot; fails the same way). End this
        group: its members go on to the exit survey with the points of the rounds they completed. Or end the session. The full error is in
        the server log.
      </p>
      <div className="row">
        <button type="button" className="secondary small" data-testid={`cmd-end-crashed-group-${g.id}`} disabled={ended} onClick={() => void run({ kind: "endFailedGroup", groupId: g.id })}>
          End this group
        </button>
      </div>
    </div>
  );
}

export function GroupPanel({ g, view, receivedAt, run }: { g: AdminGroupRow; view: AdminView; receivedAt: number; run: RunCommand }) {
  const left = useCountdown(g.remainingMs, receivedAt, view.status === "running" && g.status === "playing");
  const live = g.status === "playing" && view.status !== "ended";
  return (
    <section className="card group-card" data-testid={`group-${g.id}`}>
      <div className="spread">
        <h3 style={{ margin: 0 }}>
          Group {g.id} <span className={`pill ${g.computeFailure || g.gameCrash ? "ended" : g.status === "playing" || g.status === "computing" ? "running" : "ended"}`}>
            {groupStatusText(g)}
          </span>
        </h3>
        <button
          type="button"
          className="secondary small"
          data-testid={`cmd-force-end-${g.id}`}
          disabled={!live}
          onClick={() => void run({ kind: "forcePhaseEnd", groupId: g.id })}
        >
          End phase now
        </button>
      </div>
      <dl className="kv left" data-testid={`group-facts-${g.id}`}>
        {groupFacts(g, view.rounds, left === null ? "no limit" : formatMs(left)).map((f) => (
          <div key={f.label} style={{ display: "contents" }}>
            <dt>{f.label}</dt>
            <dd>{f.value}</dd>
          </div>
        ))}
      </dl>
      {g.computeFailure && <ComputeFailure g={g} failure={g.computeFailure} ended={view.status === "ended"} run={run} />}
      {g.gameCrash && !g.computeFailure && <GameCrashNotice g={g} crash={g.gameCrash} ended={view.status === "ended"} run={run} />}
      {g.monitor && <MonitorBlock m={g.monitor} />}
      <HistoryTable sessionId={view.sessionId} g={g} />
    </section>
  );
}
