/** Number formatting for people: at most `digits` decimals, no trailing zeros. */
export function fmt(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "–";
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
