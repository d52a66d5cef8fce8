"use client";
/** Round, timer and how many group members still have to act. */
import { useTranslations } from "use-intl";
import type { PlayView } from "@/lib/engine/views";
import { Countdown } from "../kit/Countdown";

export function PlayStatus({ play, receivedAt, running }: { play: PlayView; receivedAt: number; running: boolean }) {
  const t = useTranslations("play");
  const verb = play.phaseKind === "decision" ? t("stillDeciding") : t("stillReading");
  // the group's round is over and it waits for the other groups (random matching): no timer runs for it and
  // nobody in it has to act, so "no limit" and "0 of 4" would only suggest an endless wait
  const betweenRounds = play.game === null;
  return (
    <div className="status-bar" role="group" aria-label={t("statusLabel")}>
      <div>
        <span className="k">{t("round")}</span>
        <span className="v" data-testid="round-number">
          {t("xOfY", { x: play.round, y: play.rounds })}
        </span>
      </div>
      {!betweenRounds && (
        <>
          <div>
            <span className="k">{t("timeLeft")}</span>
            <Countdown remainingMs={play.remainingMs} receivedAt={receivedAt} running={running} />
          </div>
          <div>
            <span className="k">{verb}</span>
            <span className="v" data-testid="pending-count">
              {t("xOfY", { x: play.pendingCount, y: play.groupSize })}
            </span>
          </div>
        </>
      )}
    </div>
  );
}
