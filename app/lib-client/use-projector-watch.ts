"use client";
/**
 * The projector's live feed: the same admin socket as the monitor, watching with `projector:watch`,
 * which answers and pushes the projector's whitelist view.
 */
import type { ProjectorView } from "@/lib/engine/projector-view";
import type { ProjectorMessage } from "@/lib/protocol/events";
import { useLiveWatch, type LiveWatch, type WatchChannel } from "./use-live-watch";

export type ProjectorWatch = LiveWatch<ProjectorView>;

const projectorChannel: WatchChannel<ProjectorMessage> = {
  watch: (socket, sessionId, reply) => socket.timeout(8000).emit("projector:watch", { sessionId }, reply),
  listen: (socket, accept) => socket.on("projector:view", accept),
  noAnswer: "The server did not answer; the screen will retry when the connection is back.",
};

export function useProjectorWatch(sessionId: string): ProjectorWatch {
  return useLiveWatch(projectorChannel, sessionId);
}
