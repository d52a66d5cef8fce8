/**
 * Whether a participant's new view differs from the last one sent to them, without serialising either:
 * a deep comparison of the two plain-JSON views that stops at the first difference. The phase timer's
 * `remainingMs` is left out (it changes every millisecond; the browser counts it down itself), the
 * group's deadline is compared instead, so a new deadline is always sent. A change of the group's progress
 * alone is told apart from any other change (server/realtime/view-outbox.ts holds it back briefly).
 */
import { sameJson } from "../../lib/core/same-json";
import type { ParticipantView } from "../../lib/engine/views";

export interface SentView {
  view: ParticipantView;
  /** The deadline of the participant's group when the view was made (undefined: not playing). */
  deadlineMs: number | null | undefined;
}


/**
 * What `next` shows the participant that `last` did not: nothing; only the group's progress (how many
 * members still have to act, `play.pendingCount`, or how many have arrived in the waiting room,
 * `waiting.ready`); or more than that.
 */
export type ViewChange = "none" | "progress" | "more";

export function viewChange(last: SentView, next: SentView): ViewChange {
  if (last.deadlineMs !== next.deadlineMs) return "more";
  const a = last.view as unknown as Record<string, unknown>;
  const b = next.view as unknown as Record<string, unknown>;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return "more";
  let progress = false;
  for (const k of keys) {
    if (k === "play") {
      const c = playChange(last.view.play, next.view.play);
      if (c === "more") return "more";
      if (c === "progress") progress = true;
    } else if (k === "waiting") {
      const c = waitingChange(last.view.waiting, next.view.waiting);
      if (c === "more") return "more";
      if (c === "progress") progress = true;
    } else if (!sameJson(a[k], b[k])) return "more";
  }
  return progress ? "progress" : "none";
}

/** Whether `next` shows the participant nothing new compared with `last` (see the file comment). */
export function sameView(last: SentView, next: SentView): boolean {
  return viewChange(last, next) === "none";
}

function waitingChange(a: ParticipantView["waiting"], b: ParticipantView["waiting"]): ViewChange {
  if (sameJson(a, b)) return "none";
  return sameJson({ ...a, ready: 0 }, { ...b, ready: 0 }) ? "progress" : "more";
}

function playChange(a: ParticipantView["play"], b: ParticipantView["play"]): ViewChange {
  if (a === null || b === null) return a === b ? "none" : "more";
  const pa = a as unknown as Record<string, unknown>;
  const pb = b as unknown as Record<string, unknown>;
  const keys = Object.keys(pa);
  if (keys.length !== Object.keys(pb).length) return "more";
  let progress = false;
  for (const k of keys) {
    if (k === "remainingMs") continue;
    if (k === "pendingCount") {
      if (!Object.prototype.hasOwnProperty.call(pb, k)) return "more";
      if (pa[k] !== pb[k]) progress = true;
    } else if (!sameJson(pa[k], pb[k])) return "more";
  }
  return progress ? "progress" : "none";
}
