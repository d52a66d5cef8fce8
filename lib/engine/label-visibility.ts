/**
 * The experimenter hides a label from the room's screen, or shows it again: a classroom's projector shows
 * the names people typed with the room code, and one of them may be offensive or name someone. Hidden,
 * the leaderboard shows the seat's number instead ("Seat 3"); the person keeps their seat and their label
 * (it stays taken: nobody else can join under it, also after the seat is given up: `giveUpLabel`), the
 * monitor and the data keep it too. Allowed in every state of
 * the session, also after it ended: the debrief's leaderboard stays on the screen then.
 */
import { ActionErrorCode, type ActionError } from "../core/errors";
import { draftParticipant } from "./draft";
import { seatName } from "./rounds";
import type { Effects, ParticipantState, SessionState } from "./state";

/** At most this many given-up hidden labels are remembered per session (the oldest are forgotten first). */
export const MAX_HIDDEN_LABELS = 500;

/**
 * The seat `p` (a draft) gives up its person's label (the seat is freed, or a latecomer's takeover ends): a label
 * the experimenter hid stays barred from the session, so nobody (the same person either) joins under it and
 * puts it back on the room's screen (lib/engine/claim.ts refuses it).
 */
export function giveUpLabel(s: SessionState, p: ParticipantState): void {
  if (p.labelHidden === true && p.label !== null) {
    const list = s.hiddenLabels ?? [];
    if (!list.includes(p.label)) s.hiddenLabels = [...list.slice(Math.max(0, list.length - MAX_HIDDEN_LABELS + 1)), p.label];
  }
  delete p.labelHidden;
}

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
