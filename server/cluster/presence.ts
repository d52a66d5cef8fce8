/**
 * Who of a session is really connected, across the processes of a cluster. Each process answers for its
 * own sockets (an RPC, `presence`), within `ASK_MS`. Socket.IO's `fetchSockets` over the Redis adapter
 * waits for every process subscribed to Redis and fails as a whole when one does not answer — e.g. a
 * previous owner frozen (SIGSTOP, a long pause, a machine cut off) whose Redis connection is still open:
 * then nobody's presence could be checked, and participants on healthy processes stayed "offline" after a
 * takeover, so they got no views and their seats went to bots. Here a process that does not answer
 * leaves the answer incomplete: the caller changes only what the answers show and asks again later.
 */
import type { Server } from "socket.io";
import { PeerGoneError, type NodeRpc } from "./rpc";

/** How long each process has to say which of the session's participants have a socket there. */
export const ASK_MS = 1500;

export interface Presence {
  /** Participants with a socket on a process that answered. */
  online: Set<string>;
  /** Whether every process alive answered (a process that is gone counts as answered: its sockets are closed). */
  complete: boolean;
}

/** The participants of `sessionId` with a socket on this process. */
export async function localPresence(io: Server, sessionId: string): Promise<string[]> {
  const sockets = await io.local.in(`s:${sessionId}`).fetchSockets();
  return sockets.map((s) => (s.data as { pid?: unknown }).pid).filter((p): p is string => typeof p === "string");
}

/** Answer other processes' `presence` requests with this process's sockets. */
export function servePresence(rpc: NodeRpc, io: Server): void {
  rpc.handle("presence", async (raw) => {
    const sessionId = (raw as { sessionId?: unknown } | null)?.sessionId;
    if (typeof sessionId !== "string") throw new Error("presence: no session id");
    return localPresence(io, sessionId);
  });
}

/** Ask every process alive (`nodes`, this one included) which of the session's participants it has. */
export async function presenceOf(io: Server, rpc: NodeRpc, nodes: readonly string[], sessionId: string): Promise<Presence> {
  const online = new Set<string>();
  let complete = true;
  const answers = await Promise.allSettled(
    nodes.map((n) => (n === rpc.nodeId ? localPresence(io, sessionId) : rpc.call<string[]>(n, "presence", { sessionId }, ASK_MS))),
  );
  if (!nodes.includes(rpc.nodeId)) for (const p of await localPresence(io, sessionId)) online.add(p);
  for (const a of answers) {
    if (a.status === "fulfilled") for (const p of a.value) online.add(p);
    else if (!(a.reason instanceof PeerGoneError)) complete = false;
  }
  return { online, complete };
}
