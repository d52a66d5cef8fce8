/**
 * Whose view a game builds: the viewer's seat in the group, failing closed. A player who is not a member
 * of the group gets no view at all (an error, which the server's per-viewer crash handling catches:
 * that screen gets no update and the crash is logged, server/sessions/game-code-errors.ts) — never
 * seat 0's, which would show a stranger seat 0's private parameters. No path asks for one today (a
 * group's members never change); this keeps a future bug from becoming a leak. The experimenter's
 * (admin) view is seat 0's, as before.
 */
import type { PlayerId, Viewer } from "../../core/game";

export class NotAMemberError extends Error {
  constructor(pid: PlayerId) {
    super(`a view for ${pid}, who is not a member of this group, was asked for: none is built (nobody else's private data is shown)`);
    this.name = "NotAMemberError";
  }
}

/** The viewer's player id and seat (admin: the first member's); throws NotAMemberError for a player outside the group. */
export function viewerSeat(viewer: Viewer, ctx: { players: readonly PlayerId[]; seatOf(pid: PlayerId): number }): { pid: PlayerId; seat: number } {
  if (viewer.kind !== "player") return { pid: ctx.players[0]!, seat: 0 };
  const seat = ctx.seatOf(viewer.playerId);
  if (seat < 0) throw new NotAMemberError(viewer.playerId);
  return { pid: viewer.playerId, seat };
}
