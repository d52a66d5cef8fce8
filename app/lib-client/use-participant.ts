"use client";
/**
 * The participant's live connection (architecture §6.4 E6: reconnect = resync).
 *
 * Connects with the link token, emits `p:sync` on EVERY connect (first and after each reconnect) and
 * keeps the latest `p:view`. `receivedAt` is performance.now() at arrival, so timers count the
 * server's remainingMs down without trusting the device clock.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, RidingView, ServerToClientEvents, ViewMessage } from "@/lib/protocol/events";
import type { ParticipantView } from "@/lib/engine/views";
import type { IntroRequest } from "@/lib/protocol/payloads";
import type { PhaseInstance } from "@/lib/engine/commands";
import { ackPromise, type ClientAck } from "./ack";
import type { Wording } from "@/lib/i18n/refusal";

type PSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type Connection = "connecting" | "online" | "reconnecting";

export interface ParticipantConnection {
  view: ParticipantView | null;
  receivedAt: number;
  connection: Connection;
  /** Set when the server refuses the link (it will not retry): its sentence and wording. */
  fatal: { message: string; wording?: Wording } | null;
  intro(req: IntroRequest): Promise<ClientAck<{ version: number }>>;
  /** Send the exit survey's answers (by question id). */
  survey(answers: Record<string, string | number | null>): Promise<ClientAck<{ version: number; duplicate: boolean }>>;
  /** Send a game action answering `at`, the phase instance of the screen it comes from (PlayScreen binds it). */
  act(action: unknown, clientActionId: string, at: PhaseInstance): Promise<ClientAck<{ version: number; duplicate: boolean }>>;
}

const ACK_TIMEOUT_MS = 8000;

export function useParticipant(token: string): ParticipantConnection {
  const [msg, setMsg] = useState<{ view: ParticipantView; receivedAt: number } | null>(null);
  const [connection, setConnection] = useState<Connection>("connecting");
  const [fatal, setFatal] = useState<ParticipantConnection["fatal"]>(null);
  const socketRef = useRef<PSocket | null>(null);
  const acceptRef = useRef<(m: ViewMessage) => void>(() => {});
  /** An answer's callback that first shows the view it carries, if any (as if it had come just before). */
  const riding = useCallback(
    <T>(cb: (err: unknown, res: ClientAck<T & RidingView>) => void) =>
      (err: unknown, res: ClientAck<T & RidingView>) => {
        if (!err && res?.ok && res.data.view) acceptRef.current(res.data.view);
        cb(err, res);
      },
    [],
  );

  useEffect(() => {
    // viewsInAcks: the view a command of ours changed comes in its answer (lib/protocol/events.ts RidingView)
    const socket: PSocket = io({ transports: ["websocket"], auth: { token, viewsInAcks: true } });
    socketRef.current = socket;
    const accept = (m: ViewMessage) => setMsg({ view: m.view, receivedAt: performance.now() });
    acceptRef.current = accept;
    socket.on("connect", () => {
      setConnection("online");
      setFatal(null);
      socket.timeout(ACK_TIMEOUT_MS).emit("p:sync", {}, (err, res) => {
        if (!err && res?.ok) accept(res.data);
      });
    });
    socket.on("p:view", accept);
    socket.on("disconnect", (reason) => {
      setConnection("reconnecting");
      // the server closed us on purpose (e.g. a restart): come back on our own
      if (reason === "io server disconnect") socket.connect();
    });
    socket.on("connect_error", (err) => {
      if (socket.active) setConnection((c) => (c === "online" ? "reconnecting" : c));
      else {
        // the server's refusal carries its wording in `data` (server/realtime/sockets.ts)
        const data = (err as Error & { data?: { wording?: Wording } }).data;
        setFatal(err.message ? { message: err.message, ...(data?.wording ? { wording: data.wording } : {}) } : { message: "This link is not valid. Please use the link you were given.", wording: { key: "linkInvalid" } });
      }
    });
    return () => {
      socket.removeAllListeners();
      socket.disconnect();
      socketRef.current = null;
    };
  }, [token]);

  const intro = useCallback(
    (req: IntroRequest) =>
      ackPromise<{ version: number }>((cb) => {
        const s = socketRef.current;
        if (!s) return cb(new Error("no socket"), undefined as never);
        s.timeout(ACK_TIMEOUT_MS).emit("p:intro", req, riding(cb));
      }),
    [riding],
  );

  const act = useCallback(
    (action: unknown, clientActionId: string, at: PhaseInstance) =>
      ackPromise<{ version: number; duplicate: boolean }>((cb) => {
        const s = socketRef.current;
        if (!s) return cb(new Error("no socket"), undefined as never);
        s.timeout(ACK_TIMEOUT_MS).emit("p:action", { clientActionId, action, at }, riding(cb));
      }),
    [riding],
  );

  const survey = useCallback(
    (answers: Record<string, string | number | null>) =>
      ackPromise<{ version: number; duplicate: boolean }>((cb) => {
        const s = socketRef.current;
        if (!s) return cb(new Error("no socket"), undefined as never);
        s.timeout(ACK_TIMEOUT_MS).emit("p:survey", { answers }, riding(cb));
      }),
    [riding],
  );

  return { view: msg?.view ?? null, receivedAt: msg?.receivedAt ?? 0, connection, fatal, intro, act, survey };
}
