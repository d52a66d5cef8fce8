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
import { useEffect, useState, type ReactNode } from "react";
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
import { chartsEmptyKey } from "./charts-text";
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
      <section className={`card projector-join compact ${view.full || notOpen(view) ? "full" : ""}`} data-testid="projector-join" data-full={view.full} data-open={!notOpen(view)}>
        <div className="compact-line">
          <span className="k">{t("roomCode")}</span>
          <span className="room-code" data-testid="projector-room-code">
            {view.roomCode}
          </span>
          <span className="muted">{t("joinAt")}</span>
          <span className="join-url" data-testid="projector-join-url">
            {join.url}
          </span>
          <JoinedCount view={view} />
        </div>
        {/* the instructor saw the address warning before play (and the monitor keeps it): during play the strip stays small */}
        <JoinQr url={join.url} />
      </section>
    );
  return (
    <section className={`card projector-join ${big ? "big" : ""} ${view.full || notOpen(view) ? "full" : ""}`} data-testid="projector-join" data-full={view.full} data-open={!notOpen(view)}>
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
        <JoinedCount view={view} block />
        {join.warning && <JoinWarning warning={join.warning} locale={view.language} />}
      </div>
      <JoinQr url={join.url} />
    </section>
  );
}

/** A session not opened yet (a draft): the join page would turn students away, so the screen says so and greys the QR code. */
const notOpen = (view: ProjectorView) => view.status === "draft";

/** How many joined; once no seat is left, "Session full" instead, so the screen stops inviting people who would be turned away. */
function JoinedCount({ view, block = false }: { view: ProjectorView; block?: boolean }) {
  const t = useTranslations("projector");
  const Tag = block ? "div" : "span";
  return (
    <Tag className="joined" data-testid="projector-joined">
      {notOpen(view) ? (
        <strong data-testid="projector-not-open">{t("notOpen")}</strong>
      ) : view.full ? (
        <strong data-testid="projector-full">{t("full", { seats: view.seats })}</strong>
      ) : (
        t("joined", { joined: view.joined, seats: view.seats, bots: view.bots })
      )}
    </Tag>
  );
}

/**
 * The header's status while playing, its parts joined by " · " (none left dangling): the round, the step,
 * the time left and "k of N decided" while a group plays; while none does (e.g. groups of bots have finished
 * and the people are still in the instructions), who is still reading or waiting for a group.
 */
function PlayingStatus({ view, receivedAt }: { view: ProjectorView; receivedAt: number }) {
  const t = useTranslations("projector");
  const parts: { key: string; node: ReactNode }[] = [];
  if (view.round !== null) {
    parts.push({ key: "round", node: <span data-testid="projector-round">{t("round", { round: view.round, rounds: view.rounds })}</span> });
    if (view.phaseLabel) parts.push({ key: "phase", node: <span>{view.phaseLabel}</span> });
    parts.push({ key: "time", node: <TimeLeft remainingMs={view.remainingMs} receivedAt={receivedAt} running={view.status === "running"} /> });
    if (view.pending !== null && view.playing !== null)
      parts.push({
        key: "decided",
        node: (
          <span className="muted" data-testid="projector-pending">
            {t("decided", { decided: view.playing - view.pending, playing: view.playing })}
          </span>
        ),
      });
  }
  const waiting = view.reading > 0 ? t("reading", { count: view.reading }) : view.waiting > 0 ? t("waitingForGroup", { count: view.waiting }) : null;
  if (waiting !== null)
    parts.push({
      key: "waiting",
      node: (
        <span className={view.round === null ? "" : "muted"} data-testid="projector-waiting">
          {waiting}
        </span>
      ),
    });
  if (parts.length === 0) parts.push({ key: "start", node: <span data-testid="projector-waiting">{t("waitingToStart")}</span> });
  return (
    <div className="projector-status" data-testid="projector-status">
      {parts.map((p, i) => (
        <span key={p.key}>
          {i > 0 && " · "}
          {p.node}
        </span>
      ))}
    </div>
  );
}

/**
 * The charts' text size on the room's screen (px): grows with the screen's height (16 px at 720, 24 px at
 * 1080), so axis labels stay readable from the back row on a large screen as on a small projector.
 */
export const roomChartFont = (innerHeight: number) => Math.max(13, Math.min(24, Math.round(innerHeight / 45)));

function useRoomChartFont(): number {
  const [px, setPx] = useState(16);
  useEffect(() => {
    const update = () => setPx(roomChartFont(window.innerHeight));
    update();
    window.addEventListener("resize", update);
    return () => window.removeEventListener("resize", update);
  }, []);
  return px;
}

function Screen({ view, join, receivedAt, online }: { view: ProjectorView; join: JoinAddress; receivedAt: number; online: boolean }) {
  const t = useTranslations("projector");
  const chartFont = useRoomChartFont();
  const paused = view.status === "paused" && view.stage !== "after";
  // play is over but people still answer the exit survey: the session runs until they send it (or it is ended)
  const inSurvey = view.stage === "after" && view.status !== "ended" && view.surveying > 0;
  // during play and for the debrief the screen fits the viewport (app/globals.css .projector-screen.fill): nobody scrolls a projector
  const fill = view.stage === "playing" || (view.stage === "after" && !inSurvey);
  return (
    <div className={fill ? "projector-screen fill" : "projector-screen"} data-testid="projector" data-stage={view.stage} data-status={view.status}>
      <header className="spread projector-head">
        <h1>{view.title}</h1>
        {!online && <span className="muted small">{t("reconnecting")}</span>}
        {view.stage === "playing" && <PlayingStatus view={view} receivedAt={receivedAt} />}
        {view.stage === "after" && <span data-testid="projector-over">{inSurvey ? t("gameOver") : t("over")}</span>}
      </header>
      {inSurvey && (
        <div className="notice" role="status" data-testid="projector-survey" style={{ textAlign: "center", margin: "12px 0" }}>
          <div style={{ fontSize: "clamp(1.8rem, 4vw, 3.2rem)", fontWeight: 800, lineHeight: 1.15 }}>{t("surveyNote")}</div>
          <div style={{ fontSize: "1.3rem" }}>{t("surveyCount", { count: view.surveying })}</div>
        </div>
      )}
      {paused && (
        <div className="notice" role="status" data-testid="projector-paused" style={{ textAlign: "center", margin: "12px 0" }}>
          <div style={{ fontSize: "clamp(2.4rem, 6vw, 5rem)", fontWeight: 800, lineHeight: 1.1 }}>{t("paused")}</div>
          <div style={{ fontSize: "1.3rem" }}>{t("pausedNote")}</div>
        </div>
      )}
      {view.stage !== "after" && <JoinPanel view={view} join={join} />}
      {view.stage === "after" && !inSurvey && view.debrief && <Debrief rows={view.debrief} />}
      {view.stage !== "before" && (
        <div className={view.leaderboard ? "projector-main" : "projector-main solo"}>
          {/* while people still answer the exit survey, the theory (charts after play, debrief) waits: it could colour their answers */}
          {!inSurvey && (
            <div className="projector-charts">
              <ChartsPanel
                charts={view.charts}
                title={t(view.stage === "after" ? "chartsTitleAfter" : view.chartsHeld === null ? "chartsTitle" : CHARTS_TITLE[view.chartsHeld])}
                emptyText={t(chartsEmptyKey(view.chartsHeld), { min: ROOM_MIN_GROUPS })}
                height={fill ? "fill" : 260}
                fontSize={chartFont}
                locale={view.language}
              />
              {view.chartsHeld === "theoryAfter" && (
                <p className="muted small" data-testid="projector-charts-held">
                  {t("chartsTheoryAfter", { groups: view.playingGroups ?? 0 })}
                </p>
              )}
            </div>
          )}
          {view.leaderboard && (
            <Leaderboard rows={view.leaderboard} afterRound={view.stage === "playing" && view.round !== null ? view.round - 1 : null} pilot={view.seats > 0 && view.bots === view.seats} minOwnRounds={view.minOwnRounds} />
          )}
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
