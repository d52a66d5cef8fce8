"use client";
/** The live charts of a session (monitor and projector): a responsive grid, one VegaChart each. */
import type { CSSProperties } from "react";
import type { Chart } from "@/lib/charts/types";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translate";
import { VegaChart } from "./VegaChart";

/**
 * `locale`: the language of the panel's own words and of the axes' numbers (the charts' words come
 * with the charts). English on the monitor; the projector passes the session's language, and its
 * own `title` and `emptyText`.
 * `height` "fill" (the room's screen during play): the charts share the panel's height, in columns of
 * `chartColumns` (one row up to 3 charts, else two rows), each as tall as its cell, with text of
 * `fontSize` px.
 */
export function ChartsPanel({
  charts,
  title,
  emptyText,
  height,
  locale = DEFAULT_LOCALE,
  fontSize,
}: {
  charts: readonly Chart[];
  title?: string;
  emptyText?: string;
  height?: number | "fill";
  locale?: Locale;
  fontSize?: number;
}) {
  const t = translatorFor(locale);
  const fill = height === "fill";
  const cols = chartColumns(charts.length);
  const any = charts.some((c) => c.series.some((s) => s.points.length > 0 && s.role === "played"));
  return (
    <section className={fill ? "card charts-fill" : "card"} data-testid="charts">
      <h2>{title ?? t("charts.panel.title")}</h2>
      {!any && (
        <p className="muted" data-testid="charts-empty">
          {emptyText ?? t("charts.panel.empty")}
        </p>
      )}
      <div className="chart-grid" style={fill ? ({ "--chart-cols": cols, "--chart-rows": Math.max(1, Math.ceil(charts.length / cols)) } as CSSProperties) : undefined}>
        {charts.map((c) => (
          <VegaChart key={c.id} chart={c} locale={locale} {...(height ? { height } : {})} {...(fontSize ? { fontSize } : {})} />
        ))}
      </div>
    </section>
  );
}

/** Columns of a panel that fills its height: up to 3 charts side by side, more in two rows. */
export const chartColumns = (n: number) => (n <= 3 ? Math.max(1, n) : Math.ceil(n / 2));
