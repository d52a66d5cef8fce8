/**
 * Pure helpers of the Pivotal participant UI: the loner's cost preview (eq. 1 against the announced
 * profile) and reading a report form.
 */
import { userCostAt } from "@/lib/mechanisms/ids/unregulated";
import type { PivotalView } from "@/lib/games/ids-pivotal/views";
import { parseDecimal as parseInvestment } from "../../components/kit/number-input";

export interface LonerPreview {
  risk: number;
  invest: number;
  total: number;
  points: number;
}

/** A loner's cost at investment x if the participants invest what was announced (other loners: 0). */
export function lonerPreview(v: PivotalView, x: number): LonerPreview {
  const prot = v.announcement?.protectionAnnounced ?? 0;
  const c = userCostAt(v.me.alpha, v.me.ownWeight, v.me.c, v.me.q, x, prot);
  return { risk: c.risk, invest: c.invest, total: c.total, points: v.rules.pointsScale * (v.rules.endowment - c.total) };
}

export type ReportField = "alpha" | "c" | "q";
export interface ReportDraft {
  alpha: string;
  c: string;
  q: string;
}

/** The form prefilled with the true type. */
export function truthfulDraft(v: PivotalView): ReportDraft {
  return { alpha: String(v.me.alpha), c: String(v.me.c), q: String(v.me.q) };
}

/**
 * Read the report form: numbers within the allowed ranges, or the first problem (field + message),
 * the same rule the server applies (bounds shown rounded inwards to 4 decimals).
 */
export function readReport(v: PivotalView, d: ReportDraft): { ok: true; report: { alpha: number; c: number; q: number } } | { ok: false; field: ReportField; message: string } {
  const fields: [ReportField, string, [number, number] | null][] = [
    ["alpha", "possible loss α", v.reportBounds.alpha],
    ["c", "cost per unit c", v.reportBounds.c],
    ["q", "extra cost q", v.reportBounds.q],
  ];
  const out = { alpha: 0, c: 0, q: 0 };
  for (const [k, label, bounds] of fields) {
    if (bounds === null) continue;
    const x = parseInvestment(d[k]);
    const [lo, hi] = shownBounds(bounds);
    if (x === null) return { ok: false, field: k, message: `Enter a number for the ${label}.` };
    if (x < lo || x > hi) return { ok: false, field: k, message: `Report a ${label} between ${lo} and ${hi}.` };
    out[k] = x;
  }
  return { ok: true, report: out };
}

/** Bounds rounded inwards to 4 decimals (what people can type and what the server accepts). */
export function shownBounds([lo, hi]: [number, number]): [number, number] {
  return [Number((Math.ceil(lo * 1e4) / 1e4).toPrecision(12)), Number((Math.floor(hi * 1e4) / 1e4).toPrecision(12))];
}
