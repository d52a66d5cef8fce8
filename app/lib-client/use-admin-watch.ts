"use client";
/** The experimenter's live monitor feed: `admin:watch` on every connect, then the latest `admin:view`. */
import type { AdminMessage } from "@/lib/protocol/events";
import type { AdminView } from "@/lib/engine/views";
import { useLiveWatch, type LiveWatch, type WatchChannel } from "./use-live-watch";

export type AdminWatch = LiveWatch<AdminView>;

const monitorChannel: WatchChannel<AdminMessage> = {
  watch: (socket, sessionId, reply) => socket.timeout(8000).emit("admin:watch", { sessionId }, reply),
  listen: (socket, accept) => socket.on("admin:view", accept),
  noAnswer: "The server did not answer; the monitor will retry when the connection is back.",
};

export function useAdminWatch(sessionId: string, enabled: boolean): AdminWatch {
  return useLiveWatch(monitorChannel, sessionId, enabled);
}
