/**
 * Socket.io: participants (auth by link token) and admins (auth by cookie).
 * Every inbound payload is zod-parsed; a participant acts only as themselves (the token decides who);
 * each socket receives only its own view.
 */
import { worded, type Wording } from "../../lib/i18n/refusal";
import type { Server, Socket } from "socket.io";
import type { IncomingMessage } from "node:http";
import { formatZodError } from "../../lib/core/zod-format";
import { participantView } from "../../lib/engine/views";
import type { Ack, AdminMessage, ClientToServerEvents, ProjectorMessage, ServerToClientEvents, ViewMessage } from "../../lib/protocol/events";
import { ActionEnvelope, IntroRequest, SurveyRequest, WatchRequest } from "../../lib/protocol/payloads";
import type { AdminAuth } from "../http/admin-auth";
import { ActionErrorCode } from "../../lib/core/errors";
import { DEFAULT_REALTIME_LIMITS, RealtimeGuard } from "./limits";
import { securityConfigFromEnv, type SecurityConfig } from "../security/config";
import { clientAddress, requestScheme } from "../security/client-address";
import { limitPingFrames } from "../security/ping-frames";
import { checkHost, checkOrigin } from "../security/origin";
import type { SessionHost } from "../sessions/host";
import type { SessionManager } from "../sessions/manager";
import { adminMessage, localRouter, projectorMessage, type SessionRouter } from "../sessions/router";
import { liveChartsStale } from "./live-charts";
import { affectedParticipants } from "../sessions/snapshot";
import { sameJson } from "../../lib/core/same-json";
import type { SentView } from "./view-change";
import { ViewOutbox } from "./view-outbox";
import { adminPushDelayMs } from "./admin-push";
import { RidingViews, type RidingSocket } from "./riding-views";
import type { DispatchResult } from "../sessions/host";
import type { Command } from "../../lib/engine";
import type { SessionState } from "../../lib/engine";

type Io = Server<ClientToServerEvents, ServerToClientEvents>;
type Sock = Socket<ClientToServerEvents, ServerToClientEvents>;

const bad = <T>(message: string, field?: string): Ack<T> => ({
  ok: false,
  error: { code: "action/invalid_payload", message, ...(field ? { field } : {}) },
});
/** Intents refused by the rate limit within STRIKE_WINDOW_MS before the socket is closed. */
const MAX_STRIKES = 50;
const STRIKE_WINDOW_MS = 10_000;
/**
 * Handshakes (Socket.IO CONNECT packets) one connection may send: the client's one, and one more for a
 * client that reconnects its socket over the same connection. More is a flood (see `refuse`).
 */
export const MAX_HANDSHAKES_PER_CONNECTION = 2;

/** A refused connection: socket.io sends `data` to the client, whose page shows the wording in its language. */
function refusalError(text: { message: string; wording: Wording }): Error {
  return Object.assign(new Error(text.message), { data: { wording: text.wording } });
}
const safeAck = <T>(ack: unknown): ((r: Ack<T>) => void) => (typeof ack === "function" ? (ack as (r: Ack<T>) => void) : () => {});

/**
 * A Socket.IO packet no mechlab page sends, which Socket.IO itself handles before any check of mechlab's
 * runs: a CONNECT to a namespace other than the main one (answered "Invalid namespace" — a million answers
 * in 8 s from 40 connections without any link slowed every participant to seconds), and an
 * acknowledgement (the server never asks a client for one; Socket.IO drops them silently, 300,000 in 8 s
 * from one link's sockets). The engine.io message carries the Socket.IO packet type as its first
 * character: 0 CONNECT (the main namespace's has no "/…," after it), 3 ACK, 6 BINARY_ACK. Also engine.io's
 * own upgrade and noop packets, which only long-polling uses (refused here) and engine.io ignores.
 */
export function unsentPacket(packet: { type: string; data?: unknown }): boolean {
  // engine.io's upgrade and noop packets belong to long-polling, which mechlab refuses: it ignored them unread
  if (packet.type === "upgrade" || packet.type === "noop") return true;
  if (packet.type !== "message" || typeof packet.data !== "string") return false;
  const d = packet.data;
  return (d[0] === "0" && d[1] === "/") || d[0] === "3" || d[0] === "6";
}

/**
 * A packet on a connection that has no Socket.IO socket (its handshake not sent, not answered yet, or
 * refused): anything but a handshake (a CONNECT to the main namespace) and engine.io's heartbeat answer.
 * socket.io-client sends its handshake first and holds every event until it is answered; Socket.IO itself
 * drops such a packet and closes the connection with a websocket close handshake, reading on all the client
 * had sent meanwhile (an outsider, without any link, had the server read ~5.6 MB of 60 KB EVENT packets per
 * connection: fresh-clone review B5).
 */
export function packetBeforeHandshake(packet: { type: string; data?: unknown }): boolean {
  const d = packet.data;
  if (packet.type === "message") return !(typeof d === "string" && d[0] === "0" && d[1] !== "/");
  // of engine.io's own packets a client sends the heartbeat's answer ("3", nothing after it) and a close;
  // others (a pong carrying data, a ping) were read and ignored until the connect timeout
  return !((packet.type === "pong" && (d === undefined || d === "")) || packet.type === "close");
}

/** The events each kind of socket handles (the other kind's are refused in their answer; see `refuseOthers`). */
const ADMIN_EVENTS: ReadonlySet<string> = new Set(["admin:watch", "projector:watch"]);
const PARTICIPANT_EVENTS: ReadonlySet<string> = new Set(["p:sync", "p:intro", "p:survey", "p:action"]);
/** What the page of a person who gave their seat back (formerSocket) may send: it only asks for its final page. */
const FORMER_EVENTS: ReadonlySet<string> = new Set(["p:sync"]);
/**
 * Every event name a mechlab page sends (app/lib-client). Socket.IO's own client sends no events of its
 * own (its handshake, acknowledgements, pings and disconnects are other packet types, and the parser
 * refuses reserved names such as "disconnect"), so any other name comes from a script: it closes its socket.
 */
const MECHLAB_EVENTS: ReadonlySet<string> = new Set([...ADMIN_EVENTS, ...PARTICIPANT_EVENTS]);

export function attachSockets(
  io: Io,
  manager: SessionManager,
  auth: AdminAuth,
  guard: RealtimeGuard = new RealtimeGuard(DEFAULT_REALTIME_LIMITS),
  security: SecurityConfig = securityConfigFromEnv(),
  /** Where sessions live: the owning process of a cluster (server/cluster); without it, this process. */
  clusterRouter?: SessionRouter,
) {
  const router = clusterRouter ?? localRouter(manager);
  const wired = new WeakSet<SessionHost>();
  /**
   * Send a participant's view to their sockets (all but `except`). With one process, every socket of
   * theirs is in this process's room and gets it directly (no broadcast operator per message); in a
   * cluster the room spans processes, so it goes through the adapter.
   */
  const sendView = (pid: string, msg: ViewMessage, except?: string) => {
    if (clusterRouter) return void (except ? io.to(`p:${pid}`).except(except) : io.to(`p:${pid}`)).emit("p:view", msg);
    const ids = io.sockets.adapter.rooms.get(`p:${pid}`);
    if (ids) for (const id of ids) if (id !== except) io.sockets.sockets.get(id)?.emit("p:view", msg);
  };
  /** What was sent to each participant; progress-only changes held back briefly (server/realtime/view-outbox.ts). */
  const outbox = new ViewOutbox<SentView & { now: number; host: SessionHost }>((pid, { view, now, host }) => riding.deliver(pid, { view, serverNow: now }, host));
  /** The participant's view now (one `now` for all views of one change: members of a group share their group's part). */
  const viewOf = (host: SessionHost, pid: string, now = manager.clock()) => {
    // a crash in the game's view costs only this participant this update (logged once)
    const view = host.gameCode.guard(`view of participant ${pid}`, () => participantView(host.state, host.lt, pid, now));
    return view && { view, now, host, deadlineMs: view.play ? host.state.groups.get(view.play.groupId)?.deadlineMs : undefined };
  };
  /** A participant's own command's view goes in its answer (server/realtime/riding-views.ts). */
  const riding = new RidingViews<SessionHost>(
    sendView,
    (pid, socketId, host) => {
      const sockets = io.sockets.adapter.rooms.get(`p:${pid}`);
      return (sockets !== undefined && (sockets.size > 1 || !sockets.has(socketId))) || router.reachElsewhere(host, pid);
    },
  );

  const pushViews = (host: SessionHost, prev?: SessionState) => {
    const room = io.sockets.adapter.rooms;
    const now = manager.clock();
    for (const pid of affectedParticipants(prev, host.state)) {
      if (!room.get(`p:${pid}`) && !router.reachElsewhere(host, pid)) continue;
      const sent = viewOf(host, pid, now);
      if (sent) outbox.offer(pid, sent, () => viewOf(host, pid));
    }
    if (room.get(`admin:${host.id}`) || room.get(`projector:${host.id}`) || router.watchedElsewhere(host.id)) scheduleAdmin(host);
  };

  const adminTimers = new Map<string, NodeJS.Timeout>();
  const room = io.sockets.adapter.rooms;
  const scheduleAdmin = (host: SessionHost) => {
    if (adminTimers.has(host.id)) return;
    adminTimers.set(
      host.id,
      setTimeout(() => {
        adminTimers.delete(host.id);
        const now = manager.clock();
        // game code in them (e.g. a phase's `pending`) may throw: in a timer that would end the process
        const monitor = () => host.gameCode.guard("monitor", () => adminMessage(host, now));
        const screen = () => host.gameCode.guard("projector view", () => projectorMessage(host, now));
        if (room.get(`admin:${host.id}`) || router.watchedElsewhere(host.id)) {
          const msg = monitor();
          if (msg) io.to(`admin:${host.id}`).emit("admin:view", msg);
        }
        if (room.get(`projector:${host.id}`) || router.watchedElsewhere(host.id)) {
          const msg = screen();
          if (msg) io.to(`projector:${host.id}`).emit("projector:view", msg);
        }
        if (liveChartsStale(host)) scheduleAdmin(host); // the charts' recomputation was deferred: send them once it is done
      }, adminPushDelayMs(host.state.order.length)),
    );
  };

  /**
   * A screen that just connected got the charts as they were last computed; if a recomputation is due
   * (deferred, server/realtime/live-charts.ts), the push timer sends the new ones, even when no command
   * comes any more (a session that just ended).
   */
  const followStaleCharts = (id: string) => {
    if (!manager.isLoaded(id)) return; // held by another process (its own timer), or gone
    void manager.get(id).then((host) => {
      if (host && liveChartsStale(host)) scheduleAdmin(host);
    });
  };

  const wire = (host: SessionHost) => {
    if (wired.has(host)) return;
    wired.add(host);
    host.on("change", (_state: SessionState, _fx: unknown, prev: SessionState) => pushViews(host, prev));
    // game code crashed (nothing changed): the monitor shows the failed group at once
    host.on("crash", () => {
      if (room.get(`admin:${host.id}`) || router.watchedElsewhere(host.id)) scheduleAdmin(host);
    });
    // the session left memory (idle, ended, deleted): what was last sent to its participants goes too,
    // or the outbox would keep the host, and with it the whole session, for as long as the server runs
    host.on("stopped", () => {
      for (const pid of host.state.order) outbox.forget(pid);
    });
    // a re-issued link: browsers holding the old one are disconnected and cannot come back with it
    host.on("revoked", (pid: string) => {
      outbox.forget(pid);
      io.in(`p:${pid}`).disconnectSockets(true);
    });
  };
  for (const h of manager.all()) wire(h);
  manager.onHost(wire); // sessions loaded later (on demand, after being unloaded) push views too

  /** Who is connecting; throws a person-readable Error to refuse. Always settles, so no handshake hangs. */
  const admit = async (socket: Sock): Promise<void> => {
    const a = socket.handshake.auth as { token?: unknown; admin?: unknown; viewsInAcks?: unknown };
    if (a.admin === true) {
      const refusal = checkHost(socket.handshake.headers, security.allowedHosts) ?? checkOrigin(socket.handshake.headers, requestScheme(socket.request, security.trustProxy));
      if (refusal) throw new Error(refusal.message);
      const session = await auth.sessionOf(socket.handshake.headers.cookie);
      // `data.code` lets the monitor and the projector show the login form again (app/lib-client/admin-session.ts)
      if (!session) throw Object.assign(new Error("Please log in at /admin first."), { data: { code: "auth/not_logged_in" } });
      socket.data.admin = true;
      socket.data.adminSession = session;
      return;
    }
    if (typeof a.token !== "string" || a.token.length < 10 || a.token.length > 100) throw refusalError(worded("linkInvalid"));
    const found = await router.byToken(a.token);
    if (!found) {
      // the link of a person who waited out the waiting room and gave the seat back: their final page, nothing else
      const former = await manager.formerLink(a.token);
      if (former) {
        socket.data.formerView = former.view;
        return;
      }
      throw refusalError(worded(manager.wasReplaced(a.token) ? "linkReplaced" : "linkInvalid"));
    }
    socket.data.sessionId = found.sessionId;
    socket.data.pid = found.pid;
    socket.data.token = a.token;
    socket.data.viewsInAcks = a.viewsInAcks === true;
  };
  // Connections that never send the Socket.IO handshake are counted per address too (otherwise only
  // finished handshakes are): each holds a file descriptor until CONNECT_TIMEOUT_MS, and one address
  // could open tens of thousands. Over the limit the address's connection that has waited longest is
  // closed (`RealtimeGuard.beginHandshake`), so a browser that connects and sends its handshake at once
  // gets in even while someone behind the same address holds the limit with connections that never will.
  const handshakeDone = new WeakMap<object, () => void>();
  type EngineConnection = {
    request: IncomingMessage;
    readyState: string;
    once(event: "close", f: () => void): void;
    on(event: "packet", f: (packet: { type: string; data?: unknown }) => void): void;
    close(discard?: boolean): void;
    transport: unknown;
  };
  /** The `ws` WebSocket under an engine.io connection (mechlab allows the websocket transport only). */
  type RawWebSocket = { on(e: "message", f: (data: unknown) => void): unknown; terminate(): void };
  const webSocketOf = (conn: EngineConnection): RawWebSocket | undefined => {
    const ws = (conn.transport as { name?: string; socket?: Partial<RawWebSocket> } | undefined)?.socket;
    return typeof ws?.on === "function" && typeof ws.terminate === "function" ? (ws as RawWebSocket) : undefined;
  };
  /**
   * Drops a connection at once, at the TCP level: a websocket close handshake (`conn.close()`) waits for the
   * client's answer (ws: up to 30 s) and reads every frame the client sends until then. The engine.io
   * connection is closed too (after the websocket, so it sends no close frame), so it ignores what is left
   * of the frames already read.
   */
  const drop = (conn: EngineConnection) => {
    const ws = webSocketOf(conn);
    if (ws) ws.terminate();
    else conn.request.socket.destroy();
    conn.close(true);
  };
  /** The Socket.IO sockets connected on each engine.io connection (mechlab has one namespace: 0 or 1). */
  const socketsOn = new WeakMap<object, number>();
  io.engine.on("connection", (conn: EngineConnection) => {
    // WebSocket ping frames, answered by the ws library below every other check (server/security/ping-frames.ts)
    limitPingFrames(conn.transport);
    // packets no mechlab page sends and Socket.IO answers or drops before any check of ours (see `unsentPacket`,
    // `packetBeforeHandshake`): the connection is dropped before Socket.IO reads the packet
    conn.on("packet", (packet) => {
      if (unsentPacket(packet) || (!socketsOn.get(conn) && packetBeforeHandshake(packet))) drop(conn);
    });
    // a frame after the connection was closed (a refused handshake, the connect timeout, a socket closed by
    // the server) with a close handshake: the client should be closing too; one that goes on sending is
    // dropped instead of being read until it answers (engine.io's heartbeat answer "3" may cross the close)
    const ws = webSocketOf(conn);
    ws?.on("message", (data) => {
      if (conn.readyState === "closed" && String(data) !== "3") ws.terminate();
    });
    const address = clientAddress(conn.request, security.trustProxy);
    const oldest = guard.beginHandshake(address, conn);
    // at once, at the TCP level: a websocket close handshake would wait for the client's answer (ws: 30 s)
    if (oldest) oldest.request.socket.destroy();
    let waiting = true;
    const done = () => {
      if (waiting) guard.endHandshake(address, conn);
      waiting = false;
    };
    handshakeDone.set(conn, done);
    conn.once("close", done);
  });
  // Socket.IO lets a client send its handshake (a CONNECT packet) again on the same connection after a
  // refusal, and every one runs the checks below (a link or login lookup): one websocket sending tens of
  // thousands a second held up the whole server for seconds at a time. So a refused handshake closes its
  // connection once the refusal is sent (Socket.IO's own client closes it then anyway; a new connection
  // counts against the per-address limits above), and a connection that sends more handshakes than
  // MAX_HANDSHAKES_PER_CONNECTION is closed without checking them.
  const handshakesOn = new WeakMap<object, number>();
  const refuse = (socket: Sock, next: (err?: Error) => void, err: Error) => {
    next(err);
    // after the refusal is written (Socket.IO writes it on the next tick; engine.io sends what is queued before closing)
    setImmediate(() => socket.conn.close());
  };
  io.use((socket, next) => {
    handshakeDone.get(socket.conn)?.();
    const n = (handshakesOn.get(socket.conn) ?? 0) + 1;
    handshakesOn.set(socket.conn, n);
    if (n > MAX_HANDSHAKES_PER_CONNECTION) {
      // closed at once, nothing sent back (Socket.IO drops a handshake refused after its connection closed)
      socket.conn.close(true);
      return next(refusalError(worded("connectionRefused")));
    }
    admit(socket).then(
      () => next(),
      (e: unknown) => refuse(socket, next, e instanceof Error ? e : refusalError(worded("connectionRefused"))),
    );
  });
  // logging out closes that admin's sockets at once
  auth.sessions.onRevoke((key) => {
    for (const s of io.sockets.sockets.values()) if (s.data.adminSession === key) s.disconnect(true);
  });

  // sockets per address and per link, and reconnects per link (after the link token identified the seat)
  io.use((socket, next) => {
    const pid = typeof socket.data.pid === "string" ? socket.data.pid : null;
    const address = clientAddress(socket.request, security.trustProxy);
    const refusal = guard.admit(address, pid);
    if (refusal) return refuse(socket, next, refusalError(refusal));
    socket.once("disconnect", () => guard.release(address, pid));
    next();
  });

  io.on("connection", (socket: Sock) => {
    // counted at once, in the tick Socket.IO answers the handshake, so no packet of this socket's comes before
    const conn = socket.conn as object;
    socketsOn.set(conn, (socketsOn.get(conn) ?? 0) + 1);
    socket.once("disconnect", () => socketsOn.set(conn, (socketsOn.get(conn) ?? 1) - 1));
    if (socket.data.admin) return adminSocket(socket);
    if (socket.data.formerView) return formerSocket(socket);
    participantSocket(socket);
  });

  /**
   * The page of a person who waited out the waiting room and whose seat went to the next person (lib/engine/free-seat.ts
   * `waitedOutSeat`; fresh-clone review A6): by their old link they get the final page they had (the show-up fee, their
   * completion code), kept when the seat was freed (server/sessions/manager.ts `freeSeat`), and nothing of the seat's
   * next person: the socket joins no room and sends nothing to the session.
   */
  function formerSocket(socket: Sock) {
    const view = socket.data.formerView as ViewMessage;
    const now = (): ViewMessage => ({ ...view, serverNow: manager.clock() });
    let syncs = 0;
    refuseOthers(socket, FORMER_EVENTS);
    socket.on("p:sync", (_req, ackFn) => {
      // a page asks once per connection: a socket that keeps asking is not a page
      if (++syncs > MAX_STRIKES) return void socket.disconnect(true);
      safeAck<ViewMessage>(ackFn)({ ok: true, data: now() });
    });
    socket.emit("p:view", now());
  }

  /**
   * An event this kind of connection does not handle. One of mechlab's own events of the other kind (an
   * admin event on a participant's socket) is refused in its answer when it asks for one, instead of
   * leaving the client to its timeout; on a participant's socket it costs from the same budget as the
   * events handled (`charge`: the rate limit, and a strike towards closing the socket). Any other name
   * (no mechlab page sends it, only a script does) closes the socket at once, with or without an answer
   * asked for: a flood of such events from one seat was answered hundreds of thousands of times, past
   * every limit, and slowed every other participant down.
   */
  function refuseOthers(socket: Sock, handled: ReadonlySet<string>, charge: (event: string, raw: unknown) => Ack<never> | null = () => null) {
    socket.onAny((event: unknown, ...args: unknown[]) => {
      if (typeof event === "string" && handled.has(event)) return;
      const ack = args.at(-1);
      const answer = typeof ack === "function" ? (ack as (a: unknown) => void) : () => {};
      const name = typeof event === "string" ? event.slice(0, 40) : "this event";
      if (typeof event !== "string" || !MECHLAB_EVENTS.has(event)) {
        answer({ ok: false, error: { code: ActionErrorCode.NotAllowed, message: `This connection cannot send "${name}".` } });
        // after the answer is written; the handlers never see it (Socket.IO drops events of a closed socket)
        socket.disconnect(true);
        return;
      }
      answer(charge(name, args[0]) ?? { ok: false, error: { code: ActionErrorCode.NotAllowed, message: `This connection cannot send "${name}".` } });
    });
  }

  function adminSocket(socket: Sock) {
    refuseOthers(socket, ADMIN_EVENTS);
    socket.on("admin:watch", async (raw, ackFn) => {
      const ack = safeAck<AdminMessage>(ackFn);
      const req = WatchRequest.safeParse(raw);
      if (!req.success) return ack(bad(formatZodError(req.error).join("; ")));
      const id = req.data.sessionId;
      for (const r of socket.rooms) if (r.startsWith("admin:")) await socket.leave(r);
      await socket.join(`admin:${id}`);
      const msg = await router.adminView(id);
      if (!msg) {
        await socket.leave(`admin:${id}`);
        return ack({ ok: false, error: { code: "session/not_found", message: "No such session." } });
      }
      ack({ ok: true, data: msg });
      followStaleCharts(id);
    });
    // the room's screen: the same feed, as the projector's whitelist view (lib/engine/projector-view.ts)
    socket.on("projector:watch", async (raw, ackFn) => {
      const ack = safeAck<ProjectorMessage>(ackFn);
      const req = WatchRequest.safeParse(raw);
      if (!req.success) return ack(bad(formatZodError(req.error).join("; ")));
      const id = req.data.sessionId;
      for (const r of socket.rooms) if (r.startsWith("projector:")) await socket.leave(r);
      await socket.join(`projector:${id}`);
      const msg = await router.projectorView(id);
      if (!msg) {
        await socket.leave(`projector:${id}`);
        return ack({ ok: false, error: { code: "session/not_found", message: "No such session." } });
      }
      ack({ ok: true, data: msg });
      followStaleCharts(id);
    });
  }

  /**
   * Handlers are registered synchronously, before anything is awaited: an intent sent as soon as the
   * first view arrives must never find the socket without a listener.
   */
  function participantSocket(socket: Sock) {
    const pid = socket.data.pid as string;
    const sessionId = socket.data.sessionId as string;
    const actor = { actorKind: "participant" as const, participantId: pid };
    const snapshot = () => router.participantView(sessionId, pid);
    /** Send this socket its view, unless the push after the command just sent it exactly that. */
    const sendOwnView = async () => {
      const msg = await snapshot();
      const last = outbox.lastSent(pid);
      if (msg && !(last && sameJson(last.view, msg.view))) socket.emit("p:view", msg);
    };
    const ridingSocket: RidingSocket | null = socket.data.viewsInAcks === true ? { id: socket.id, sendView: (m) => socket.emit("p:view", m) } : null;
    /** Dispatch a command of this socket; with `viewsInAcks`, the new view it made for the answer. */
    const dispatchOwn = async (cmd: Command): Promise<{ r: DispatchResult; view: ViewMessage | null }> => {
      const rider = ridingSocket && riding.board(pid, ridingSocket);
      let r: DispatchResult;
      let kept: ViewMessage | null = null;
      try {
        r = await router.dispatch(sessionId, actor, cmd);
      } finally {
        kept = riding.alight(pid, rider);
      }
      // a refusal's answer has no room for a view: it goes first, on its own
      if (kept && !r.ok) socket.emit("p:view", kept);
      return { r, view: r.ok ? kept : null };
    };
    /** Resolves to whether the session is live; every handler waits for it. */
    const ready: Promise<boolean> = (async () => {
      if (!(await router.open(sessionId))) {
        socket.disconnect(true);
        return false;
      }
      // `s:` lets a cluster's owner find every socket of the session on any process (presence)
      await socket.join([`p:${pid}`, `s:${sessionId}`]);
      // a link re-issued (a seat freed) between the admission and joining the seat's room: that broadcast
      // was missed, so the link is checked once more before the socket may open the seat, one after the
      // other with the seat being freed (server/sessions/manager.ts `withSeatOpening`)
      const opened = await manager.withSeatOpening(sessionId, pid, async () => {
        const still = await router.byToken(socket.data.token as string);
        if (!still || still.pid !== pid || still.sessionId !== sessionId) return false;
        outbox.forget(pid);
        await router.dispatch(sessionId, actor, { kind: "connect", pid });
        return true;
      });
      if (!opened) {
        socket.disconnect(true);
        return false;
      }
      // a connect that changed nothing (second tab) still deserves a view
      await sendOwnView();
      return true;
    })();
    const gone = <T>(): Ack<T> => ({ ok: false, error: { code: "session/not_found", ...worded("sessionGone") } });
    /** The rate limit of this participant's intents: null to go on, or the refusal to send. */
    let strikes = 0; // intents refused on this socket since strikesSince
    let strikesSince = 0;
    /** One more refusal on this socket: a socket that keeps sending after many is not a person, it is closed (reconnects are limited too). */
    const strike = () => {
      const now = manager.clock();
      if (now - strikesSince > STRIKE_WINDOW_MS) {
        strikes = 0;
        strikesSince = now;
      }
      if (++strikes > MAX_STRIKES) socket.disconnect(true);
    };
    const limited = <T>(event: string, raw: unknown): Ack<T> | null => {
      if (guard.allowIntent(pid)) return null;
      strike();
      const error = { code: ActionErrorCode.RateLimited, ...guard.intentRefusal(pid) };
      const count = guard.noteRefused(pid);
      if (count !== null)
        void ready.then((live) => (live ? router.logRefused(sessionId, actor, event, { refused: count, sample: raw }, error) : undefined));
      return { ok: false, error };
    };
    // the other kind's events (refused) cost from the same budget and always count as a strike; other names close the socket
    refuseOthers(socket, PARTICIPANT_EVENTS, (event, raw) => {
      const refused = limited<never>(event, raw);
      if (!refused) strike();
      return refused;
    });

    socket.on("p:sync", async (_req, ackFn) => {
      const ack = safeAck<ViewMessage>(ackFn);
      const refused = limited<ViewMessage>("p:sync", _req);
      if (refused) return ack(refused);
      const msg = (await ready) ? await snapshot() : null;
      // loaded here but no view: the game's view crashed (logged), the session is not gone
      const failed = (): Ack<ViewMessage> => ({ ok: false, error: { code: "session/conflict", ...worded("serverFailed") } });
      ack(msg ? { ok: true, data: msg } : manager.isLoaded(sessionId) ? failed() : gone());
    });

    socket.on("p:intro", async (raw, ackFn) => {
      const ack = safeAck<{ version: number }>(ackFn);
      const refused = limited<{ version: number }>("p:intro", raw);
      if (refused) return ack(refused);
      const req = IntroRequest.safeParse(raw);
      // only a broken or foreign page sends an unknown step or over 100 quiz answers: a worded refusal, not zod's text
      if (!req.success) return ack({ ok: false, error: { code: ActionErrorCode.InvalidPayload, ...worded("introUnreadable") } });
      if (!(await ready)) return ack(gone());
      const cmd = req.data.step === "quiz" ? { kind: "quiz" as const, pid, answers: req.data.answers } : { kind: req.data.step, pid };
      const { r, view } = await dispatchOwn(cmd);
      ack(r.ok ? { ok: true, data: { version: r.version, ...(view ? { view } : {}) } } : r);
      // the answer carried the new view, or it went out with the change: only a step that changed nothing needs one
      if (r.ok && !view) await sendOwnView();
    });

    socket.on("p:survey", async (raw, ackFn) => {
      const ack = safeAck<{ version: number; duplicate: boolean }>(ackFn);
      const refused = limited<{ version: number; duplicate: boolean }>("p:survey", raw);
      if (refused) return ack(refused);
      const req = SurveyRequest.safeParse(raw);
      if (!req.success) return ack(bad(`Your answers could not be read (${formatZodError(req.error).join("; ")}). Please try again.`));
      if (!(await ready)) return ack(gone());
      const { r, view } = await dispatchOwn({ kind: "survey", pid, answers: req.data.answers });
      ack(r.ok ? { ok: true, data: { version: r.version, duplicate: r.duplicate, ...(view ? { view } : {}) } } : r);
      // the answer carried the new view, or it went out with the change: only a step that changed nothing needs one
      if (r.ok && !view) await sendOwnView();
    });

    socket.on("p:action", async (raw, ackFn) => {
      const ack = safeAck<{ version: number; duplicate: boolean }>(ackFn);
      const refused = limited<{ version: number; duplicate: boolean }>("p:action", raw);
      if (refused) return ack(refused);
      const env = ActionEnvelope.safeParse(raw);
      if (!env.success) return ack(bad(`Your input could not be read (${formatZodError(env.error).join("; ")}). Please try again.`));
      if (!(await ready)) return ack(gone());
      const { r, view } = await dispatchOwn({ kind: "action", pid, clientActionId: env.data.clientActionId, action: env.data.action, at: env.data.at });
      ack(r.ok ? { ok: true, data: { version: r.version, duplicate: r.duplicate, ...(view ? { view } : {}) } } : r);
    });

    socket.on("disconnect", async () => {
      if (!(await ready)) return;
      const still = io.sockets.adapter.rooms.get(`p:${pid}`);
      if (still && still.size > 0) return; // another tab is still open
      // nobody here to compare the next view with: a new connection starts from a whole view anyway
      outbox.forget(pid);
      // another tab on another process (several processes: server/cluster)
      if (await router.connectedElsewhere(pid)) return;
      await router.dispatch(sessionId, actor, { kind: "disconnect", pid });
    });
  }

  return {
    wire,
    /** Participants whose last view this process remembers (bounded by those connected; tests). */
    viewsRemembered: () => outbox.size,
  };
}
