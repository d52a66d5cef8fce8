"use client";
/**
 * The room's screen (read-only): before play the room code in the largest type, the join URL, its QR
 * code and how many joined; during play the round, time left, live charts and the leaderboard ("Paused"
 * across the screen while the session is paused); after the session the debrief. Everything comes from
 * the projector feed (lib/engine/projector-view.ts), which holds no participant's private data, and the
 * join link from the server's settings (lib/protocol/join-address.ts: MECHLAB_PUBLIC_URL, or a warning
 * when the screen was opened on localhost, which phones cannot open). Participants read this screen, so
 * its words come from the catalogue in the treatment's language (`view.language`; English until the
 * first view arrives).
 */
import { useTranslations } from "use-intl";
import type { ProjectorView } from "@/lib/engine/projector-view";
import type { JoinAddress } from "@/lib/protocol/join-address";
import { ParticipantIntl } from "../../i18n/ParticipantIntl";
import { useJoinAddress } from "../../lib-client/join-address";
import { useProjectorWatch } from "../../lib-client/use-projector-watch";
import { ChartsPanel } from "../charts/ChartsPanel";
import { ROOM_MIN_GROUPS } from "@/lib/charts/room";

/** The charts' title while they are held back during play (lib/charts/room.ts). */
const CHARTS_TITLE = { fewGroups: "chartsTitleHeld", theoryAfter: "chartsTitlePlayed" } as const;
import { formatMs, useCountdown } from "../../lib-client/use-countdown";
import { Debrief } from "./Debrief";
import { JoinQr } from "./JoinQr";
import { JoinWarning } from "./JoinWarning";
import { Leaderboard } from "./Leaderboard";

export function Projector({ id }: { id: string }) {
  const { view, receivedAt, online, error } = useProjectorWatch(id);
  const join = useJoinAddress(view?.roomCode ?? "");
  return (
    <ParticipantIntl locale={view?.language ?? "en"}>
      {error ? <p className="error" role="alert">{error}</p> : !view || !join ? <Connecting /> : <Screen view={view} join={join} receivedAt={receivedAt} online={online} />}
    </ParticipantIntl>
  );
}

function Connecting() {
  const t = useTranslations("projector");
  return <p className="card">{t("connecting")}</p>;
}

/** The join panel: the room code is what students type, so it is the largest thing on it; then the URL, the count and the QR code. */
function JoinPanel({ view, join }: { view: ProjectorView; join: JoinAddress }) {
  const t = useTranslations("projector");
  const big = view.stage === "before";
  // during play a latecomer still finds the code, address and QR code, on one strip that leaves the screen to the charts
  if (!big)
    return (
      <section className="card projector-join compact" data-testid="projector-join">
        <div className="compact-line">
          <span className="k">{t("roomCode")}</span>
          <span className="room-code" data-testid="projector-room-code">
            {view.roomCode}
          </span>
          <span className="muted">{t("joinAt")}</span>
          <span className="join-url" data-testid="projector-join-url">
            {join.url}
          </span>
          <span className="joined" data-testid="projector-joined">
            {t("joined", { joined: view.joined, seats: view.seats, bots: view.bots })}
          </span>
        </div>
        {join.warning && <JoinWarning warning={join.warning} locale={view.language} />}
        <JoinQr url={join.url} />
      </section>
    );
  return (
    <section className={`card projector-join ${big ? "big" : ""}`} data-testid="projector-join">
      <div style={{ minWidth: 0, flex: "1 1 320px" }}>
        <div style={{ fontSize: big ? "clamp(1.2rem, 2vw, 2rem)" : "1.2rem", fontWeight: 700 }}>{t("roomCode")}</div>
        <div
          className="room-code"
          data-testid="projector-room-code"
          style={{ fontSize: big ? "clamp(2.4rem, 7.5vw, 9rem)" : "clamp(2rem, 4vw, 4rem)", lineHeight: 1.05, color: "inherit", overflowWrap: "anywhere" }}
        >
          {view.roomCode}
        </div>
        <div className="muted" style={{ marginTop: 8 }}>
          {t("joinAt")}
        </div>
        <div className="join-url" data-testid="projector-join-url" style={{ fontSize: big ? "clamp(1.1rem, 1.9vw, 2rem)" : "1.1rem" }}>
          {join.url}
        </div>
        <div className="joined" data-testid="projector-joined">
          {t("joined", { joined: view.joined, seats: view.seats, bots: view.bots })}
        </div>
        {join.warning && <JoinWarning warning={join.warning} locale={view.language} />}
      </div>
      <JoinQr url={join.url} />
    </section>
  );
}

function Screen({ view, join, receivedAt, online }: { view: ProjectorView; join: JoinAddress; receivedAt: number; online: boolean }) {
  const t = useTranslations("projector");
  const paused = view.status === "paused" && view.stage !== "after";
  return (
    <div data-testid="projector" data-stage={view.stage} data-status={view.status}>
      <header className="spread projector-head">
        <h1>{view.title}</h1>
        {!online && <span className="muted small">{t("reconnecting")}</span>}
        {view.stage === "playing" && (
          <div className="projector-status">
            {view.round !== null && (
              <span data-testid="projector-round">
                {t("round", { round: view.round, rounds: view.rounds })}
              </span>
            )}
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
      {paused && (
        <div className="notice" role="status" data-testid="projector-paused" style={{ textAlign: "center", margin: "12px 0" }}>
          <div style={{ fontSize: "clamp(2.4rem, 6vw, 5rem)", fontWeight: 800, lineHeight: 1.1 }}>{t("paused")}</div>
          <div style={{ fontSize: "1.3rem" }}>{t("pausedNote")}</div>
        </div>
      )}
      {view.stage !== "after" && <JoinPanel view={view} join={join} />}
      {view.stage === "after" && view.debrief && <Debrief rows={view.debrief} />}
      {view.stage !== "before" && (
        <div className={view.leaderboard ? "projector-main" : ""}>
          <div>
            <ChartsPanel
              charts={view.charts}
              title={t(view.stage === "after" ? "chartsTitleAfter" : view.chartsHeld === null ? "chartsTitle" : CHARTS_TITLE[view.chartsHeld])}
              emptyText={view.chartsHeld === "fewGroups" ? t("chartsFewGroups", { min: ROOM_MIN_GROUPS }) : t("chartsEmpty")}
              height={260}
              locale={view.language}
            />
            {view.chartsHeld === "theoryAfter" && (
              <p className="muted small" data-testid="projector-charts-held">
                {t("chartsTheoryAfter", { groups: view.playingGroups ?? 0 })}
              </p>
            )}
          </div>
          {view.leaderboard && <Leaderboard rows={view.leaderboard} afterRound={view.stage === "playing" && view.round !== null ? view.round - 1 : null} />}
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
