/**
 * Aggregates for charts readable at any number of participants: means, quantiles (spread), rates and
 * record accessors that tolerate empty cells. Pure.
 */
import type { Scalar } from "../core/game";
import type { ChartPoint, ChartRound } from "./types";

/** The spread drawn around played means: the 10th and 90th percentiles. */
export const SPREAD_QUANTILES = [0.1, 0.9] as const;

const round9 = (v: number) => Math.round(v * 1e9) / 1e9;

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let s = 0;
  for (const v of values) s += v;
  return round9(s / values.length);
}

/** The q-quantile with linear interpolation between order statistics (R's type 7); values need not be sorted. */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return round9(sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!));
}

/** Mean with the 10th–90th percentile spread and the count. */
export function summary(x: number | string, values: readonly number[]): ChartPoint {
  return { x, y: mean(values), lo: quantile(values, SPREAD_QUANTILES[0]), hi: quantile(values, SPREAD_QUANTILES[1]), n: values.length };
}

/** Mean only (theory series and counts). */
export function meanPoint(x: number | string, values: readonly number[]): ChartPoint {
  return { x, y: mean(values), n: values.length };
}

/** Share of `true` among the booleans given (null when there are none). */
export function ratePoint(x: number | string, flags: readonly boolean[]): ChartPoint {
  return { x, y: flags.length === 0 ? null : round9(flags.filter(Boolean).length / flags.length), n: flags.length };
}

export const num = (v: Scalar | undefined): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
export const bool = (v: Scalar | undefined): boolean | null => (typeof v === "boolean" ? v : null);

/** The numbers (skipping empty cells) of `pick` over `items`. */
export function numbers<T>(items: readonly T[], pick: (t: T) => Scalar | undefined): number[] {
  const out: number[] = [];
  for (const t of items) {
    const v = num(pick(t));
    if (v !== null) out.push(v);
  }
  return out;
}

export function flags<T>(items: readonly T[], pick: (t: T) => Scalar | undefined): boolean[] {
  const out: boolean[] = [];
  for (const t of items) {
    const v = bool(pick(t));
    if (v !== null) out.push(v);
  }
  return out;
}

/** A JSON array of numbers in one record cell (e.g. SSG coverage "[0.5,0.25]"), or null. */
export function numberArray(v: Scalar | undefined): number[] | null {
  if (typeof v !== "string") return null;
  try {
    const a: unknown = JSON.parse(v);
    return Array.isArray(a) && a.every((x) => typeof x === "number") ? (a as number[]) : null;
  } catch {
    return null;
  }
}

/** The completed rounds grouped by round number, in round order. */
export function byRound(rounds: readonly ChartRound[]): [number, ChartRound[]][] {
  const m = new Map<number, ChartRound[]>();
  for (const r of rounds) {
    const list = m.get(r.round);
    if (list) list.push(r);
    else m.set(r.round, [r]);
  }
  return [...m.entries()].sort((a, b) => a[0] - b[0]);
}

/** Every member's record of the rounds given. */
export const playersOf = (rounds: readonly ChartRound[]) => rounds.flatMap((r) => r.players);

/** A bin of a histogram: its label ("0–0.5"), the share of the values in it and their count. */
export interface Bin {
  label: string;
  share: number | null;
  n: number;
}

const short = (v: number, decimal: string) => String(Math.round(v * 1000) / 1000).replace(".", decimal);

/** The decimal separator of a language ("," in German). */
export const decimalSeparator = (locale: string) => new Intl.NumberFormat(locale).formatToParts(0.5).find((p) => p.type === "decimal")?.value ?? ".";

/**
 * `bins` equal bins over [lo, hi] (the last one closed; values outside are clamped into the end bins):
 * the share of the values in each, null when there are none. Labels use `decimal` ("0–0,5" in German).
 */
export function histogram(values: readonly number[], lo: number, hi: number, bins: number, decimal = "."): Bin[] {
  const width = (hi - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.max(0, Math.floor((v - lo) / width)))]! += 1;
  return counts.map((c, i) => ({
    label: `${short(lo + i * width, decimal)}–${short(lo + (i + 1) * width, decimal)}`,
    share: values.length === 0 ? null : round9(c / values.length),
    n: c,
  }));
}
