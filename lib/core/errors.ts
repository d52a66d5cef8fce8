/**
 * Typed errors for every rejected intent. Messages are shown to people: they say what to do next.
 * A message built with `worded("key", values)` (lib/i18n/refusal.ts) also carries its catalogue key, so
 * the participant's page shows it in the session's language; `message` stays the English sentence.
 */
import type { Wording } from "../i18n/refusal";

/** `worded("key", values)`: a refusal in the catalogue's words (lib/i18n/refusal.ts), for `fail`. */
export { worded } from "../i18n/refusal";

export const ActionErrorCode = {
  InvalidPayload: "action/invalid_payload",
  WrongPhase: "action/wrong_phase",
  /** The action answers an earlier phase instance than the one now open (e.g. the previous offer). */
  StalePhase: "action/stale_phase",
  NotParticipant: "action/not_participant",
  AlreadySubmitted: "action/already_submitted",
  OutOfRange: "action/out_of_range",
  MatchOver: "action/match_over",
  Paused: "session/paused",
  NotAllowed: "auth/not_allowed",
  WrongAnswer: "intro/wrong_answer",
  WrongStep: "intro/wrong_step",
  SessionFull: "session/full",
  LabelTaken: "session/label_taken",
  /** A panel id that holds a seat, from a browser that cannot show it is that seat's (no stored link, no matching panel session id). */
  PanelIdTaken: "session/panel_id_taken",
  NotOpen: "session/not_open",
  NotFound: "session/not_found",
  Conflict: "session/conflict",
  RateLimited: "session/rate_limited",
} as const;
export type ActionErrorCode = (typeof ActionErrorCode)[keyof typeof ActionErrorCode];

export interface ActionError {
  code: ActionErrorCode;
  /** A sentence for the person: what went wrong and what to do. */
  message: string;
  /** The offending input field, when there is one. */
  field?: string;
  /** The message's catalogue key and values, so the participant's page words it in their language (lib/i18n/refusal.ts). */
  wording?: Wording;
  /** A message per field, when a form's input is refused as a whole (e.g. the exit survey: per question id). */
  fields?: Record<string, string>;
  /** The wording of each message in `fields`. */
  fieldWordings?: Record<string, Wording>;
}

/** A refusal's text: a plain English sentence, or `worded(key, values)` (English sentence + wording). */
export type RefusalText = string | { message: string; wording: Wording };

export function actionError(code: ActionErrorCode, text: RefusalText, field?: string): ActionError {
  const base: ActionError = typeof text === "string" ? { code, message: text } : { code, message: text.message, wording: text.wording };
  return field === undefined ? base : { ...base, field };
}

export type Reduction<S> = { ok: true; state: S } | { ok: false; error: ActionError };

export const ok = <S>(state: S): Reduction<S> => ({ ok: true, state });
export const fail = <S = never>(code: ActionErrorCode, text: RefusalText, field?: string): Reduction<S> => ({
  ok: false,
  error: actionError(code, text, field),
});
