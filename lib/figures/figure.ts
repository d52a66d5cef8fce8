/**
 * A figure as data: the table behind it (one row per x value, one column per plotted series, plus
 * any context columns such as feasibility) and how to draw it. The same object gives the CSV
 * (`figureCsvColumns`), the Vega-Lite spec (./spec.ts) and the SVG (server/figures/svg.ts), so what
 * is drawn is exactly what is written next to it.
 */

export type FigureCell = number | string | boolean | null;
export type FigureRow = Record<string, FigureCell>;

/** One plotted line (or bar group): a numeric column of the rows and its legend label. */
export interface FigureSeries {
  field: string;
  label: string;
  /** Dashed line (reference curves: bounds, closed forms, the baseline). */
  dashed?: boolean;
}

/** A vertical marker at one x value, e.g. "this treatment". */
export interface FigureMarker {
  x: number;
  label: string;
}

export interface Figure {
  /** File name stem, e.g. "cip-fig1-cc-utility-vs-cis". */
  id: string;
  title: string;
  /** What is plotted, with every parameter held fixed (also written into the docs). */
  caption: string;
  x: { field: string; title: string; scale?: "linear" | "log"; ordinal?: boolean };
  y: { title: string; zero?: boolean };
  mark: "line" | "bar" | "step";
  series: FigureSeries[];
  rows: FigureRow[];
  marker?: FigureMarker;
}

/** Column order of the CSV: x, the series, then every other column in first-seen order. */
export function figureCsvColumns(f: Figure): string[] {
  const cols = [f.x.field, ...f.series.map((s) => s.field)];
  for (const r of f.rows) for (const k of Object.keys(r)) if (!cols.includes(k)) cols.push(k);
  return cols;
}

/** The numeric values of one series (null where the row has no value). */
export function seriesValues(f: Figure, field: string): (number | null)[] {
  return f.rows.map((r) => {
    const v = r[field];
    return typeof v === "number" && Number.isFinite(v) ? v : null;
  });
}

/** n values from a to b, evenly spaced (linear) or geometrically (log), both ends included. */
export function sweep(a: number, b: number, n: number, scale: "linear" | "log" = "linear"): number[] {
  if (n < 2) return [a];
  return Array.from({ length: n }, (_, i) => {
    const t = i / (n - 1);
    return scale === "log" ? a * Math.pow(b / a, t) : a + (b - a) * t;
  });
}

/** Rounds a sweep value for display and CSV (keeps 6 significant digits). */
export function tidy(x: number): number {
  return Number(x.toPrecision(6));
}
