"use client";
import { useEffect, useRef, useState } from "react";
import { api } from "../../lib-client/api";
import { CopyButton } from "../CopyButton";
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
 * One personal link per seat (send each person their own; whoever opens it takes that seat). A seat's
 * link can be re-issued, e.g. when a participant lost it or it reached the wrong person.
 */
export function ParticipantLinks({ sessionId, links: initial, freeSeats }: { sessionId: string; links: SessionDetail["links"]; freeSeats: string }) {
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
              <th>Link</th>
              <th>
                <span className="sr-only">Copy or re-issue</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {links.map((l) => (
              <tr key={l.seat}>
                <td>{l.seat + 1}</td>
                <td style={{ wordBreak: "break-all" }}>
                  <a href={l.path} target="_blank" rel="noopener" data-testid={`participant-link-${l.seat}`}>
                    {origin}
                    {l.path}
                  </a>
                </td>
                <td>
                  <span className="row" style={{ flexWrap: "nowrap" }}>
                    <CopyButton text={`${origin}${l.path}`} testId={`copy-link-${l.seat}`} />
                    <ReissueButton sessionId={sessionId} link={l} onNew={(path) => replace(l.seat, path)} />
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
