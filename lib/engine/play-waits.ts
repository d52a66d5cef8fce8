/**
 * Who play waits for (instructor review C11): every seat is taken and people are ready in the waiting room,
 * yet no group can start because some seats' people have not finished the intro — e.g. a student closed the
 * tab at the consent page, and the class waits for them (with random matching nobody starts until every
 * seat is ready; with fixed matching the last, incomplete group waits). The monitor names those seats, with
 * "Replace by bot" and "Free seat" (lib/engine/free-seat.ts frees such a seat by itself only after
 * `LEFT_BEFORE_PLAY_MS` offline).
 */
import type { PlayerId } from "../core/game";
import type { ParticipantState, SessionState } from "./state";
import type { LoadedTreatment } from "./treatment";

/** A seat a person holds who has not finished the intro and is in no group: not opened yet, in the intro, or left in it (declined, failed the quiz). */
function notReady(p: ParticipantState): boolean {
  if (!p.claimed || p.bot || p.replacedByBot || p.takeover !== undefined || p.groupId !== null) return false;
  return p.stage === "new" || p.stage === "intro" || (p.stage === "done" && p.leftBeforePlay !== undefined && p.history.length === 0);
}

/**
 * The seats (participant ids, in seat order) whose people play waits for: empty unless the session is open,
 * someone waits for a group, no seat is empty (an empty seat is for the next join or "Fill empty seats with
 * bots") and, with random matching, play has not started yet.
 */
export function playWaitsFor(s: SessionState, lt: LoadedTreatment): PlayerId[] {
  if (s.status !== "running" && s.status !== "paused") return [];
  if (s.waiting.length === 0) return [];
  if (lt.treatment.matching === "random" && s.sessionRound !== 0) return [];
  const seats = s.order.map((id) => s.participants.get(id)!);
  if (seats.some((p) => p.stage === "new" && !p.claimed)) return [];
  return seats.filter(notReady).map((p) => p.id);
}

/**
 * People (or bots) wait in the waiting room for a group that has not formed (fresh-clone review A6): `ready` wait,
 * `short` more are needed for a group (with random matching every seat must be ready), `emptySeats` are free for the
 * next join or "Fill empty seats with bots", `inIntro` people still read the intro. `cannotForm`: those are too few
 * (or, with random matching, play has started without them), so no group forms unless the experimenter acts.
 * `waitOutInMs`: when the first waiting person is sent to the final page (`waitingRoom.maxMinutes`; null: no limit).
 */
export interface GroupWait {
  ready: number;
  short: number;
  emptySeats: number;
  inIntro: number;
  cannotForm: boolean;
  waitOutInMs: number | null;
}

export function groupWait(s: SessionState, lt: LoadedTreatment, nowMs: number): GroupWait | null {
  if ((s.status !== "running" && s.status !== "paused") || s.waiting.length === 0) return null;
  const seats = s.order.map((id) => s.participants.get(id)!);
  const emptySeats = seats.filter((p) => p.stage === "new" && !p.claimed).length;
  const inIntro = seats.filter(notReady).filter((p) => p.stage !== "done").length;
  const ready = s.waiting.length;
  const started = lt.treatment.matching === "random" && s.sessionRound !== 0;
  const short = lt.treatment.matching === "random" ? lt.seats - ready : lt.groupSize - (ready % lt.groupSize);
  const max = lt.treatment.waitingRoom.maxMinutes;
  let first: number | null = null;
  if (max !== undefined)
    for (const id of s.waiting) {
      const p = s.participants.get(id)!;
      if (p.bot || p.replacedByBot || p.waitingSinceMs === undefined || p.history.length > 0) continue;
      const due = p.waitingSinceMs + max * 60_000;
      if (first === null || due < first) first = due;
    }
  const until = s.status === "paused" && s.pausedMs !== null ? s.pausedMs : nowMs;
  return { ready, short, emptySeats, inIntro, cannotForm: started || emptySeats + inIntro < short, waitOutInMs: first === null ? null : Math.max(0, first - until) };
}
