"use client";
/** The participant's own past rounds (points per round, and whether time ran out or the experimenter ended a step first). */
import { useTranslations } from "use-intl";
import type { ParticipantView } from "@/lib/engine/views";
import { fmt } from "../../lib-client/format";

export function History({ view }: { view: Pick<ParticipantView, "history"> }) {
  const t = useTranslations("history");
  if (view.history.length === 0) return null;
  return (
    <details className="card" data-testid="history">
      <summary>{t("heading")}</summary>
      <table>
        <thead>
          <tr>
            <th>{t("round")}</th>
            <th className="num">{t("points")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {view.history.map((h) => (
            <tr key={h.round}>
              <td>{h.round}</td>
              <td className="num">{fmt(h.payoff, 1)}</td>
              <td className="small muted">{h.endedByExperimenter ? t("endedByExperimenter") : h.timedOut ? t("timedOut") : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
