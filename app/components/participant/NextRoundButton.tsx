"use client";
/** The end of every results screen: "Next round" (or the final result), its error, or who we wait for. */
import { useTranslations } from "use-intl";
import type { PlayView } from "@/lib/engine/views";
import { useRefusalText } from "../../i18n/use-refusal-text";
import type { ActFn } from "../../lib-client/use-intent";
import { useIntent } from "../../lib-client/use-intent";

export function NextRoundButton({ play, act, locked, testIdPrefix = "" }: { play: PlayView; act: ActFn<{ type: "continue" }>; locked: boolean; testIdPrefix?: string }) {
  const t = useTranslations("results");
  const refusalText = useRefusalText();
  const { send, busy, error } = useIntent(act);
  const last = play.round >= play.rounds;
  if (!play.myTurn)
    return (
      <p className="ok-box" role="status">
        {play.pendingCount > 0 ? t("waitingToContinue", { count: play.pendingCount }) : t("startingNext")}
      </p>
    );
  return (
    <>
      {error && (
        <p className="error" role="alert" data-testid={`${testIdPrefix}next-error`}>
          {refusalText(error)}
        </p>
      )}
      <button
        type="button"
        className="block"
        data-testid={`${testIdPrefix}next-round`}
        disabled={busy || locked}
        onClick={() => void send(`r${play.round}:continue`, { type: "continue" })}
      >
        {busy ? t("sending") : last ? t("finalResult") : t("nextRound")}
      </button>
    </>
  );
}

/** Total points including this round's, which the engine credits only when the results screen closes. */
export function pointsSoFar(view: { totalPoints: number; history: { round: number }[] }, round: number, roundPoints: number): number {
  return view.totalPoints + (view.history.some((h) => h.round === round) ? 0 : roundPoints);
}
