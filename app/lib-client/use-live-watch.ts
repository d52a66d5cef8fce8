"use client";
/**
 * One live feed over an admin socket (the HttpOnly admin cookie goes with the handshake): on every
 * connect it asks for the feed, keeps the latest view it answers or pushes, and reconnects when the
 * server drops it. The monitor (`admin:watch`) and the projector (`projector:watch`) differ only in
 * their two events, which a {@link WatchChannel} names.
 */
import { useEffect, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { Ack, ClientToServerEvents, ServerToClientEvents } from "@/lib/protocol/events";
import { NOT_LOGGED_IN, useAdminSession } from "./admin-session";

export type AdminSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface LiveWatch<V> {
  view: V | null;
  receivedAt: number;
  online: boolean;
  error: string | null;
}

export interface WatchChannel<M extends { view: unknown }> {
  /** Asks the server for the feed; `reply` gets its first message, or the error of a missing answer. */
  watch(socket: AdminSocket, sessionId: string, reply: (err: Error | null, res: Ack<M>) => void): void;
  /** Listens for the views the server pushes. */
  listen(socket: AdminSocket, accept: (m: M) => void): void;
  /** What to say when the server does not answer the request. */
  noAnswer: string;
}

export function useLiveWatch<M extends { view: unknown }>(channel: WatchChannel<M>, sessionId: string, enabled = true): LiveWatch<M["view"]> {
  const [msg, setMsg] = useState<{ view: M["view"]; receivedAt: number } | null>(null);
  const [online, setOnline] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { loggedOut } = useAdminSession();

  useEffect(() => {
    if (!enabled) return;
    const socket: AdminSocket = io({ transports: ["websocket"], auth: { admin: true } });
    const accept = (m: M) => setMsg({ view: m.view, receivedAt: performance.now() });
    socket.on("connect", () => {
      setOnline(true);
      channel.watch(socket, sessionId, (err, res) => {
        if (err) return setError(channel.noAnswer);
        if (!res.ok) return setError(res.error.message);
        setError(null);
        accept(res.data);
      });
    });
    channel.listen(socket, accept);
    socket.on("disconnect", (reason) => {
      setOnline(false);
      if (reason === "io server disconnect") socket.connect();
    });
    socket.on("connect_error", (err) => {
      setOnline(false);
      // logged out (in another tab, or the login expired): the login form again, not the refusal's text
      if ((err as Error & { data?: { code?: unknown } }).data?.code === NOT_LOGGED_IN) return loggedOut();
      if (!socket.active) setError(err.message);
    });
    return () => {
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [channel, sessionId, enabled, loggedOut]);

  return { view: msg?.view ?? null, receivedAt: msg?.receivedAt ?? 0, online, error };
}
