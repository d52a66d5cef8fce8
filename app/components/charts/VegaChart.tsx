"use client";
/**
 * One live chart: the Vega-Lite spec of lib/charts/specs, compiled and parsed for the CSP-safe
 * interpreter (`vega.parse(spec, config, { ast: true })`, `expressionInterpreter`), drawn as SVG. A new
 * feed message with the same series only swaps the data rows in place (`view.change`), no re-parse.
 * The element carries the chart's data (`data-chart`) and, once drawn, the rows the Vega view holds
 * (`data-rendered`), so tests check data, not pixels. `height` "fill": as tall as the box the page's
 * layout gives the drawing (the room's screen fits the viewport), measured and drawn again when it changes.
 */
import { useEffect, useMemo, useRef, useState, type RefObject } from "react";
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

/** The least a "fill" chart is drawn (px), however small its box. */
const MIN_FILL_PX = 80;

/** The height of `el`'s box, to the nearest 4 px (so a pixel's jitter does not draw the chart again); null until measured. */
function useBoxHeight(el: RefObject<HTMLDivElement | null>, on: boolean): number | null {
  const [h, setH] = useState<number | null>(null);
  useEffect(() => {
    const node = el.current;
    if (!on || !node) return;
    const measure = () => setH(Math.max(MIN_FILL_PX, Math.round(node.clientHeight / 4) * 4));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(node);
    return () => ro.disconnect();
  }, [el, on]);
  return h;
}

export function VegaChart({ chart, height: asked = 220, locale = DEFAULT_LOCALE, fontSize }: { chart: Chart; height?: number | "fill"; locale?: Locale; fontSize?: number }) {
  const t = translatorFor(locale);
  const box = useRef<HTMLDivElement>(null);
  const fillBox = useRef<HTMLDivElement>(null);
  const measured = useBoxHeight(fillBox, asked === "fill");
  const height = asked === "fill" ? measured : asked;
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
    if (height === null) return; // a "fill" chart before its box is measured
    void loadVega()
      .then(async ({ vega, compile, expressionInterpreter }) => {
        if (cancelled || !box.current) return;
        const spec = compile(chartSpec(chartRef.current, { height, legend: false, locale, ...(fontSize ? { fontSize } : {}) })).spec;
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
  }, [shape, height, locale, fontSize]);

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
      {asked === "fill" ? (
        // the box takes the height the layout leaves; the drawing inside it does not push it taller
        <div ref={fillBox} className="chart-fill">
          <div ref={box} className="chart-canvas" role="img" aria-label={`${chart.title}. ${chart.description}`} />
        </div>
      ) : (
        <div ref={box} className="chart-canvas" role="img" aria-label={`${chart.title}. ${chart.description}`} />
      )}
      <ChartLegend chart={chart} />
      {error && <p className="error small">{t("charts.panel.notDrawn", { error })}</p>}
    </figure>
  );
}
