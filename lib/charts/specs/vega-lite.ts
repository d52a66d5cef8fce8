/**
 * Vega-Lite specs for the charts of lib/charts (one builder for every chart; used in the browser by
 * app/components/charts and in Node by `mechlab figures` and the session report). The data is one
 * long table named `points` (CHART_DATA) with a row per series and point, so a live view swaps its rows
 * in place (`view.change(CHART_DATA, …)`) without re-parsing the spec.
 * Only Vega expressions the CSP-safe interpreter (vega-interpreter) evaluates are used.
 */
import type { TopLevelSpec } from "vega-lite";
import { DEFAULT_LOCALE, type Locale } from "../../i18n/locales";
import { translatorFor } from "../../i18n/translate";
import { CHART_PALETTE } from "../palette";
import type { Chart, SeriesRole } from "../types";

/** The name of the data set every chart spec reads. */
export const CHART_DATA = "points";

/** One row of the data table: a point of a series. */
export interface ChartRow {
  series: string;
  role: SeriesRole;
  color: string;
  x: number | string;
  y: number | null;
  lo: number | null;
  hi: number | null;
  n: number | null;
  /** The series' position in the chart (stacking and drawing order). */
  order: number;
}

/** The chart's data table (series in order, points in order). */
export function chartRows(chart: Chart): ChartRow[] {
  return chart.series.flatMap((s, order) =>
    s.points.map((p) => ({ series: s.name, role: s.role, color: s.colorKey ?? s.name, x: p.x, y: p.y, lo: p.lo ?? null, hi: p.hi ?? null, n: p.n ?? null, order })),
  );
}

/** Colour-blind-safe palette (Okabe–Ito, black last; lib/charts/palette.ts). */
export { CHART_PALETTE };

export interface ChartSpecOptions {
  /** "container" (default) fills the element's width (responsive); a number fixes it (files). */
  width?: number | "container";
  height?: number;
  /** Embed the rows in the spec (static files); live views insert them after parsing. */
  embedData?: boolean;
  /** Draw Vega's legends (default true; the live pages draw an HTML legend that wraps on phones). */
  legend?: boolean;
  /** The language of the tooltips' words and of the axes' numbers (0,5 in German); default English. */
  locale?: Locale;
  /** The axes' and legends' text in px (default 12; the room's screen draws larger, readable from the back row). */
  fontSize?: number;
}

/** The charts' text size unless told (px). */
export const CHART_FONT_PX = 12;

/** How each language writes numbers on the axes (d3-format locale definitions). */
const NUMBER_LOCALES: Readonly<Record<Locale, { decimal: string; thousands: string; grouping: number[]; currency: [string, string] }>> = {
  en: { decimal: ".", thousands: ",", grouping: [3], currency: ["$", ""] },
  de: { decimal: ",", thousands: ".", grouping: [3], currency: ["", "\u00a0€"] },
};

/**
 * In a file of fixed width (the reports) the series legend and the played/theory legend stand one above
 * the other, and a legend wraps after 3 entries: in one row, longer names (German series names) or more
 * series (CIP's contract per type, rejected, excluded) would run past the SVG's edge and be cut off.
 */
const FIXED_WIDTH_LEGENDS = { columns: 3, layout: { bottom: { anchor: "start", direction: "vertical", margin: 4 } } };

/** The played/theory legend's line symbols: Vega-Lite paints them "transparent" (from the area layer) unless told. */
const DASH_SYMBOLS = { encode: { symbols: { update: { stroke: { value: "#333" } } } } };

/**
 * The colour of each colour key (a series' colorKey, else its name): a series' fixed `color` when it
 * has one (the same in every chart, e.g. a benchmark drawn in several charts), else the palette's next
 * colour that no fixed series of the chart uses, in the order of first use.
 */
export function seriesColors(chart: Chart): Map<string, string> {
  const fixed = new Map<string, string>();
  for (const s of chart.series) if (s.color && !fixed.has(s.colorKey ?? s.name)) fixed.set(s.colorKey ?? s.name, s.color);
  const taken = new Set(fixed.values());
  const free = CHART_PALETTE.filter((c) => !taken.has(c));
  const pool = free.length ? free : CHART_PALETTE;
  let next = 0;
  return new Map(colorKeys(chart).map((k) => [k, fixed.get(k) ?? pool[next++ % pool.length]!]));
}

/** The dash pattern of theory lines (played lines are solid). */
export const THEORY_DASH = [6, 4];

const colorKeys = (chart: Chart) => [...new Set(chart.series.map((s) => s.colorKey ?? s.name))];

/** The longest a category's label is drawn (longer ones end in "…"). */
const LABEL_LIMIT_PX = 120;
/** About how wide a character of a 12 px axis label is (digits and the en dash of "0.6–1.2"; Node cannot measure text); larger text in proportion. */
const LABEL_CHAR_PX = 7;
/**
 * The narrowest plot of a live chart ("container" width): the projector at 1280 px, three charts a row beside
 * the leaderboard (~290 px each), less the y axis at the room's 16 px text.
 */
const NARROW_PLOT_PX = 200;
/** What the y axis (numbers and title) takes of a fixed width. */
const Y_AXIS_PX = 60;

/**
 * The angle of a nominal x axis's labels: level when side by side they fit the plot, else -45° (a histogram's
 * ten bins "0–0.6", "0.6–1.2", … overlapped, unreadable, on the projector at 1280×720). A live chart's width
 * is its container's, known only in the browser: it is taken as narrow as the projector draws it.
 */
export function categoryLabelAngle(labels: readonly string[], width: number | "container", fontPx: number = CHART_FONT_PX): number {
  const longest = Math.min(LABEL_LIMIT_PX, ((LABEL_CHAR_PX * fontPx) / CHART_FONT_PX) * Math.max(0, ...labels.map((l) => l.length)));
  const plot = width === "container" ? NARROW_PLOT_PX : width - Y_AXIS_PX;
  return labels.length * (longest + 8) > plot ? -45 : 0;
}

export function chartSpec(chart: Chart, opts: ChartSpecOptions = {}): TopLevelSpec {
  const keys = colorKeys(chart);
  const colors = seriesColors(chart);
  const showLegend = opts.legend !== false;
  const legend = { orient: "bottom" as const, direction: "horizontal" as const, labelLimit: 260 };
  const color = {
    field: "color",
    type: "nominal" as const,
    title: null,
    scale: { domain: keys, range: keys.map((k) => colors.get(k)!) },
    legend: showLegend ? legend : null,
  };
  const yScale = chart.y.share ? { domain: [0, 1] } : { zero: false };
  const yAxis = chart.y.share ? { format: ".0%" } : {};
  const locale = opts.locale ?? DEFAULT_LOCALE;
  const font = opts.fontSize ?? CHART_FONT_PX;
  const t = translatorFor(locale);
  const tooltip = [
    { field: "series", type: "nominal" as const, title: t("charts.panel.series") },
    { field: "x", title: chart.x.title },
    { field: "y", type: "quantitative" as const, title: chart.y.title, format: chart.y.share ? ".1%" : ",.3~f" },
    { field: "n", type: "quantitative" as const, title: t("charts.panel.values") },
  ];
  const base = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    description: `${chart.title}. ${chart.description}`,
    width: opts.width ?? "container",
    height: opts.height ?? 220,
    autosize: { type: "fit" as const, contains: "padding" as const },
    padding: 6,
    data: { name: CHART_DATA },
    ...(opts.embedData ? { datasets: { [CHART_DATA]: chartRows(chart) } } : {}),
    config: { view: { stroke: null }, axis: { labelFontSize: font, titleFontSize: font }, legend: { labelFontSize: font, ...(typeof opts.width === "number" ? FIXED_WIDTH_LEGENDS : {}) }, locale: { number: NUMBER_LOCALES[locale] } },
  };
  const roleLabels = `datum.label == 'theory' ? ${JSON.stringify(t("charts.role.theory"))} : ${JSON.stringify(t("charts.role.played"))}`;
  if (chart.kind === "rounds") {
    // rounds start at 1: the axis starts where the rounds do (a quantitative scale would include 0 and, over
    // many rounds, tick 0, 2, 4, …)
    const x = { field: "x", type: "quantitative" as const, title: chart.x.title, scale: { zero: false, nice: false }, axis: { tickMinStep: 1, format: "d" } };
    const y = (field: string) => ({ field, type: "quantitative" as const, title: chart.y.title, scale: yScale, axis: yAxis });
    const dash = {
      field: "role",
      type: "nominal" as const,
      title: null,
      scale: { domain: ["played", "theory"], range: [[1, 0], THEORY_DASH] },
      // the roles' names in the chart's language (the data keep "played" and "theory")
      legend: showLegend ? { ...legend, symbolType: "stroke", symbolStrokeColor: "#333", symbolStrokeWidth: 2, labelExpr: roleLabels, ...DASH_SYMBOLS } : null,
    };
    return {
      ...base,
      layer: [
        {
          transform: [{ filter: "datum.role == 'played' && datum.lo != null && datum.hi != null" }],
          mark: { type: "area", opacity: 0.16 },
          encoding: { x, y: y("lo"), y2: { field: "hi" }, color },
        },
        {
          transform: [{ filter: "datum.y != null" }],
          mark: { type: "line", point: true, strokeWidth: 2.5 },
          encoding: { x, y: y("y"), color, strokeDash: dash, detail: { field: "series" }, tooltip },
        },
      ],
    } as TopLevelSpec;
  }
  const playedNames = chart.series.filter((s) => s.role === "played").map((s) => s.name);
  const labelAngle = categoryLabelAngle(chart.x.categories ?? [...new Set(chart.series.flatMap((s) => s.points.map((p) => String(p.x))))], opts.width ?? "container", font);
  const x = { field: "x", type: "nominal" as const, title: chart.x.title, sort: chart.x.categories ?? null, axis: { labelAngle, labelLimit: LABEL_LIMIT_PX } };
  const y = (field: string) => ({ field, type: "quantitative" as const, title: chart.y.title, scale: yScale, axis: yAxis });
  if (chart.kind === "stacked")
    return {
      ...base,
      transform: [{ filter: "datum.y != null" }],
      mark: { type: "bar" },
      encoding: { x, y: { ...y("y"), stack: "zero" }, color: { ...color, legend: showLegend ? { ...legend, symbolType: "square" } : null }, order: { field: "order", type: "quantitative" }, tooltip },
    } as TopLevelSpec;
  return {
    ...base,
    encoding: { x },
    layer: [
      {
        transform: [{ filter: "datum.role == 'played' && datum.y != null" }],
        mark: { type: "bar", opacity: 0.85 },
        encoding: { y: y("y"), xOffset: { field: "series", sort: playedNames }, color: { ...color, legend: showLegend ? { ...legend, symbolType: "square" } : null }, tooltip },
      },
      {
        transform: [{ filter: "datum.role == 'played' && datum.lo != null && datum.hi != null" }],
        mark: { type: "rule", strokeWidth: 2, color: "#333" },
        encoding: { y: y("lo"), y2: { field: "hi" }, xOffset: { field: "series", sort: playedNames } },
      },
      {
        transform: [{ filter: "datum.role == 'theory' && datum.y != null" }],
        mark: { type: "tick", thickness: 3, size: 36 },
        encoding: { y: y("y"), color, tooltip },
      },
    ],
  } as TopLevelSpec;
}
