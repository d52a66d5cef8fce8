"use client";
import { useEffect, useRef, useState } from "react";
import { api } from "../../lib-client/api";
import { CopyButton } from "../CopyButton";
import { QrCode } from "../QrCode";
import { useParticipantOrigin } from "../../lib-client/join-address";
import type { SessionDetail } from "./types";

type Link = SessionDetail["links"][number];

/** Re-issue one seat's link after a confirmation (the old link stops working at once). */
function ReissueButton({ sessionId, link, onNew }: { sessionId: string; link: Link; onNew: (path: string) => void }) {
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reissue = async () => {
    const r = await api<{ ok: true; path: string }>(
      "POST",
      `/api/admin/sessions/${encodeURIComponent(sessionId)}/participants/${encodeURIComponent(link.participantId)}/reissue`,
      {},
    );
    setAsking(false);
    if (r.ok) onNew(r.body.path);
    else setError(r.message);
  };
  if (error) return <span className="error small">{error}</span>;
  if (!asking)
    return (
      <button type="button" className="secondary small" data-testid={`reissue-${link.seat}`} onClick={() => setAsking(true)}>
        New link
      </button>
    );
  return (
    <span className="row" style={{ flexWrap: "nowrap" }}>
      <span className="small">The old link stops working. Sure?</span>
      <button type="button" className="danger small" data-testid={`reissue-confirm-${link.seat}`} onClick={() => void reissue()}>
        Yes, new link
      </button>
      <button type="button" className="secondary small" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}

/**
 * A seat's link: copy it, show it as a QR code (a student who lost their tab scans it from the instructor's
 * screen), or re-issue it.
 */
function LinkActions({ sessionId, link, url, label, onNew }: { sessionId: string; link: Link; url: string; label: string | null; onNew: (path: string) => void }) {
  const [qr, setQr] = useState(false);
  const whose = `seat ${link.seat + 1}${label ? ` (${label})` : ""}`;
  return (
    <>
      <span className="row" style={{ flexWrap: "nowrap" }}>
        <CopyButton text={url} testId={`copy-link-${link.seat}`} />
        <button type="button" className="secondary small" data-testid={`qr-link-${link.seat}`} aria-expanded={qr} onClick={() => setQr((v) => !v)}>
          {qr ? "Hide QR code" : "QR code"}
        </button>
        <ReissueButton sessionId={sessionId} link={link} onNew={onNew} />
      </span>
      {qr && <QrCode text={url} alt={`QR code of the personal link of ${whose}`} testId={`qr-link-img-${link.seat}`} />}
    </>
  );
}

/**
 * One personal link per seat (send each person their own; whoever opens it takes that seat), with the name
 * the seat's person joined under (`labels`, by participant id), so a lost tab's link is found by name. A seat's
 * link can be re-issued, e.g. when a participant lost it or it reached the wrong person, and shown as a QR code.
 */
export function ParticipantLinks({
  sessionId,
  links: initial,
  freeSeats,
  labels,
}: {
  sessionId: string;
  links: SessionDetail["links"];
  freeSeats: string;
  labels: Readonly<Record<string, string | null>>;
}) {
  const origin = useParticipantOrigin();
  const [links, setLinks] = useState(initial);
  // a seat freed (by the experimenter, or by the server when nobody opened it) gets a new link: read them again
  const first = useRef(true);
  useEffect(() => {
    if (first.current) return void (first.current = false);
    void api<{ ok: true; links: SessionDetail["links"] }>("GET", `/api/admin/sessions/${encodeURIComponent(sessionId)}/links`).then((r) => {
      if (r.ok) setLinks(r.body.links);
    });
  }, [sessionId, freeSeats]);
  const replace = (seat: number, path: string) => setLinks((ls) => ls.map((l) => (l.seat === seat ? { ...l, path } : l)));
  return (
    <details className="card" open={links.length <= 12}>
      <summary>Personal participant links ({links.length})</summary>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Seat</th>
              <th>Name</th>
              <th>Link</th>
              <th>
                <span className="sr-only">Copy, QR code or re-issue</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {links.map((l) => (
              <tr key={l.seat}>
                <td>{l.seat + 1}</td>
                <td data-testid={`link-label-${l.seat}`}>{labels[l.participantId] ?? <span className="muted">–</span>}</td>
                <td style={{ wordBreak: "break-all" }}>
                  <a href={l.path} target="_blank" rel="noopener" data-testid={`participant-link-${l.seat}`}>
                    {origin}
                    {l.path}
                  </a>
                </td>
                <td>
                  <LinkActions sessionId={sessionId} link={l} url={`${origin}${l.path}`} label={labels[l.participantId] ?? null} onNew={(path) => replace(l.seat, path)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
