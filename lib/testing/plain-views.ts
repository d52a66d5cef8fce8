/**
 * A view goes to the browser as JSON, so it must be plain data: finite numbers, strings, booleans, null,
 * arrays and plain objects (an undefined field is left out, which is fine). NaN or Infinity would arrive
 * as null, a function, Map or Date as nothing useful; this finds them in every participant's view.
 */
import { participantView, type LoadedTreatment, type SessionState } from "../engine";

function problemsIn(v: unknown, path: string, out: string[]): void {
  if (v === null || v === undefined || typeof v === "string" || typeof v === "boolean") return;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) out.push(`${path} is ${v}`);
    return;
  }
  if (Array.isArray(v)) return v.forEach((x, i) => problemsIn(x, `${path}[${i}]`, out));
  if (typeof v === "object" && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null)) {
    for (const [k, x] of Object.entries(v)) problemsIn(x, `${path}.${k}`, out);
    return;
  }
  out.push(`${path} is a ${typeof v === "object" ? (v.constructor?.name ?? "non-plain object") : typeof v}`);
}

/** Every value in a participant's view that is not plain JSON data, as "p1's view.game.x is NaN". */
export function unplainViews(s: SessionState, lt: LoadedTreatment, nowMs: number): string[] {
  const out: string[] = [];
  for (const pid of s.order) problemsIn(participantView(s, lt, pid, nowMs), `${pid}'s view`, out);
  return out;
}
