/**
 * RFC 4180 CSV writing that R (read.csv) and pandas (read_csv) read without options:
 * header row, comma separator, quotes only where needed, TRUE/FALSE for booleans, empty for missing.
 *
 * Formula injection (OWASP "CSV Injection"): a TEXT cell that starts with `=`, `+`, `-`, `@`, a tab or a
 * carriage return is written with a leading `'`, so a spreadsheet shows it as text instead of running
 * it; so is one that starts with `'` itself, so the guard can always be taken off again (a typed "'-Ann"
 * and a guarded "-Ann" were both written "'-Ann"). Numbers are never touched (a negative payoff stays a number).
 */
export type Cell = string | number | boolean | null | undefined | Decimal;

/**
 * A number written exactly as given (e.g. a money amount with two decimals, "2.80"): unquoted and never
 * guarded like text (a negative amount stays a number), so R and pandas read it as numeric.
 */
export class Decimal {
  constructor(readonly text: string) {
    if (!/^-?\d+(\.\d+)?$/.test(text)) throw new RangeError(`not a decimal number: ${text}`);
  }
}

export function csvCell(v: Cell): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Decimal) return v.text;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "number") return numberText(v);
  return quoted(neutralise(v));
}

/** Significant digits of a fraction in the files (`numberText`). */
export const SIGNIFICANT_DIGITS = 12;

/**
 * A number as the file writes it: whole numbers exactly; fractions with at most 12 significant digits, so
 * the noise of binary arithmetic (0.4 × 0.8 = 0.32000000000000006 is written 0.32) and of the linear
 * programs' solver (the CIP menu's 225.999999999998 points are written 226; its error is about 1e-12 of the
 * value, more than 15 digits would hide) does not reach the file. A fraction of 1e9 or more keeps three
 * decimals beyond its whole part, up to 15 digits (12 would round 999999999999.5 to a whole number).
 * Not finite: empty.
 */
export function numberText(v: number): string {
  if (!Number.isFinite(v)) return "";
  if (Number.isInteger(v)) return String(v);
  const wholeDigits = Math.abs(v) >= 1 ? Math.floor(Math.log10(Math.abs(v))) + 1 : 0;
  return String(Number(v.toPrecision(Math.min(15, Math.max(SIGNIFICANT_DIGITS, wholeDigits + 3)))));
}

const FORMULA_START = /^[=+\-@\t\r']/;

/** A text cell as a spreadsheet will show it: formula-like text, and text that starts with `'`, gets a leading `'`. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function quoted(v: string): string {
  return /[",\r\n]/.test(v) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function toCsv(columns: readonly string[], rows: readonly Record<string, Cell>[]): string {
  const lines = [columns.map(csvCell).join(",")];
  for (const r of rows) lines.push(columns.map((c) => csvCell(r[c])).join(","));
  return lines.join("\r\n") + "\r\n";
}
