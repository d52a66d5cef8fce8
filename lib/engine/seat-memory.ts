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

/**
 * One person a seat was freed from: who (`key`, lib/engine/claim.ts `personKey`; null for a person nobody else
 * could be, e.g. on a personal link), the quiz attempts they had used, why they left, when. One who waited out the
 * waiting room (`waitedOut`, lib/engine/admin.ts `waitOut`) is remembered with what they were promised: their
 * completion code, show-up fee and who they were (lib/study/payments.ts lists them), and which holder of the
 * seat they were (`holder`, data-wide.csv's and events.csv's `seat_holder`).
 */
export interface FormerPerson {
  key: string | null;
  quizAttempts: number;
  left?: LeftBeforePlay;
  atMs: number;
  waitedOut?: WaitedOutPerson;
}

/** What a seat keeps of a person who waited out the waiting room when the seat is freed for the next person. */
export interface WaitedOutPerson {
  /** The seat's holder number this person was (1 for the first). */
  holder: number;
  completionCode: string;
  label: string | null;
  external: { source: string; id: string } | null;
}

/** At most this many people are remembered per seat (the oldest are forgotten first). */
export const MAX_FORMER_PEOPLE_PER_SEAT = 50;

/**
 * Remember the person seat `current` is being freed from on the seat's draft `p`, under `key` (null: nobody to
 * remember, e.g. a personal-link seat, which nobody else can take), when there is something to remember.
 */
export function rememberFormerPerson(p: ParticipantState, current: ParticipantState, key: string | null, nowMs: number) {
  // a person who waited out is always remembered (their payment); others only when there is something to keep
  const waitedOut = current.waitedOut === true && !current.bot && current.history.length === 0;
  if (!waitedOut && (key === null || (current.quizAttempts === 0 && current.leftBeforePlay === undefined))) return;
  // the same person's older record gives way, except one who waited out (a payment is never forgotten)
  const kept = (current.formerPeople ?? []).filter((r) => key === null || r.key !== key || r.waitedOut !== undefined);
  const record: FormerPerson = {
    key,
    quizAttempts: current.quizAttempts,
    ...(current.leftBeforePlay ? { left: current.leftBeforePlay } : {}),
    atMs: nowMs,
    ...(waitedOut
      ? {
          waitedOut: {
            holder: (current.timesFreed ?? 0) + 1,
            completionCode: current.completionCode,
            label: current.label,
            external: current.external ? { source: current.external.source, id: current.external.id } : null,
          },
        }
      : {}),
  };
  // at most MAX_FORMER_PEOPLE_PER_SEAT, the oldest forgotten first; records of people who waited out are kept
  let drop = kept.length + 1 - MAX_FORMER_PEOPLE_PER_SEAT;
  const trimmed = drop <= 0 ? kept : kept.filter((r) => r.waitedOut !== undefined || drop-- <= 0);
  p.formerPeople = [...trimmed, record];
}

/** The people who waited out the waiting room on this seat and were freed from it, oldest first. */
export function waitedOutBefore(p: Pick<ParticipantState, "formerPeople">): (FormerPerson & { waitedOut: WaitedOutPerson })[] {
  return (p.formerPeople ?? []).filter((r): r is FormerPerson & { waitedOut: WaitedOutPerson } => r.waitedOut !== undefined);
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
