"use client";
/**
 * The projector's live feed: the same admin socket as the monitor (admin cookie on the handshake),
 * watching with `projector:watch`, which answers and pushes the projector's whitelist view.
 */
import { useEffect, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { ProjectorView } from "@/lib/engine/projector-view";
import type { ClientToServerEvents, ProjectorMessage, ServerToClientEvents } from "@/lib/protocol/events";

type ASocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ProjectorWatch {
  view: ProjectorView | null;
  receivedAt: number;
  online: boolean;
  error: string | null;
}

export function useProjectorWatch(sessionId: string): ProjectorWatch {
  const [msg, setMsg] = useState<{ view: ProjectorView; receivedAt: number } | null>(null);
  const [online, setOnline] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const socket: ASocket = io({ transports: ["websocket"], auth: { admin: true } });
    const accept = (m: ProjectorMessage) => setMsg({ view: m.view, receivedAt: performance.now() });
    socket.on("connect", () => {
      setOnline(true);
      socket.timeout(8000).emit("projector:watch", { sessionId }, (err, res) => {
        if (err) return setError("The server did not answer; the screen will retry when the connection is back.");
        if (!res.ok) return setError(res.error.message);
        setError(null);
        accept(res.data);
      });
    });
    socket.on("projector:view", accept);
    socket.on("disconnect", (reason) => {
      setOnline(false);
      if (reason === "io server disconnect") socket.connect();
    });
    socket.on("connect_error", (err) => {
      setOnline(false);
      if (!socket.active) setError(err.message);
    });
    return () => {
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [sessionId]);

  return { view: msg?.view ?? null, receivedAt: msg?.receivedAt ?? 0, online, error };
}
