/**
 * Taking a seat without a personal link: by room code + label, or by an online panel's participant id
 * (Prolific, MTurk, a treatment-chosen parameter such as SONA's `id`).
 *
 * - A label is not a key to a seat: a label already in use (any letter case) is refused with a message;
 *   the seat's own browser comes back with its stored link (the server checks that link, not the label).
 * - A panel id is a key: the same source + id always gets its own seat back (reload, another device);
 *   a new id takes the next free seat; nobody ever gets a seat another id holds.
 */
import { ActionErrorCode, type ActionError } from "../core/errors";
import { draftParticipant } from "./draft";
import type { ExternalId, ParticipantState, SessionState } from "./state";

/** Letters of any script (with their accents), digits, spaces, and . _ - ' ’ */
export const LABEL = /^[\p{L}\p{M}\p{N} ._'’-]{1,40}$/u;

export type ClaimResult = { ok: true; pid: string; existing: boolean } | { ok: false; error: ActionError };

const fail = (code: ActionError["code"], message: string): ClaimResult => ({ ok: false, error: { code, message } });

/** Labels compare without letter case and Unicode form differences ("ZOË" = "zoë"). */
export const labelKey = (label: string) => label.normalize("NFC").trim().toLocaleLowerCase("und");

function seats(s: SessionState): ParticipantState[] {
  return s.order.map((id) => s.participants[id]!);
}

function fullMessage(s: SessionState): string {
  return `This session is full: all ${s.order.length} places are taken. Nothing was recorded for you. Please go back to the page you came from (on Prolific or MTurk: return the study) or ask the experimenter.`;
}

export const NOT_OPEN = "This session has not opened yet. Please wait until the experimenter opens it, then try again.";

function freeSeat(s: SessionState): ParticipantState | undefined {
  return seats(s).find((p) => !p.claimed && p.stage === "new");
}

/** Claim a seat by a label typed with the room code. */
export function claimByLabel(s: SessionState, rawLabel: string): ClaimResult {
  const label = rawLabel.normalize("NFC").trim();
  if (!LABEL.test(label))
    return fail(ActionErrorCode.InvalidPayload, "Use 1 to 40 letters, digits, spaces, apostrophes, dots, dashes or underscores as your label.");
  const key = labelKey(label);
  if (seats(s).some((p) => p.label !== null && labelKey(p.label) === key))
    return fail(
      ActionErrorCode.LabelTaken,
      `The label "${label}" is already taken in this session. If it is yours, open this page in the browser you joined with (it remembers your seat) or ask the experimenter for your personal link; otherwise choose another label.`,
    );
  if (s.status === "ended") return fail(ActionErrorCode.MatchOver, "This session has ended.");
  if (s.status === "draft") return fail(ActionErrorCode.NotOpen, NOT_OPEN);
  const free = freeSeat(s);
  if (!free) return fail(ActionErrorCode.SessionFull, fullMessage(s));
  const seat = draftParticipant(s, free.id);
  seat.label = label;
  seat.claimed = true;
  return { ok: true, pid: free.id, existing: false };
}

/** Claim (or get back) the seat of an online panel's participant id. */
export function claimByPanel(s: SessionState, ext: ExternalId): ClaimResult {
  const mine = seats(s).find((p) => p.external?.source === ext.source && p.external.id === ext.id);
  if (mine) return { ok: true, pid: mine.id, existing: true };
  if (s.status === "ended") return fail(ActionErrorCode.MatchOver, "This session has ended.");
  if (s.status === "draft") return fail(ActionErrorCode.NotOpen, NOT_OPEN);
  const free = freeSeat(s);
  if (!free) return fail(ActionErrorCode.SessionFull, fullMessage(s));
  const seat = draftParticipant(s, free.id);
  seat.external = { source: ext.source, id: ext.id, extra: { ...ext.extra } };
  seat.claimed = true;
  return { ok: true, pid: free.id, existing: false };
}
