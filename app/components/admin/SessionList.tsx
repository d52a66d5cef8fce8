"use client";
/**
 * All sessions, newest first, each linking to its monitor. Choose sessions for a study-wide export
 * (long, wide or exit-survey CSV across sessions), or export every session of one treatment; archive sessions to
 * hide them, delete a finished one after typing its room code.
 */
import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { chosenSessionsQuery } from "../../lib-client/study-links";
import { api } from "../../lib-client/api";
import { treatmentChoices } from "../../lib-client/treatment-choices";

interface SessionRow {
  id: string;
  code: string;
  name: string;
  gameId: string;
  status: string;
  createdAt: string;
  archivedAt: string | null;
}

function DeleteSession({ s, onDone }: { s: SessionRow; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  if (!open)
    return (
      <button type="button" className="secondary small" data-testid={`delete-${s.code}`} onClick={() => setOpen(true)}>
        Delete…
      </button>
    );
  const del = async () => {
    const r = await api<{ ok: true }>("POST", `/api/admin/sessions/${encodeURIComponent(s.id)}/delete`, { confirm: typed });
    if (r.ok) onDone();
    else setError(r.message);
  };
  return (
    <div className="notice" role="alertdialog" aria-label={`Delete session ${s.code}`}>
      <p className="small" style={{ marginTop: 0 }}>
        Delete session {s.code} and all its data for good? Type its room code to confirm.
      </p>
      <input aria-label="Room code to confirm" data-testid={`delete-confirm-code-${s.code}`} value={typed} onChange={(e) => setTyped(e.target.value)} />
      {error && <p className="error small">{error}</p>}
      <div className="row">
        <button type="button" className="danger small" data-testid={`delete-confirm-${s.code}`} onClick={() => void del()}>
          Delete for good
        </button>
        <button type="button" className="secondary small" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </div>
  );
}

export function SessionList() {
  const [rows, setRows] = useState<SessionRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [showArchived, setShowArchived] = useState(false);
  const [treatment, setTreatment] = useState("");
  const load = useCallback(() => {
    void api<SessionRow[]>("GET", "/api/admin/sessions").then((r) => (r.ok ? setRows(r.body) : setError(r.message)));
  }, []);
  useEffect(load, [load]);
  if (error) return <p className="error">{error}</p>;
  if (!rows) return <p className="muted">Loading sessions…</p>;
  if (rows.length === 0) return <p className="muted">No sessions yet. Create one below.</p>;
  const sorted = [...rows].sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)));
  const visible = sorted.filter((s) => showArchived || !s.archivedAt);
  const archivedCount = rows.filter((s) => s.archivedAt).length;
  // one entry per treatment name and game: treatments of different games that share a name are not one file
  const treatments = treatmentChoices(rows);
  const toggle = (id: string) =>
    setChosen((c) => {
      const n = new Set(c);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const archive = async (s: SessionRow, archived: boolean) => {
    const r = await api("POST", `/api/admin/sessions/${encodeURIComponent(s.id)}/archive`, { archived });
    if (r.ok) load();
    else setError(r.message);
  };
  const picked = chosenSessionsQuery([...chosen].filter((id) => rows.some((r) => r.id === id)));
  const choice = treatments.find((t) => t.key === treatment);
  const which = (by: "sessions" | "treatment") =>
    by === "sessions" ? (picked.ok ? picked.query : "") : choice ? `treatment=${encodeURIComponent(choice.name)}&game=${encodeURIComponent(choice.gameId)}` : "";
  const studyUrl = (format: "long" | "wide" | "survey" | "codebook" | "payments", by: "sessions" | "treatment") => `/api/admin/export/study.csv?format=${format}&${which(by)}`;
  const reportUrl = (by: "sessions" | "treatment") => `/api/admin/export/study-report.html?${which(by)}`;
  return (
    <>
      <div className="table-wrap">
        <table data-testid="session-list">
          <thead>
            <tr>
              <th>
                <span className="sr-only">Choose for the study export</span>
              </th>
              <th>Room code</th>
              <th>Treatment</th>
              <th>Game</th>
              <th>Status</th>
              <th>Created</th>
              <th>
                <span className="sr-only">Archive or delete</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {visible.map((s) => (
              <tr key={s.id} data-testid={`session-row-${s.code}`}>
                <td>
                  <input type="checkbox" aria-label={`Choose session ${s.code}`} data-testid={`choose-${s.code}`} checked={chosen.has(s.id)} onChange={() => toggle(s.id)} />
                </td>
                <td>
                  <Link href={`/admin/sessions/${encodeURIComponent(s.id)}`}>
                    <strong>{s.code}</strong>
                  </Link>
                </td>
                <td>{s.name}</td>
                <td>{s.gameId}</td>
                <td>
                  <span className={`pill ${s.status}`}>{s.status}</span>
                  {s.archivedAt && <span className="small muted"> archived</span>}
                </td>
                <td className="small">{new Date(s.createdAt).toLocaleString()}</td>
                <td>
                  <div className="row" style={{ flexWrap: "nowrap" }}>
                    <button type="button" className="secondary small" data-testid={`archive-${s.code}`} onClick={() => void archive(s, !s.archivedAt)}>
                      {s.archivedAt ? "Unarchive" : "Archive"}
                    </button>
                    {(s.status === "ended" || s.status === "draft") && <DeleteSession s={s} onDone={load} />}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {archivedCount > 0 && (
        <label className="small">
          <input type="checkbox" data-testid="show-archived" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} /> Show {archivedCount} archived
          session{archivedCount === 1 ? "" : "s"}
        </label>
      )}
      <details>
        <summary>Study export across sessions</summary>
        <p className="small">
          Chosen sessions ({chosen.size}):{" "}
          {chosen.size === 0 ? (
            <span className="muted">tick sessions in the list</span>
          ) : !picked.ok ? (
            <span className="error" data-testid="study-too-many">
              {picked.message}
            </span>
          ) : (
            <>
              <a href={studyUrl("long", "sessions")} download data-testid="study-long">
                long CSV
              </a>{" "}
              ·{" "}
              <a href={studyUrl("wide", "sessions")} download data-testid="study-wide">
                wide CSV
              </a>{" "}
              ·{" "}
              <a href={studyUrl("survey", "sessions")} download data-testid="study-survey">
                exit survey CSV
              </a>{" "}
              ·{" "}
              <a href={studyUrl("payments", "sessions")} download data-testid="study-payments">
                payments CSV
              </a>{" "}
              ·{" "}
              <a href={studyUrl("codebook", "sessions")} download data-testid="study-codebook">
                codebook
              </a>{" "}
              ·{" "}
              <a href={reportUrl("sessions")} download data-testid="study-report">
                report (HTML, charts pooled per treatment)
              </a>
            </>
          )}
        </p>
        <p className="small">
          <label htmlFor="study-treatment">Every session of one treatment (archived sessions and drafts left out): </label>
          <select id="study-treatment" value={treatment} onChange={(e) => setTreatment(e.target.value)} style={{ width: "auto" }}>
            <option value="">— choose —</option>
            {treatments.map((t) => (
              <option key={t.key} value={t.key}>
                {t.label}
              </option>
            ))}
          </select>{" "}
          {choice && (
            <>
              <a href={studyUrl("long", "treatment")} download>
                long CSV
              </a>{" "}
              ·{" "}
              <a href={studyUrl("wide", "treatment")} download>
                wide CSV
              </a>{" "}
              ·{" "}
              <a href={studyUrl("survey", "treatment")} download>
                exit survey CSV
              </a>{" "}
              ·{" "}
              <a href={studyUrl("payments", "treatment")} download>
                payments CSV
              </a>{" "}
              ·{" "}
              <a href={studyUrl("codebook", "treatment")} download>
                codebook
              </a>{" "}
              ·{" "}
              <a href={reportUrl("treatment")} download>
                report (HTML)
              </a>
            </>
          )}
        </p>
      </details>
    </>
  );
}
