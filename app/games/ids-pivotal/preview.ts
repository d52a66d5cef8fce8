/**
 * Pure helpers of the Pivotal participant UI: the loner's cost preview (eq. 1 against the announced
 * profile) and reading a report form with the kit's number rules.
 */
import { userCostAt } from "@/lib/mechanisms/ids/unregulated";
import type { PivotalView } from "@/lib/games/ids-pivotal/views";
import { checkNumber } from "../../components/kit/number-input";
import { exactInputText } from "../../lib-client/format";

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

/** The form prefilled with the true type (unrounded, with the page's decimal separator). */
export function truthfulDraft(v: PivotalView): ReportDraft {
  return { alpha: exactInputText(v.me.alpha), c: exactInputText(v.me.c), q: exactInputText(v.me.q) };
}

/**
 * The report in the form, or null while a field is empty or outside its range (each field shows its
 * own problem): the server's bounds, shown rounded inwards to 4 decimals.
 */
export function readReport(v: Pick<PivotalView, "reportBounds">, d: ReportDraft): { alpha: number; c: number; q: number } | null {
  const read = (k: ReportField) => {
    const bounds = v.reportBounds[k];
    if (bounds === null) return 0;
    const [min, max] = shownBounds(bounds);
    return checkNumber(d[k], { min, max }).value;
  };
  const [alpha, c, q] = [read("alpha"), read("c"), read("q")];
  return alpha === null || c === null || q === null ? null : { alpha, c, q };
}

/** Bounds rounded inwards to 4 decimals (what people can type and what the server accepts). */
export function shownBounds([lo, hi]: [number, number]): [number, number] {
  return [Number((Math.ceil(lo * 1e4) / 1e4).toPrecision(12)), Number((Math.floor(hi * 1e4) / 1e4).toPrecision(12))];
}
