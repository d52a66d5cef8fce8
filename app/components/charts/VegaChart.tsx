"use client";
/**
 * One live chart: the Vega-Lite spec of lib/charts/specs, compiled and parsed for the CSP-safe
 * interpreter (`vega.parse(spec, config, { ast: true })`, `expressionInterpreter`), drawn as SVG. A new
 * feed message with the same series only swaps the data rows in place (`view.change`), no re-parse.
 * The element carries the chart's data (`data-chart`) and, once drawn, the rows the Vega view holds
 * (`data-rendered`), so tests check data, not pixels.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import type { View } from "vega";
import type { Chart } from "@/lib/charts/types";
import { CHART_DATA, chartRows, chartSpec } from "@/lib/charts/specs/vega-lite";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translate";
import { ChartLegend } from "./ChartLegend";
import { loadVega } from "./load-vega";

/** What a new spec needs (the rest is data): kind, axes, series names, roles and colours, categories. */
const shapeOf = (c: Chart) =>
  JSON.stringify([c.kind, c.x, c.y, c.series.map((s) => [s.name, s.role, s.colorKey ?? null, s.color ?? null])]);

export function VegaChart({ chart, height = 220, locale = DEFAULT_LOCALE }: { chart: Chart; height?: number; locale?: Locale }) {
  const t = translatorFor(locale);
  const box = useRef<HTMLDivElement>(null);
  const view = useRef<View | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [rendered, setRendered] = useState<string | null>(null);
  const shape = shapeOf(chart);
  const rows = useMemo(() => chartRows(chart), [chart]);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const chartRef = useRef(chart);
  chartRef.current = chart;

  const publish = (v: View) =>
    setRendered(JSON.stringify((v.data(CHART_DATA) as { series: string; x: number | string; y: number | null }[]).map((r) => ({ series: r.series, x: r.x, y: r.y }))));

  // a new view when the shape changes
  useEffect(() => {
    let cancelled = false;
    let made: View | null = null;
    void loadVega()
      .then(async ({ vega, compile, expressionInterpreter }) => {
        if (cancelled || !box.current) return;
        const spec = compile(chartSpec(chartRef.current, { height, legend: false, locale })).spec;
        const runtime = vega.parse(spec, undefined, { ast: true });
        made = new vega.View(runtime, { expr: expressionInterpreter, renderer: "svg", container: box.current, hover: true });
        let inserted = rowsRef.current;
        made.change(CHART_DATA, vega.changeset().remove(() => true).insert(inserted)).resize();
        await made.runAsync();
        while (!cancelled && inserted !== rowsRef.current) {
          // the feed moved on while the view was being made
          inserted = rowsRef.current;
          made.change(CHART_DATA, vega.changeset().remove(() => true).insert(inserted)).resize();
          await made.runAsync();
        }
        if (cancelled) {
          made.finalize();
          return;
        }
        view.current = made;
        publish(made);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    return () => {
      cancelled = true;
      made?.finalize();
      view.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- data updates are the effect below
  }, [shape, height, locale]);

  // live data: swap the rows in place
  useEffect(() => {
    const v = view.current;
    if (!v) return;
    let cancelled = false;
    void loadVega().then(async ({ vega }) => {
      // resize(): lay the axes out again, their labels may have grown with the data
      v.change(CHART_DATA, vega.changeset().remove(() => true).insert(rows)).resize();
      await v.runAsync();
      if (!cancelled) publish(v);
    });
    return () => {
      cancelled = true;
    };
  }, [rows]);

  const data = useMemo(() => JSON.stringify({ id: chart.id, series: chart.series.map((s) => ({ name: s.name, role: s.role, points: s.points })) }), [chart]);
  return (
    <figure className="chart" data-testid={`chart-${chart.id}`} data-chart={data} data-rendered={rendered ?? undefined}>
      <figcaption>
        <strong>{chart.title}</strong>
        <span className="muted small"> {chart.description}</span>
      </figcaption>
      <div ref={box} className="chart-canvas" role="img" aria-label={`${chart.title}. ${chart.description}`} />
      <ChartLegend chart={chart} />
      {error && <p className="error small">{t("charts.panel.notDrawn", { error })}</p>}
    </figure>
  );
}
