"use client";
/**
 * The experimenter's live monitor feed: an admin socket (the HttpOnly admin cookie goes with the
 * handshake) that emits `admin:watch` on every connect and keeps the latest `admin:view`.
 */
import { useEffect, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { AdminMessage, ClientToServerEvents, ServerToClientEvents } from "@/lib/protocol/events";
import type { AdminView } from "@/lib/engine/views";

type ASocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface AdminWatch {
  view: AdminView | null;
  receivedAt: number;
  online: boolean;
  error: string | null;
}

export function useAdminWatch(sessionId: string, enabled: boolean): AdminWatch {
  const [msg, setMsg] = useState<{ view: AdminView; receivedAt: number } | null>(null);
  const [online, setOnline] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!enabled) return;
    const socket: ASocket = io({ transports: ["websocket"], auth: { admin: true } });
    const accept = (m: AdminMessage) => setMsg({ view: m.view, receivedAt: performance.now() });
    socket.on("connect", () => {
      setOnline(true);
      socket.timeout(8000).emit("admin:watch", { sessionId }, (err, res) => {
        if (err) return setError("The server did not answer; the monitor will retry when the connection is back.");
        if (!res.ok) return setError(res.error.message);
        setError(null);
        accept(res.data);
      });
    });
    socket.on("admin:view", accept);
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
  }, [sessionId, enabled]);

  return { view: msg?.view ?? null, receivedAt: msg?.receivedAt ?? 0, online, error };
}
