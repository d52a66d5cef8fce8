import type { Locale } from "@/lib/i18n/locales";

let cap: number | null = null;
let locale: Locale = "en";

/**
 * The treatment's `decimals` on a participant's page: every number shown there has at most this many
 * decimals (set by the participant app from its view; admin pages never set it).
 */
export function setDisplayDecimals(decimals: number | null) {
  cap = decimals;
}

/**
 * The treatment's `language` on a participant's page: numbers are written the way its readers expect
 * (German: decimal comma, "1.234,5"). Set by the participant's language provider; admin pages stay English.
 */
export function setDisplayLocale(l: Locale) {
  locale = l;
}

/** Decimals to use where a screen asks for `digits`. */
export function shownDigits(digits: number): number {
  return cap === null ? digits : Math.min(digits, cap);
}

const decimalSeparator = () => (locale === "en" ? "." : (new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === "decimal")?.value ?? "."));

/**
 * A number as text for an input field a participant edits (prefilled values), rounded like `fmt` and
 * with the reader's decimal separator ("0,5" in German); `parseDecimal` reads both separators back.
 */
export function inputText(x: number, digits = 3): string {
  return exactInputText(Number(x.toFixed(shownDigits(digits))));
}

/** A number as text for an input field, unrounded (e.g. a true value to report), with the reader's decimal separator. */
export function exactInputText(x: number): string {
  return String(x).replace(".", decimalSeparator());
}

/** Number formatting for people: at most `digits` decimals (and the treatment's cap), no trailing zeros. */
export function fmt(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "–";
  digits = shownDigits(digits);
  const r = Number(x.toFixed(digits));
  return r.toLocaleString(locale === "en" ? "en-US" : locale, { maximumFractionDigits: digits });
}

/** An amount of money: always two decimals ("12.50", German "12,50"). */
export function fmtMoney(x: number): string {
  return x.toLocaleString(locale === "en" ? "en-US" : locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** A share as a whole percent: "40%" (German "40 %"). */
export function fmtPercent(share: number): string {
  return new Intl.NumberFormat(locale === "en" ? "en-US" : locale, { style: "percent", maximumFractionDigits: 0 }).format(Math.round(share * 100) / 100);
}

/** Any scalar from a monitor table or export row. */
export function fmtScalar(v: unknown): string {
  if (v === null || v === undefined) return "–";
  if (typeof v === "number") return fmt(v, 3);
  if (typeof v === "boolean") return v ? "yes" : "no";
  return String(v);
}
