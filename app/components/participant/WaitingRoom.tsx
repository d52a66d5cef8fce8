"use client";
import { useTranslations } from "use-intl";
import type { ParticipantView } from "@/lib/engine/views";

/** Shown after the intro until the participant's group is complete. */
export function WaitingRoom({ view }: { view: ParticipantView }) {
  const t = useTranslations("waiting");
  const more = Math.max(0, view.waiting.needed - view.waiting.ready);
  return (
    <section className="card" data-testid="waiting-room" aria-live="polite">
      <h2 style={{ marginTop: 0 }}>{t("heading")}</h2>
      <p>{more > 0 ? t("waitingFor", { count: more }) : t("everyoneReady")}</p>
      <p className="muted small">{t("keepOpen")}</p>
      {view.waiting.maxMinutes !== null && view.history.length === 0 && (
        <p className="muted small" data-testid="max-wait">
          {t("maxWait", { minutes: view.waiting.maxMinutes })}
        </p>
      )}
    </section>
  );
}
