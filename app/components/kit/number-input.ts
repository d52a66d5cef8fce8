/**
 * Reading a number people type: "2", "2.5", "2,5" (decimal comma), ".5"; never exponents or
 * thousands separators. `checkNumber` adds the field's rules (range, decimals) and says what to fix.
 */
import { fmt } from "../../lib-client/format";

/** The number in `text`, or null when it is not a plain decimal number. */
export function parseDecimal(text: string, { allowNegative = false } = {}): number | null {
  const t = text.trim().replace(",", ".");
  const sign = allowNegative ? "[+-]?" : "[+]?";
  if (!new RegExp(`^${sign}(\\d+\\.?\\d*|\\.\\d+)$`).test(t)) return null;
  const x = Number(t);
  return Number.isFinite(x) ? x : null;
}

export interface NumberRules {
  min: number;
  max: number;
  /** Most decimals allowed (default: any). */
  decimals?: number;
}

/** The value, or a sentence saying what to type instead (null error for an empty field). */
export function checkNumber(text: string, r: NumberRules): { value: number | null; error: string | null } {
  if (text.trim() === "") return { value: null, error: null };
  const range = `a number between ${fmt(r.min, 6)} and ${fmt(r.max, 6)}`;
  const x = parseDecimal(text, { allowNegative: r.min < 0 });
  if (x === null) return { value: null, error: `Enter ${range} (digits, with "." or "," for decimals).` };
  if (x < r.min || x > r.max) return { value: null, error: `Enter ${range}.` };
  const decimals = (text.trim().split(/[.,]/)[1] ?? "").length;
  if (r.decimals !== undefined && decimals > r.decimals)
    return { value: null, error: r.decimals === 0 ? "Enter a whole number." : `Use at most ${r.decimals} decimal${r.decimals === 1 ? "" : "s"}.` };
  return { value: x, error: null };
}
