"use client";
import Link from "next/link";
import { useEffect, useState } from "react";
import type { AdminView } from "@/lib/engine/views";
import { CopyButton } from "../CopyButton";
import type { SessionDetail } from "./types";

/** Room code in big letters (for the board) and the join URL. */
export function SessionHeader({ detail, view }: { detail: SessionDetail; view: AdminView }) {
  const [origin, setOrigin] = useState("");
  useEffect(() => setOrigin(window.location.origin), []);
  const joinUrl = `${origin}/join?code=${encodeURIComponent(detail.session.code)}`;
  const joined = view.participants.filter((p) => p.stage !== "new").length;
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
    </section>
  );
}
