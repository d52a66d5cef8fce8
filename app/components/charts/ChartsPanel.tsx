"use client";
/** The live charts of a session (monitor and projector): a responsive grid, one VegaChart each. */
import type { Chart } from "@/lib/charts/types";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translate";
import { VegaChart } from "./VegaChart";

/**
 * `locale`: the language of the panel's own words and of the axes' numbers (the charts' words come
 * with the charts). English on the monitor; the projector passes the session's language, and its
 * own `title` and `emptyText`.
 */
export function ChartsPanel({ charts, title, emptyText, height, locale = DEFAULT_LOCALE }: { charts: readonly Chart[]; title?: string; emptyText?: string; height?: number; locale?: Locale }) {
  const t = translatorFor(locale);
  const any = charts.some((c) => c.series.some((s) => s.points.length > 0 && s.role === "played"));
  return (
    <section className="card" data-testid="charts">
      <h2>{title ?? t("charts.panel.title")}</h2>
      {!any && (
        <p className="muted" data-testid="charts-empty">
          {emptyText ?? t("charts.panel.empty")}
        </p>
      )}
      <div className="chart-grid">
        {charts.map((c) => (
          <VegaChart key={c.id} chart={c} locale={locale} {...(height ? { height } : {})} />
        ))}
      </div>
    </section>
  );
}
