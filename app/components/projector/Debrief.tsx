"use client";
/** After the session: each chart's series averaged over the rounds, played next to theory. */
import { useTranslations } from "use-intl";
import type { DebriefRow } from "@/lib/charts/debrief";
import { fmt } from "../../lib-client/format";

const show = (v: number | null, share: boolean) => (v === null ? "–" : share ? `${fmt(v * 100, 0)}%` : fmt(v, 3));

export function Debrief({ rows }: { rows: readonly DebriefRow[] }) {
  const t = useTranslations("projector");
  const charts = [...new Set(rows.map((r) => r.chart))];
  return (
    <section className="card" data-testid="debrief">
      <h2>{t("debrief")}</h2>
      <div className="chart-grid">
        {charts.map((c) => (
          <table key={c} className="debrief">
            <caption>{c}</caption>
            <thead>
              <tr>
                <th scope="col" />
                <th scope="col">{t("meanOverRounds")}</th>
                <th scope="col">{t("lastRound")}</th>
              </tr>
            </thead>
            <tbody>
              {rows
                .filter((r) => r.chart === c)
                .map((r) => (
                  <tr key={r.series} className={r.role} data-testid={`debrief-row`}>
                    <th scope="row">{r.series}</th>
                    <td>{show(r.mean, r.share)}</td>
                    <td>{show(r.last, r.share)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        ))}
      </div>
    </section>
  );
}
