/**
 * The Vega-Lite spec of a {@link Figure}: its rows in long form (x, series label, value), one colour
 * and dash pattern per series, points on lines, grouped bars, and a vertical rule for the marker.
 * Pure JSON: rendered to SVG on the server (server/figures/svg.ts) or by vega in a browser.
 */
import type { TopLevelSpec } from "vega-lite";
import type { Figure } from "./figure";

/** A long-form datum of the spec: one per row and series with a finite value. */
export interface FigureDatum {
  x: number | string;
  series: string;
  value: number;
}

/** The plotted points of a figure (rows × series, non-finite values left out). */
export function figureData(f: Figure): FigureDatum[] {
  const out: FigureDatum[] = [];
  for (const r of f.rows) {
    const x = r[f.x.field];
    if (typeof x !== "number" && typeof x !== "string") continue;
    for (const s of f.series) {
      const v = r[s.field];
      if (typeof v === "number" && Number.isFinite(v)) out.push({ x, series: s.label, value: v });
    }
  }
  return out;
}

const PALETTE = ["#1f6fb4", "#d9730d", "#2e8540", "#b8336a", "#6c4fb0", "#7a7a7a", "#a0722d", "#0f8b8d"];

export interface FigureSpecOptions {
  width?: number;
  height?: number;
}

/** Vega-Lite spec of `f` (data inline). */
export function figureSpec(f: Figure, options: FigureSpecOptions = {}): TopLevelSpec {
  const labels = f.series.map((s) => s.label);
  const legend = { orient: "bottom", direction: "vertical", labelLimit: 420, symbolStrokeWidth: 2, ...(f.mark === "bar" ? {} : { symbolType: "stroke" }) } as const;
  const colour = { field: "series", type: "nominal", title: null, sort: labels, scale: { domain: labels, range: labels.map((_, i) => PALETTE[i % PALETTE.length]!) }, legend } as const;
  const xType = f.x.ordinal ? "ordinal" : "quantitative";
  const x = {
    field: "x",
    type: xType,
    title: f.x.title,
    ...(xType === "quantitative" ? { scale: f.x.scale === "log" ? { type: "log" } : { type: "linear", zero: false } } : { axis: { labelAngle: 0 } }),
  } as const;
  const y = { field: "value", type: "quantitative", title: f.y.title, scale: { zero: f.y.zero ?? false } } as const;
  const main =
    f.mark === "bar"
      ? { mark: { type: "bar" }, encoding: { x, xOffset: { field: "series", sort: labels }, y, color: colour, tooltip: [{ field: "series" }, { field: "x", title: f.x.title }, { field: "value", title: f.y.title, format: ".4~g" }] } }
      : {
          mark: { type: "line", point: { size: 28 }, strokeWidth: 2, invalid: "break-paths-filter-domains" },
          encoding: {
            x,
            y,
            color: colour,
            strokeDash: { field: "series", type: "nominal", title: null, sort: labels, scale: { domain: labels, range: f.series.map((s) => (s.dashed ? [6, 4] : [1, 0])) }, legend },
            tooltip: [{ field: "series" }, { field: "x", title: f.x.title }, { field: "value", title: f.y.title, format: ".4~g" }],
          },
        };
  const layers: unknown[] = [main];
  if (f.marker && f.mark !== "bar") {
    layers.push({
      data: { values: [{ x: f.marker.x, label: f.marker.label }] },
      mark: { type: "rule", color: "#222", strokeDash: [2, 3] },
      encoding: { x: { field: "x", type: "quantitative" } },
    });
    layers.push({
      data: { values: [{ x: f.marker.x, label: f.marker.label }] },
      mark: { type: "text", align: "left", baseline: "top", dx: 4, dy: 4, y: 0, fontSize: 11, color: "#222" },
      encoding: { x: { field: "x", type: "quantitative" }, text: { field: "label" } },
    });
  }
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: f.title, anchor: "start", fontSize: 14 },
    width: options.width ?? 460,
    height: options.height ?? 260,
    background: "white",
    data: { values: figureData(f) },
    layer: layers,
    config: { font: "sans-serif", axis: { labelFontSize: 11, titleFontSize: 12 }, legend: { labelFontSize: 11 } },
  } as unknown as TopLevelSpec;
}
