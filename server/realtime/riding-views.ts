/**
 * Views that ride in the answer to the participant's own intent (lib/protocol/events.ts `RidingView`).
 * A command of a participant usually changes their own view, which used to go out as a `p:view` just
 * before the command's ack: two messages where one does. While an intent of a socket that asked for it
 * (`auth.viewsInAcks`) waits for its answer, a new view of that participant is kept for the answer
 * instead of being sent; the participant's other sockets (another tab, another process) still get it as
 * a `p:view` at once. Never lost, hardly delayed: a kept view that no answer took by the next turn of the
 * event loop (the answer is normally sent in the same turn, right after the view is made) is sent as a
 * `p:view` then.
 */
import type { ViewMessage } from "../../lib/protocol/events";

/** The socket whose intent is waiting for its answer. */
export interface RidingSocket {
  id: string;
  /** Send a view to this socket alone. */
  sendView(msg: ViewMessage): void;
}

interface Rider {
  socket: RidingSocket;
  /** Intents of this socket waiting for their answer. */
  waiting: number;
  kept: ViewMessage | null;
}

export class RidingViews<H = unknown> {
  private readonly riders = new Map<string, Rider>();

  constructor(
    /** Send a view to every socket of the participant (except one, by socket id). */
    private readonly sendToAll: (pid: string, msg: ViewMessage, exceptSocketId?: string) => void,
    /** Whether the participant may have a socket other than `socketId` (here or on another process). */
    private readonly othersThan: (pid: string, socketId: string, host: H) => boolean,
  ) {}

  /** An intent of `socket` goes to the session: its answer may carry the view (call `alight` after). */
  board(pid: string, socket: RidingSocket): Rider | null {
    const r = this.riders.get(pid);
    if (r) {
      if (r.socket.id !== socket.id) return null; // another tab is waiting already: this one gets p:view
      r.waiting++;
      return r;
    }
    const n: Rider = { socket, waiting: 1, kept: null };
    this.riders.set(pid, n);
    return n;
  }

  /** The intent was answered: the view to put in the answer, if one was kept. */
  alight(pid: string, rider: Rider | null): ViewMessage | null {
    if (!rider) return null;
    const msg = rider.kept;
    rider.kept = null;
    if (--rider.waiting === 0 && this.riders.get(pid) === rider) this.riders.delete(pid);
    return msg;
  }

  /** Send a participant their new view: kept for the answer their socket waits for, or sent now. */
  deliver(pid: string, msg: ViewMessage, host: H): void {
    const r = this.riders.get(pid);
    if (!r) return this.sendToAll(pid, msg);
    if (this.othersThan(pid, r.socket.id, host)) this.sendToAll(pid, msg, r.socket.id);
    const first = r.kept === null;
    r.kept = msg;
    if (first)
      setImmediate(() => {
        // no answer took it in this turn (e.g. the command is still queued): send it as it is
        if (r.kept === null) return;
        const late = r.kept;
        r.kept = null;
        r.socket.sendView(late);
      });
  }

  /** Participants with an intent waiting right now (for tests). */
  get size(): number {
    return this.riders.size;
  }
}
