/**
 * Checking a pasted list of completion codes (as a panel exports them: one per line, or a CSV with a
 * code column, any separators) against a session's payment rows: which codes belong to which seat,
 * which pasted codes match nobody, and which seats' codes were not in the list.
 */
import type { PaymentRow } from "./payments";

/** The most text the box checks (a panel's export of 100,000 submissions is about 5 MB; its code column far less). */
export const CODE_PASTE_MAX_CHARS = 2_000_000;

export interface CodeMatch {
  matched: { code: string; row: PaymentRow }[];
  /** Pasted words that look like a code (letters and digits, the codes' length) but match no seat. */
  unknown: string[];
  /** Seats whose completion code was not pasted. */
  missing: PaymentRow[];
}

/** Why a paste cannot be checked, in words that say what to do, or null. */
export function codePasteProblem(pasted: string): string | null {
  if (pasted.length > CODE_PASTE_MAX_CHARS)
    return `That is ${(pasted.length / 1e6).toFixed(1)} million characters, more than the ${CODE_PASTE_MAX_CHARS / 1e6} million this box checks: paste only the column with the completion codes.`;
  if (!/[A-Za-z0-9]/.test(pasted.normalize("NFKC"))) return "Paste the completion codes first (one per line, or the panel's CSV export).";
  return null;
}

export function matchCodes(pasted: string, rows: readonly PaymentRow[]): CodeMatch {
  const byCode = new Map(rows.map((r) => [r.completionCode.toUpperCase(), r]));
  const lengths = new Set(rows.map((r) => r.completionCode.length));
  // NFKC: full-width letters and digits (East Asian keyboards, some spreadsheets) read as ASCII ones
  const words = pasted.slice(0, CODE_PASTE_MAX_CHARS).normalize("NFKC").split(/[^A-Za-z0-9]+/).filter((w) => w.length > 0);
  const matched: CodeMatch["matched"] = [];
  const unknown: string[] = [];
  const seen = new Set<string>();
  for (const w of words) {
    const up = w.toUpperCase();
    if (seen.has(up)) continue;
    const row = byCode.get(up);
    if (row) {
      seen.add(up);
      matched.push({ code: up, row });
    } else if (lengths.has(w.length) && /\d/.test(w) && /[A-Za-z]/.test(w)) {
      seen.add(up);
      unknown.push(w);
    }
  }
  const got = new Set(matched.map((m) => m.row.participant));
  return { matched, unknown, missing: rows.filter((r) => !got.has(r.participant)) };
}

/** At most `max` items of a list as text, then how many more ("A, B, C and 12 more"). */
export function listSome(items: readonly string[], max = 20): string {
  const shown = items.slice(0, max).join(", ");
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}
