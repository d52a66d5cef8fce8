/**
 * What a seat remembers of the people it was freed from (lib/engine/free-seat.ts) after they started the quiz
 * or left in the intro: freeing forgets the seat's label, panel id and intro progress so the next person can
 * take it, but the same person coming back (the same Prolific or MTurk id, in any letter case; or the same
 * label with the room code, typed in the same browser: lib/engine/claim.ts `labelMemoryKey`) must not get the
 * quiz's attempts afresh, and one who used them all up must not take a seat again. A label alone names nobody
 * (anyone with the room code can type a classmate's name), so it is remembered with the browser that typed it. Kept on the seat that was freed (its own snapshot row, which freeing rewrites anyway), at most
 * {@link MAX_FORMER_PEOPLE_PER_SEAT} per seat, so nothing grows with the session's other commands.
 */
import type { LeftBeforePlay, ParticipantState, SessionState } from "./state";

/** One person a seat was freed from: who (`key`, lib/engine/claim.ts `personKey`), the quiz attempts they had used, why they left, when. */
export interface FormerPerson {
  key: string;
  quizAttempts: number;
  left?: LeftBeforePlay;
  atMs: number;
}

/** At most this many people are remembered per seat (the oldest are forgotten first). */
export const MAX_FORMER_PEOPLE_PER_SEAT = 50;

/**
 * Remember the person seat `current` is being freed from on the seat's draft `p`, under `key` (null: nobody to
 * remember, e.g. a personal-link seat, which nobody else can take), when there is something to remember.
 */
export function rememberFormerPerson(p: ParticipantState, current: ParticipantState, key: string | null, nowMs: number) {
  if (key === null || (current.quizAttempts === 0 && current.leftBeforePlay === undefined)) return;
  const kept = (current.formerPeople ?? []).filter((r) => r.key !== key);
  const record: FormerPerson = { key, quizAttempts: current.quizAttempts, ...(current.leftBeforePlay ? { left: current.leftBeforePlay } : {}), atMs: nowMs };
  p.formerPeople = [...kept.slice(Math.max(0, kept.length - MAX_FORMER_PEOPLE_PER_SEAT + 1)), record];
}

/** The latest record of the person with this key on any seat of the session, if any. */
export function formerPersonOf(s: SessionState, key: string): FormerPerson | undefined {
  let found: FormerPerson | undefined;
  for (const id of s.order) {
    const list = s.participants.get(id)?.formerPeople;
    if (list) for (const r of list) if (r.key === key && (found === undefined || r.atMs >= found.atMs)) found = r;
  }
  return found;
}
