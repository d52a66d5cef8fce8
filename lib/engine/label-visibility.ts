/**
 * The experimenter hides a label from the room's screen, or shows it again: a classroom's projector shows
 * the names people typed with the room code, and one of them may be offensive or name someone. Hidden,
 * the leaderboard shows the seat's number instead ("Seat 3"); the person keeps their seat and their label
 * (it stays taken: nobody else can join under it), the monitor and the data keep it too. Allowed in every state of
 * the session, also after it ended: the debrief's leaderboard stays on the screen then.
 */
import { ActionErrorCode, type ActionError } from "../core/errors";
import { draftParticipant } from "./draft";
import { seatName } from "./rounds";
import type { Effects, SessionState } from "./state";

export function setLabelHidden(s: SessionState, pid: string, hidden: boolean, fx: Effects): { ok: true } | { ok: false; error: ActionError } {
  const bad = (message: string) => ({ ok: false as const, error: { code: ActionErrorCode.Conflict, message } });
  const p = s.participants.get(pid);
  if (!p) return bad("No such participant in this session.");
  if (p.label === null) return bad("This seat has no label (it was opened by a personal or panel link): the room's screen shows its seat number already.");
  if ((p.labelHidden === true) === hidden) return bad(hidden ? "This label is hidden from the room's screen already." : "This label is shown on the room's screen already.");
  const d = draftParticipant(s, pid);
  if (hidden) d.labelHidden = true;
  else delete d.labelHidden;
  fx.notes.push(`experimenter ${hidden ? "hid" : "showed again"} the label of ${seatName(s, pid)} on the room's screen`);
  return { ok: true };
}
