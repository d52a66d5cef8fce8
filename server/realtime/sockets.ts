/**
 * Socket.io: participants (auth by link token) and admins (auth by cookie).
 * Every inbound payload is zod-parsed; a participant acts only as themselves (the token decides who);
 * each socket receives only its own view.
 */
import type { Server, Socket } from "socket.io";
import { formatZodError } from "../../lib/core/zod-format";
import { adminView, participantView } from "../../lib/engine/views";
import type { Ack, ClientToServerEvents, ServerToClientEvents } from "../../lib/protocol/events";
import { ActionEnvelope, IntroRequest, SurveyRequest, WatchRequest } from "../../lib/protocol/payloads";
import type { AdminAuth } from "../http/admin-auth";
import { ActionErrorCode } from "../../lib/core/errors";
import { DEFAULT_REALTIME_LIMITS, RealtimeGuard } from "./limits";
import { securityConfigFromEnv, type SecurityConfig } from "../security/config";
import { clientAddress } from "../security/client-address";
import { checkHost, checkOrigin } from "../security/origin";
import type { SessionHost } from "../sessions/host";
import type { SessionManager } from "../sessions/manager";
import { affectedParticipants } from "../sessions/snapshot";
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
const safeAck = <T>(ack: unknown): ((r: Ack<T>) => void) => (typeof ack === "function" ? (ack as (r: Ack<T>) => void) : () => {});

export function attachSockets(
  io: Io,
  manager: SessionManager,
  auth: AdminAuth,
  guard: RealtimeGuard = new RealtimeGuard(DEFAULT_REALTIME_LIMITS),
  security: SecurityConfig = securityConfigFromEnv(),
) {
  const wired = new WeakSet<SessionHost>();
  const lastSent = new Map<string, string>();

  const pushViews = (host: SessionHost, prev?: SessionState) => {
    const now = manager.clock();
    const room = io.sockets.adapter.rooms;
    for (const pid of affectedParticipants(prev, host.state)) {
      if (!room.get(`p:${pid}`)) continue;
      const view = participantView(host.state, host.lt, pid, now);
      if (!view) continue;
      const key = JSON.stringify({ ...view, play: view.play ? { ...view.play, remainingMs: null, d: host.state.groups[view.play.groupId]?.deadlineMs } : null });
      if (lastSent.get(pid) === key) continue;
      lastSent.set(pid, key);
      io.to(`p:${pid}`).emit("p:view", { view, serverNow: now });
    }
    const adminRoom = `admin:${host.id}`;
    if (room.get(adminRoom)) scheduleAdmin(host);
  };

  const adminTimers = new Map<string, NodeJS.Timeout>();
  const scheduleAdmin = (host: SessionHost) => {
    if (adminTimers.has(host.id)) return;
    adminTimers.set(
      host.id,
      setTimeout(() => {
        adminTimers.delete(host.id);
        io.to(`admin:${host.id}`).emit("admin:view", { view: adminView(host.state, host.lt, manager.clock(), host.roundHistory), serverNow: manager.clock() });
      }, 200),
    );
  };

  const wire = (host: SessionHost) => {
    if (wired.has(host)) return;
    wired.add(host);
    host.on("change", (_state: SessionState, _fx: unknown, prev: SessionState) => pushViews(host, prev));
    // a re-issued link: browsers holding the old one are disconnected and cannot come back with it
    host.on("revoked", (pid: string) => {
      lastSent.delete(pid);
      io.in(`p:${pid}`).disconnectSockets(true);
    });
  };
  for (const h of manager.all()) wire(h);
  manager.onHost(wire); // sessions loaded later (on demand, after being unloaded) push views too

  /** Who is connecting; throws a person-readable Error to refuse. Always settles, so no handshake hangs. */
  const admit = async (socket: Sock): Promise<void> => {
    const a = socket.handshake.auth as { token?: unknown; admin?: unknown };
    if (a.admin === true) {
      const refusal = checkHost(socket.handshake.headers, security.allowedHosts) ?? checkOrigin(socket.handshake.headers);
      if (refusal) throw new Error(refusal.message);
      const session = await auth.sessionOf(socket.handshake.headers.cookie);
      if (!session) throw new Error("Please log in at /admin first.");
      socket.data.admin = true;
      socket.data.adminSession = session;
      return;
    }
    if (typeof a.token !== "string" || a.token.length < 10 || a.token.length > 100) throw new Error("This link is not valid. Please use the link you were given.");
    const found = await manager.byToken(a.token);
    if (!found) throw new Error("This link is not valid. Please use the link you were given.");
    socket.data.sessionId = found.host.id;
    socket.data.pid = found.pid;
  };
  io.use((socket, next) => {
    admit(socket).then(
      () => next(),
      (e: unknown) => next(e instanceof Error ? e : new Error("The connection was refused.")),
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
    if (refusal) return next(new Error(refusal));
    socket.once("disconnect", () => guard.release(address, pid));
    next();
  });

  io.on("connection", (socket: Sock) => {
    if (socket.data.admin) return adminSocket(socket);
    participantSocket(socket);
  });

  function adminSocket(socket: Sock) {
    socket.on("admin:watch", async (raw, ackFn) => {
      const ack = safeAck<{ view: ReturnType<typeof adminView>; serverNow: number }>(ackFn);
      const req = WatchRequest.safeParse(raw);
      if (!req.success) return ack(bad(formatZodError(req.error).join("; ")));
      const host = await manager.get(req.data.sessionId);
      if (!host) return ack({ ok: false, error: { code: "session/not_found", message: "No such session." } });
      wire(host);
      for (const r of socket.rooms) if (r.startsWith("admin:")) await socket.leave(r);
      await socket.join(`admin:${host.id}`);
      ack({ ok: true, data: { view: adminView(host.state, host.lt, manager.clock(), host.roundHistory), serverNow: manager.clock() } });
    });
  }

  /**
   * Handlers are registered synchronously, before anything is awaited: an intent sent as soon as the
   * first view arrives must never find the socket without a listener.
   */
  function participantSocket(socket: Sock) {
    const pid = socket.data.pid as string;
    const snapshot = (host: SessionHost) => ({ view: participantView(host.state, host.lt, pid, manager.clock())!, serverNow: manager.clock() });
    const ready: Promise<SessionHost | null> = (async () => {
      const host = await manager.get(socket.data.sessionId as string);
      if (!host) {
        socket.disconnect(true);
        return null;
      }
      wire(host);
      await socket.join(`p:${pid}`);
      lastSent.delete(pid);
      await host.dispatch({ actorKind: "participant", participantId: pid }, { kind: "connect", pid });
      // a connect that changed nothing (second tab) still deserves a view
      socket.emit("p:view", snapshot(host));
      return host;
    })();
    const gone = <T>(): Ack<T> => ({ ok: false, error: { code: "session/not_found", message: "This session is no longer available." } });
    /** The rate limit of this participant's intents: null to go on, or the refusal to send. */
    let strikes = 0; // intents refused on this socket since strikesSince
    let strikesSince = 0;
    const limited = <T>(event: string, raw: unknown): Ack<T> | null => {
      if (guard.allowIntent(pid)) return null;
      const now = manager.clock();
      if (now - strikesSince > STRIKE_WINDOW_MS) {
        strikes = 0;
        strikesSince = now;
      }
      // a socket that keeps sending after many refusals is not a person: close it (reconnects are limited too)
      if (++strikes > MAX_STRIKES) socket.disconnect(true);
      const error = { code: ActionErrorCode.RateLimited, message: guard.intentRefusal(pid) };
      const count = guard.noteRefused(pid);
      if (count !== null)
        void ready.then((host) => host?.logRefused({ actorKind: "participant", participantId: pid }, event, { refused: count, sample: raw }, error));
      return { ok: false, error };
    };

    socket.on("p:sync", async (_req, ackFn) => {
      const ack = safeAck<ReturnType<typeof snapshot>>(ackFn);
      const refused = limited<ReturnType<typeof snapshot>>("p:sync", _req);
      if (refused) return ack(refused);
      const host = await ready;
      ack(host ? { ok: true, data: snapshot(host) } : gone());
    });

    socket.on("p:intro", async (raw, ackFn) => {
      const ack = safeAck<{ version: number }>(ackFn);
      const refused = limited<{ version: number }>("p:intro", raw);
      if (refused) return ack(refused);
      const req = IntroRequest.safeParse(raw);
      if (!req.success) return ack(bad(formatZodError(req.error).join("; ")));
      const host = await ready;
      if (!host) return ack(gone());
      const cmd = req.data.step === "quiz" ? { kind: "quiz" as const, pid, answers: req.data.answers } : { kind: req.data.step, pid };
      const r = await host.dispatch({ actorKind: "participant", participantId: pid }, cmd);
      ack(r.ok ? { ok: true, data: { version: r.version } } : r);
      if (r.ok) socket.emit("p:view", snapshot(host));
    });

    socket.on("p:survey", async (raw, ackFn) => {
      const ack = safeAck<{ version: number; duplicate: boolean }>(ackFn);
      const refused = limited<{ version: number; duplicate: boolean }>("p:survey", raw);
      if (refused) return ack(refused);
      const req = SurveyRequest.safeParse(raw);
      if (!req.success) return ack(bad(`Your answers could not be read (${formatZodError(req.error).join("; ")}). Please try again.`));
      const host = await ready;
      if (!host) return ack(gone());
      const r = await host.dispatch({ actorKind: "participant", participantId: pid }, { kind: "survey", pid, answers: req.data.answers });
      ack(r.ok ? { ok: true, data: { version: r.version, duplicate: r.duplicate } } : r);
      if (r.ok) socket.emit("p:view", snapshot(host));
    });

    socket.on("p:action", async (raw, ackFn) => {
      const ack = safeAck<{ version: number; duplicate: boolean }>(ackFn);
      const refused = limited<{ version: number; duplicate: boolean }>("p:action", raw);
      if (refused) return ack(refused);
      const env = ActionEnvelope.safeParse(raw);
      if (!env.success) return ack(bad(`Your input could not be read (${formatZodError(env.error).join("; ")}). Please try again.`));
      const host = await ready;
      if (!host) return ack(gone());
      const r = await host.dispatch(
        { actorKind: "participant", participantId: pid },
        { kind: "action", pid, clientActionId: env.data.clientActionId, action: env.data.action, at: env.data.at },
      );
      ack(r.ok ? { ok: true, data: { version: r.version, duplicate: r.duplicate } } : r);
    });

    socket.on("disconnect", async () => {
      const host = await ready;
      if (!host) return;
      const still = io.sockets.adapter.rooms.get(`p:${pid}`);
      if (still && still.size > 0) return; // another tab is still open
      await host.dispatch({ actorKind: "participant", participantId: pid }, { kind: "disconnect", pid });
    });
  }

  return { wire };
}
