/**
 * Taking a seat without a personal link: by room code + label, or by an online panel's participant id
 * (Prolific, MTurk, a treatment-chosen parameter such as SONA's `id`).
 *
 * - A label is not a key to a seat: a label already in use (any letter case) is refused with a message;
 *   the seat's own browser comes back with its stored link (the server checks that link, not the label).
 * - A panel id is a key: the same source + id always gets its own seat back (reload, another device);
 *   a new id takes the next free seat; nobody ever gets a seat another id holds.
 */
import { ActionErrorCode, actionError, type ActionError, type RefusalText } from "../core/errors";
import { worded } from "../i18n/refusal";
import { draftParticipant } from "./draft";
import type { ExternalId, ParticipantState, SessionState } from "./state";

/** Letters of any script (with their accents), digits, spaces, and . _ - ' ’ */
export const LABEL = /^[\p{L}\p{M}\p{N} ._'’-]{1,40}$/u;

export type ClaimResult = { ok: true; pid: string; existing: boolean } | { ok: false; error: ActionError };

const fail = (code: ActionError["code"], text: RefusalText): ClaimResult => ({ ok: false, error: actionError(code, text) });

/**
 * Characters that draw nothing (Unicode's default-ignorable code points: variation selectors, the
 * combining grapheme joiner, Hangul fillers, …). The label pattern lets letters and marks of every script
 * through, and these are among them: "Anna" followed by one would look like "Anna" on the leaderboard and
 * the projector while being another label. Labels holding one are refused.
 */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;

/**
 * Letters of other scripts drawn like Latin ones (after lower-casing): Cyrillic а е о р с у х … and Greek
 * ο ρ τ υ …, whose capitals are the Latin capitals; "Аnna" with a Cyrillic А is "Anna" to anyone who
 * reads it. A label made of them compares as the Latin label it looks like.
 */
const LOOKALIKES: Readonly<Record<string, string>> = {
  // Cyrillic
  а: "a", в: "b", е: "e", к: "k", м: "m", н: "h", о: "o", р: "p", с: "c", т: "t", у: "y", х: "x",
  і: "i", ј: "j", ѕ: "s", һ: "h", ԁ: "d", ԛ: "q", ԝ: "w", ӏ: "l", ү: "y",
  // Greek
  α: "a", β: "b", ε: "e", ζ: "z", η: "h", ι: "i", κ: "k", μ: "m", ν: "n", ο: "o", ρ: "p", τ: "t", υ: "y", χ: "x",
};
const LOOKALIKE = new RegExp(`[${Object.keys(LOOKALIKES).join("")}]`, "gu");

/**
 * Labels compare as a reader sees them: without letter case, Unicode form (NFKC: full-width "Ａｎｎａ" =
 * "Anna"), typographic apostrophe or repeated spaces ("ZOË" = "zoë", "O’Brien" = "o'brien"), invisible
 * characters, letters of other scripts drawn like Latin ones ("Аnna" with a Cyrillic А = "Anna"), capital
 * I drawn like small l and the digit 0 like the letter O ("BiII" = "Bill", "T0m" = "Tom"). The price is
 * that a few real pairs compare equal ("Ella" and "Eila"): the second to come is asked for another label.
 */
export function labelKey(label: string): string {
  let key = labelKeys.get(label);
  if (key === undefined) {
    key = computeLabelKey(label);
    if (labelKeys.size >= 20_000) labelKeys.clear();
    labelKeys.set(label, key);
  }
  return key;
}

/**
 * Keys of the labels seen (a join compares its label with every taken one: at 1,000 seats, computing
 * each key again made a join cost ~0.7 ms of CPU more). Bounded; a key is a pure function of its label.
 */
const labelKeys = new Map<string, string>();

const computeLabelKey = (label: string) =>
  label
    .normalize("NFKC")
    .replace(INVISIBLE, "")
    .trim()
    .replace(/\s+/g, " ")
    .replace(/’/g, "'")
    .toLocaleLowerCase("und")
    .normalize("NFD")
    .replace(LOOKALIKE, (c) => LOOKALIKES[c]!)
    // capital I and small l are one stroke in many fonts ("BiII" for "Bill"); digit 0 and letter O alike
    .replace(/l/g, "i")
    .replace(/0/g, "o")
    .normalize("NFC");

function seats(s: SessionState): ParticipantState[] {
  return s.order.map((id) => s.participants.get(id)!);
}

const fullMessage = (s: SessionState) => worded("sessionFull", { seats: s.order.length });

/** The refusal while a session is a draft (participants read it in the session's language). */
export const NOT_OPEN = worded("notOpen");

function freeSeat(s: SessionState): ParticipantState | undefined {
  return seats(s).find((p) => !p.claimed && p.stage === "new");
}

/** Claim a seat by a label typed with the room code. */
export function claimByLabel(s: SessionState, rawLabel: string): ClaimResult {
  const label = rawLabel.normalize("NFC").trim();
  if (!LABEL.test(label) || label.search(INVISIBLE) >= 0)
    return fail(ActionErrorCode.InvalidPayload, worded("labelInvalid"));
  const key = labelKey(label);
  if (seats(s).some((p) => p.label !== null && labelKey(p.label) === key))
    return fail(ActionErrorCode.LabelTaken, worded("labelTaken", { label }));
  if (s.status === "ended") return fail(ActionErrorCode.MatchOver, worded("sessionEnded"));
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
  if (s.status === "ended") return fail(ActionErrorCode.MatchOver, worded("sessionEnded"));
  if (s.status === "draft") return fail(ActionErrorCode.NotOpen, NOT_OPEN);
  const free = freeSeat(s);
  if (!free) return fail(ActionErrorCode.SessionFull, fullMessage(s));
  const seat = draftParticipant(s, free.id);
  seat.external = { source: ext.source, id: ext.id, extra: { ...ext.extra } };
  seat.claimed = true;
  return { ok: true, pid: free.id, existing: false };
}
