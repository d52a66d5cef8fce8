/**
 * Whether a participant's new view differs from the last one sent to them, without serialising either:
 * a deep comparison of the two plain-JSON views that stops at the first difference. The phase timer's
 * `remainingMs` is left out (it changes every millisecond; the browser counts it down itself), the
 * group's deadline is compared instead, so a new deadline is always sent.
 */
import type { ParticipantView } from "../../lib/engine/views";

export interface SentView {
  view: ParticipantView;
  /** The deadline of the participant's group when the view was made (undefined: not playing). */
  deadlineMs: number | null | undefined;
}

/** Deep equality of two plain-JSON values (objects, arrays, strings, numbers, booleans, null). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/** Whether `next` shows the participant nothing new compared with `last` (see the file comment). */
export function sameView(last: SentView, next: SentView): boolean {
  if (last.deadlineMs !== next.deadlineMs) return false;
  const a = last.view as unknown as Record<string, unknown>;
  const b = next.view as unknown as Record<string, unknown>;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) {
    if (k === "play") {
      if (!samePlay(last.view.play, next.view.play)) return false;
    } else if (!sameJson(a[k], b[k])) return false;
  }
  return true;
}

function samePlay(a: ParticipantView["play"], b: ParticipantView["play"]): boolean {
  if (a === null || b === null) return a === b;
  const pa = a as unknown as Record<string, unknown>;
  const pb = b as unknown as Record<string, unknown>;
  const keys = Object.keys(pa);
  if (keys.length !== Object.keys(pb).length) return false;
  for (const k of keys) if (k !== "remainingMs" && !sameJson(pa[k], pb[k])) return false;
  return true;
}
