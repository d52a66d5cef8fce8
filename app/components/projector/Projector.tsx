"use client";
/**
 * The room's screen (read-only): before play the join URL in large type, its QR code and how many
 * joined; during play the round, time left, live charts and the leaderboard; after the session the
 * debrief. Everything comes from the projector feed (lib/engine/projector-view.ts), which holds no
 * participant's private data. Participants read this screen, so its words come from the catalogue in the
 * treatment's language (`view.language`; English until the first view arrives).
 */
import { useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import type { ProjectorView } from "@/lib/engine/projector-view";
import { ParticipantIntl } from "../../i18n/ParticipantIntl";
import { useProjectorWatch } from "../../lib-client/use-projector-watch";
import { ChartsPanel } from "../charts/ChartsPanel";
import { formatMs, useCountdown } from "../../lib-client/use-countdown";
import { Debrief } from "./Debrief";
import { JoinQr } from "./JoinQr";
import { Leaderboard } from "./Leaderboard";

export function Projector({ id }: { id: string }) {
  const { view, receivedAt, online, error } = useProjectorWatch(id);
  const [origin, setOrigin] = useState("");
  useEffect(() => setOrigin(window.location.origin), []);
  return (
    <ParticipantIntl locale={view?.language ?? "en"}>
      {error ? <p className="error" role="alert">{error}</p> : !view || !origin ? <Connecting /> : <Screen view={view} origin={origin} receivedAt={receivedAt} online={online} />}
    </ParticipantIntl>
  );
}

function Connecting() {
  const t = useTranslations("projector");
  return <p className="card">{t("connecting")}</p>;
}

function Screen({ view, origin, receivedAt, online }: { view: ProjectorView; origin: string; receivedAt: number; online: boolean }) {
  const t = useTranslations("projector");
  const joinUrl = `${origin}/join?code=${encodeURIComponent(view.roomCode)}`;
  const join = (
    <section className={`card projector-join ${view.stage === "before" ? "big" : ""}`} data-testid="projector-join">
      <div>
        <div className="muted">{t("joinAt")}</div>
        <div className="join-url" data-testid="projector-join-url">
          {joinUrl}
        </div>
        <div className="muted">
          {t("roomCode")} <span className="room-code" data-testid="projector-room-code">{view.roomCode}</span>
        </div>
        <div className="joined" data-testid="projector-joined">
          {t("joined", { joined: view.joined, seats: view.seats })}
        </div>
      </div>
      <JoinQr url={joinUrl} />
    </section>
  );
  return (
    <div data-testid="projector" data-stage={view.stage}>
      <header className="spread projector-head">
        <h1>{view.title}</h1>
        {!online && <span className="muted small">{t("reconnecting")}</span>}
        {view.stage === "playing" && (
          <div className="projector-status">
            <span data-testid="projector-round">
              {t("round", { round: view.round ?? 0, rounds: view.rounds })}
            </span>
            {view.phaseLabel && <span> · {view.phaseLabel}</span>}
            <span> · </span>
            <TimeLeft remainingMs={view.remainingMs} receivedAt={receivedAt} running={view.status === "running"} />
            {view.pending !== null && view.playing !== null && (
              <span className="muted" data-testid="projector-pending">
                {" "}
                · {t("decided", { decided: view.playing - view.pending, playing: view.playing })}
              </span>
            )}
          </div>
        )}
        {view.stage === "after" && <span data-testid="projector-over">{t("over")}</span>}
      </header>
      {view.stage !== "after" && join}
      {view.stage === "after" && view.debrief && <Debrief rows={view.debrief} />}
      {view.stage !== "before" && (
        <div className={view.leaderboard ? "projector-main" : ""}>
          <ChartsPanel charts={view.charts} title={t("chartsTitle")} emptyText={t("chartsEmpty")} height={260} locale={view.language} />
          {view.leaderboard && <Leaderboard rows={view.leaderboard} />}
        </div>
      )}
    </div>
  );
}

/** The phase timer ("m:ss", counted down from the server's remainingMs on the monotonic clock). */
function TimeLeft({ remainingMs, receivedAt, running }: { remainingMs: number | null; receivedAt: number; running: boolean }) {
  const t = useTranslations("projector");
  const left = useCountdown(remainingMs, receivedAt, running);
  return (
    <span className={left !== null && left < 10_000 ? "timer-low" : ""} data-testid="projector-time-left" role="timer" aria-live="off">
      {left === null ? t("noTimeLimit") : formatMs(left)}
    </span>
  );
}
