"use client";
/** The phase timer as "m:ss", counted down from the server's remainingMs on the monotonic clock. */
import { useTranslations } from "use-intl";
import { formatMs, useCountdown } from "../../lib-client/use-countdown";

export function Countdown({ remainingMs, receivedAt, running, testId = "time-left" }: { remainingMs: number | null; receivedAt: number; running: boolean; testId?: string }) {
  const t = useTranslations("play");
  const left = useCountdown(remainingMs, receivedAt, running);
  return (
    <span className={`v ${left !== null && left < 10_000 ? "timer-low" : ""}`} data-testid={testId} role="timer" aria-live="off">
      {left === null ? t("noLimit") : formatMs(left)}
    </span>
  );
}
