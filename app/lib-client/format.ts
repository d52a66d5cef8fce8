let cap: number | null = null;

/**
 * The treatment's `decimals` on a participant's page: every number shown there has at most this many
 * decimals (set by the participant app from its view; admin pages never set it).
 */
export function setDisplayDecimals(decimals: number | null) {
  cap = decimals;
}

/** Decimals to use where a screen asks for `digits`. */
export function shownDigits(digits: number): number {
  return cap === null ? digits : Math.min(digits, cap);
}

/** A number as text for an input field a participant edits (prefilled values), rounded like `fmt`. */
export function inputText(x: number, digits = 3): string {
  return String(Number(x.toFixed(shownDigits(digits))));
}

/** Number formatting for people: at most `digits` decimals (and the treatment's cap), no trailing zeros. */
export function fmt(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "–";
  digits = shownDigits(digits);
  const r = Number(x.toFixed(digits));
  return r.toLocaleString("en-US", { maximumFractionDigits: digits });
}

/** Any scalar from a monitor table or export row. */
export function fmtScalar(v: unknown): string {
  if (v === null || v === undefined) return "–";
  if (typeof v === "number") return fmt(v, 3);
  if (typeof v === "boolean") return v ? "yes" : "no";
  return String(v);
}
