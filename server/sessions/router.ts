/**
 * Where a session's commands run. With one process (the default) every session is a `SessionHost` in
 * this process's `SessionManager`; with several (server/cluster) a session lives in the one process that
 * holds its lease, and the router of every other process forwards to it. The socket layer
 * (server/realtime/sockets.ts) talks only to this interface.
 */
import type { ActionError } from "../../lib/core/errors";
import type { Command } from "../../lib/engine";
import { projectorView } from "../../lib/engine/projector-view";
import { adminView, participantView } from "../../lib/engine/views";
import type { AdminMessage, ProjectorMessage, ViewMessage } from "../../lib/protocol/events";
import { liveCharts } from "../realtime/live-charts";
import type { DispatchResult, SessionHost } from "./host";
import type { SessionManager } from "./manager";
import type { EventInput } from "./store";

export type Actor = Pick<EventInput, "actorKind" | "participantId">;

/**
 * The session runs in another process that this one cannot reach (several processes: server/cluster):
 * `message` is for the server's log (what to check), `publicMessage` for the person who asked.
 */
export class SessionUnreachableError extends Error {
  readonly publicMessage = "The server process that runs this session cannot be reached from this one right now. Nothing was changed. Please try again in a minute; if it persists, tell the person running the server (its log says what to check).";
  constructor(message: string) {
    super(message);
    this.name = "SessionUnreachableError";
  }
}

export interface SessionRouter {
  /** The seat of a link token (null: no such link). */
  byToken(token: string): Promise<{ sessionId: string; pid: string } | null>;
  /** Make the session live (loaded where it is owned); false when it does not exist. */
  open(sessionId: string): Promise<boolean>;
  /** Run a command where the session lives; resolves after it is stored (or refused). */
  dispatch(sessionId: string, actor: Actor, cmd: Command): Promise<DispatchResult>;
  participantView(sessionId: string, pid: string): Promise<ViewMessage | null>;
  adminView(sessionId: string): Promise<AdminMessage | null>;
  /** The projector's whitelist view (lib/engine/projector-view.ts). */
  projectorView(sessionId: string): Promise<ProjectorMessage | null>;
  /** Log input refused before it reached the session (see SessionHost.logRefused). */
  logRefused(sessionId: string, actor: Actor, command: string, payload: unknown, error: ActionError): Promise<void>;
  /**
   * Whether views for this participant must be sent although this process sees no socket of theirs
   * (their socket may be on another process). Always false with one process.
   */
  reachElsewhere(host: SessionHost, pid: string): boolean;
  /** Whether another process has a monitor or projector open on this session (false with one process). */
  watchedElsewhere(sessionId: string): boolean;
  /** Whether the participant still has a socket on another process (false with one process). */
  connectedElsewhere(pid: string): Promise<boolean>;
}

const gone = (): DispatchResult => ({ ok: false, error: { code: "session/not_found", message: "This session is no longer available." } });

/** The router of a single process: every session is loaded here. */
export function localRouter(manager: SessionManager): SessionRouter {
  return {
    async byToken(token) {
      const found = await manager.byToken(token);
      return found ? { sessionId: found.host.id, pid: found.pid } : null;
    },
    open: async (id) => (await manager.get(id)) !== null,
    async dispatch(id, actor, cmd) {
      const host = await manager.get(id);
      return host ? host.dispatch(actor, cmd) : gone();
    },
    async participantView(id, pid) {
      const host = await manager.get(id);
      return host ? participantMessage(host, pid, manager.clock()) : null;
    },
    async adminView(id) {
      const host = await manager.get(id);
      return host ? host.gameCode.guard("monitor", () => adminMessage(host, manager.clock())) : null;
    },
    async projectorView(id) {
      const host = await manager.get(id);
      return host ? host.gameCode.guard("projector view", () => projectorMessage(host, manager.clock())) : null;
    },
    async logRefused(id, actor, command, payload, error) {
      await (await manager.get(id))?.logRefused(actor, command, payload, error);
    },
    reachElsewhere: () => false,
    watchedElsewhere: () => false,
    connectedElsewhere: async () => false,
  };
}

export function participantMessage(host: SessionHost, pid: string, now: number): ViewMessage | null {
  const view = host.gameCode.guard(`view of participant ${pid}`, () => participantView(host.state, host.lt, pid, now));
  return view ? { view, serverNow: now } : null;
}

export function adminMessage(host: SessionHost, now: number): AdminMessage {
  // the monitor asks for a group's round history when its table is opened (server/http/admin-routes.ts)
  return { view: adminView(host.state, host.lt, now, host.roundHistory, liveCharts(host), { groupHistory: false, onGameError: (where, e) => host.gameCode.report(where, e), gameCrashes: host.crashes.all() }), serverNow: now };
}

export function projectorMessage(host: SessionHost, now: number): ProjectorMessage {
  return { view: projectorView(host.state, host.lt, now, host.code, liveCharts(host, undefined, host.lt.treatment.language)), serverNow: now };
}
