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
