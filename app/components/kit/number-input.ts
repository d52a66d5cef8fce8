/**
 * Reading a number people type: "2", "2.5", "2,5" (decimal comma), ".5"; never exponents or
 * thousands separators. `checkNumber` adds the field's rules (range, decimals) and names the problem;
 * `NumberField` words it in the participant's language.
 */

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

/** What is wrong with a typed number; the field says it in the participant's language (`number.*` messages). */
export type NumberProblem =
  | { kind: "notANumber"; min: number; max: number }
  | { kind: "outOfRange"; min: number; max: number }
  | { kind: "notWhole" }
  | { kind: "tooManyDecimals"; decimals: number };

/** The value, or what is wrong with the text (null problem for an empty field). */
export function checkNumber(text: string, r: NumberRules): { value: number | null; problem: NumberProblem | null } {
  if (text.trim() === "") return { value: null, problem: null };
  const x = parseDecimal(text, { allowNegative: r.min < 0 });
  if (x === null) return { value: null, problem: { kind: "notANumber", min: r.min, max: r.max } };
  if (x < r.min || x > r.max) return { value: null, problem: { kind: "outOfRange", min: r.min, max: r.max } };
  const decimals = (text.trim().split(/[.,]/)[1] ?? "").length;
  if (r.decimals !== undefined && decimals > r.decimals)
    return { value: null, problem: r.decimals === 0 ? { kind: "notWhole" } : { kind: "tooManyDecimals", decimals: r.decimals } };
  return { value: x, problem: null };
}
