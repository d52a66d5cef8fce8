/**
 * A section of the launch check: one thing theory predicts for a treatment (e.g. "Nash equilibrium and
 * social optimum"), as metrics and tables of plain scalars, so the New Session page, `mechlab check`
 * and its `--json` output show the same content. Numbers are rounded for reading (4 decimals, r4) or, in
 * the SSG section, kept at full precision for `--json`; the page and `mechlab check` show a number with
 * at most 4 (page: 3) decimals but at least as many significant digits (`readable`).
 */
import type { MonitorView, Scalar } from "../../core/game";

export interface LaunchSection {
  /** Stable id (tests, page anchors, scripts reading `--json`). */
  id: string;
  title: string;
  /** One sentence on what the section assumes (e.g. "everyone joins and reports truthfully"). */
  note?: string;
  metrics: MonitorView["metrics"];
  tables: MonitorView["tables"];
}

/** What a game's theory module returns for one treatment. */
export interface Theory {
  sections: LaunchSection[];
  /** Things the experimenter should read before opening the session. */
  warnings: string[];
}

/** Round to 4 decimals for reading (null stays null). */
export const r4 = (v: number | null | undefined): number | null => (v === null || v === undefined || !Number.isFinite(v) ? null : Math.round(v * 1e4) / 1e4);

/**
 * A number for reading: at most `digits` decimals, but at least `digits` significant digits, so that a
 * small value does not read as 0 (4: 3.55079 → "3.5508", 0.0000355079 → "0.00003551", 1.2e-9 → "1.2e-9").
 * For a value that already has at most `digits` decimals (e.g. from r4) it is String(v).
 */
export function readable(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return String(v);
  const big = v === 0 || Math.abs(v) >= 10 ** -1;
  return String(big ? Number(v.toFixed(digits)) : Number(v.toPrecision(digits)));
}

export const yn = (b: boolean): Scalar => (b ? "yes" : "no");

/** 1-based list of the indices where `pick` holds, or "nobody". */
export function whoList(flags: readonly boolean[], nobody = "nobody"): string {
  const out = flags.flatMap((f, i) => (f ? [i + 1] : []));
  return out.length ? out.join(", ") : nobody;
}

/** A vector for a table cell: "0.6931, 0, 0". */
export const vec = (v: readonly number[]): string => v.map((x) => r4(x)).join(", ");
