"use client";
import Link from "next/link";
import type { AdminView } from "@/lib/engine/views";
import { useJoinAddress } from "../../lib-client/join-address";
import { CopyButton } from "../CopyButton";
import type { SessionDetail } from "./types";

/**
 * Room code in big letters (for the board) and the join URL (MECHLAB_PUBLIC_URL, or this page's own
 * address, with a warning when that is localhost: lib/protocol/join-address.ts).
 */
export function SessionHeader({ detail, view }: { detail: SessionDetail; view: AdminView }) {
  const join = useJoinAddress(detail.session.code);
  const joinUrl = join?.url ?? "";
  // people who declined the consent or failed the quiz took no part (the room's screen does not count them either)
  const joined = view.participants.filter((p) => p.stage !== "new" && p.leftBeforePlay === null).length;
  return (
    <section className="card">
      <div className="spread">
        <div>
          <h1 style={{ marginBottom: 0 }}>{view.title}</h1>
          <p className="muted small" style={{ marginTop: 4 }}>
            {view.gameId} · {view.seats} seats ({view.groupSize} per group) · {view.rounds} rounds · {joined} joined ·{" "}
            <span className={`pill ${view.status}`} data-testid="session-status">
              {view.status}
            </span>
          </p>
        </div>
      </div>
      <div className="row" style={{ alignItems: "baseline", gap: 16 }}>
        <div>
          <div className="muted small">Room code</div>
          <div className="room-code" data-testid="room-code">
            {detail.session.code}
          </div>
        </div>
        <div style={{ minWidth: 0, flex: 1 }}>
          <div className="muted small">Participants open</div>
          <div className="row">
            <a href={joinUrl} data-testid="join-url" style={{ wordBreak: "break-all", fontSize: "1.2rem" }}>
              {joinUrl}
            </a>
            <CopyButton text={joinUrl} label="Copy join URL" />
            <Link
              className="button secondary"
              href={`/admin/sessions/${encodeURIComponent(view.sessionId)}/projector`}
              target="_blank"
              rel="noopener"
              data-testid="open-projector"
            >
              Projector view
            </Link>
          </div>
        </div>
      </div>
      {join?.warning && (
        <p className="notice" role="alert" data-testid="join-warning" style={{ marginBottom: 0, overflowWrap: "anywhere" }}>
          <strong>Phones cannot open {join.warning.host}:</strong>{" "}
          {join.warning.pageUrls.length > 0 ? (
            <>
              open this page at{" "}
              {join.warning.pageUrls.map((u, i) => (
                <span key={u}>
                  {i > 0 && " or "}
                  <a href={u}>{u}</a>
                </span>
              ))}{" "}
              (log in there again)
            </>
          ) : (
            <>open this page at an address of this computer that phones on the network can reach</>
          )}{" "}
          or set <code>MECHLAB_PUBLIC_URL</code> (e.g. <code>MECHLAB_PUBLIC_URL=http://192.168.1.20:3000</code>) and restart. The join URL and the
          projector&apos;s QR code use that address.
        </p>
      )}
    </section>
  );
}
