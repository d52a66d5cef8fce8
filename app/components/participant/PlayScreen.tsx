"use client";
/** The live round: status bar, then the game's own UI inside a `phase-<id>` container. */
import { useCallback } from "react";
import { useTranslations } from "use-intl";
import type { PhaseInstance } from "@/lib/engine/commands";
import type { ParticipantView } from "@/lib/engine/views";
import { gameUiFor } from "../../games/registry";
import type { ActAck } from "../../lib-client/use-intent";
import { fmt } from "../../lib-client/format";
import { Markdown } from "../Markdown";
import { PlayStatus } from "./PlayStatus";
import { usePhaseLabel } from "./use-phase-label";

type SendAction = (action: unknown, clientActionId: string, at: PhaseInstance) => Promise<ActAck>;

export function PlayScreen({ view, receivedAt, act: send }: { view: ParticipantView; receivedAt: number; act: SendAction }) {
  const t = useTranslations("play");
  const phaseLabel = usePhaseLabel();
  const play = view.play;
  const [round, phase, phaseSeq] = [play?.round ?? 0, play?.phase ?? "", play?.phaseSeq ?? 0];
  // every action answers the phase instance this screen shows: a late one is refused, never misapplied
  const act = useCallback((action: unknown, id: string) => send(action, id, { round, phase, phaseSeq }), [send, round, phase, phaseSeq]);
  if (!play) return <p className="card">{t("groupForming")}</p>;
  const locked = view.status !== "running" || view.botPlaying;
  const GameUi = gameUiFor(view.gameId);
  const label = phaseLabel(view.gameId, play.phase, play.phaseLabel);
  return (
    <div>
      <PlayStatus play={play} receivedAt={receivedAt} running={view.status === "running"} />
      <h2 style={{ marginTop: 0 }}>{label}</h2>
      {play.botChose && (
        <p className="notice" role="status" data-testid="bot-chose">
          {t(play.botReason === "dropout" ? "botChoseAway" : play.botReason === "latecomer" ? "botChoseBeforeYou" : "botChoseExperimenter")}
        </p>
      )}
      {view.botBeforeYou && (
        <p className="muted small" data-testid="bot-before-you">
          {t("botRoundsBeforeYou", { rounds: view.botBeforeYou.rounds, points: fmt(view.botBeforeYou.points, 1) })}
        </p>
      )}
      {play.computing && (
        <p className="card" role="status" data-testid={play.computeFailed ? "compute-failed" : "computing"}>
          {t(play.computeFailed ? "computeFailed" : "computing")}
        </p>
      )}
      {play.game === null ? (
        <p className="card" role="status">
          {t("otherGroups")}
        </p>
      ) : (
        <section data-testid={`phase-${play.phase}`} aria-label={label}>
          {GameUi ? (
            <GameUi key={`${play.round}:${play.phase}:${play.phaseSeq}`} view={view} play={play} game={play.game} act={act} locked={locked} />
          ) : (
            <p className="error">{t("unknownGame", { game: view.gameId })}</p>
          )}
        </section>
      )}
      {view.intro.instructions && (
        <details className="card">
          <summary>{t("instructions")}</summary>
          <Markdown source={view.intro.instructions} />
        </details>
      )}
    </div>
  );
}
