/**
 * Checking a pasted list of completion codes (as a panel exports them: one per line, or a CSV with a
 * code column) against a session's payment rows: which codes belong to which seat, which pasted codes
 * match nobody, and which seats' codes were not in the list.
 */
import type { PaymentRow } from "./payments";

export interface CodeMatch {
  matched: { code: string; row: PaymentRow }[];
  /** Pasted words that look like a code (letters and digits, the codes' length) but match no seat. */
  unknown: string[];
  /** Seats whose completion code was not pasted. */
  missing: PaymentRow[];
}

export function matchCodes(pasted: string, rows: readonly PaymentRow[]): CodeMatch {
  const byCode = new Map(rows.map((r) => [r.completionCode.toUpperCase(), r]));
  const lengths = new Set(rows.map((r) => r.completionCode.length));
  const words = pasted.split(/[^A-Za-z0-9]+/).filter((w) => w.length > 0);
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
