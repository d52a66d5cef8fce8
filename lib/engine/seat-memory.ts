/**
 * What a session remembers of a person whose seat was freed (lib/engine/free-seat.ts) after they started
 * the quiz or left in the intro: freeing forgets the seat's label, panel id and intro progress so the next
 * person can take it, but the same person coming back (the same panel id, in any letter case and through any
 * panel parameter; or the same label with the room code) must not get the quiz's attempts afresh, and one
 * who used them all up (`intro.quizMaxAttempts`) must not take a seat again.
 */
import type { LeftBeforePlay, ParticipantState, SessionState } from "./state";

/** One person whose seat was freed: who (`key`), the quiz attempts they had used, and why they left, if they did. */
export interface FreedSeatRecord {
  key: string;
  quizAttempts: number;
  left?: LeftBeforePlay;
}

/**
 * At most this many people are remembered per session (each needed a seat of their own, opened, and freed
 * again); beyond it the oldest are forgotten.
 */
export const MAX_FREED_SEAT_RECORDS = 20_000;

/**
 * Remember the person of seat `p` as it is freed, under `key` (lib/engine/claim.ts `personKey`; null: a
 * personal-link seat, which nobody else can take), when there is something to remember.
 */
export function rememberFreedSeat(s: SessionState, p: ParticipantState, key: string | null) {
  if (key === null || (p.quizAttempts === 0 && p.leftBeforePlay === undefined)) return;
  const kept = (s.freedSeats ?? []).filter((r) => r.key !== key);
  const record: FreedSeatRecord = { key, quizAttempts: p.quizAttempts, ...(p.leftBeforePlay ? { left: p.leftBeforePlay } : {}) };
  s.freedSeats = [...kept.slice(Math.max(0, kept.length - MAX_FREED_SEAT_RECORDS + 1)), record];
}

/** What the session remembers of the person with this key, if anything. */
export function freedSeatOf(s: SessionState, key: string): FreedSeatRecord | undefined {
  return s.freedSeats?.find((r) => r.key === key);
}
