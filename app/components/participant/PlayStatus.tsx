"use client";
/** Round, timer and how many group members still have to act. */
import { useTranslations } from "use-intl";
import type { PlayView } from "@/lib/engine/views";
import { Countdown } from "../kit/Countdown";

export function PlayStatus({ play, receivedAt, running }: { play: PlayView; receivedAt: number; running: boolean }) {
  const t = useTranslations("play");
  const verb = play.phaseKind === "decision" ? t("stillDeciding") : t("stillReading");
  return (
    <div className="status-bar" role="group" aria-label={t("statusLabel")}>
      <div>
        <span className="k">{t("round")}</span>
        <span className="v" data-testid="round-number">
          {t("xOfY", { x: play.round, y: play.rounds })}
        </span>
      </div>
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
    </div>
  );
}
