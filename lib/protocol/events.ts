/**
 * Socket.io event maps shared by the server and the browser.
 *
 * Participant sockets connect with `auth: { token }` (the token of their link);
 * admin sockets connect with `auth: { admin: true }` and the admin cookie.
 */
import type { ActionError } from "../core/errors";
import type { ProjectorView } from "../engine/projector-view";
import type { AdminView, ParticipantView } from "../engine/views";

export type Ack<T> = { ok: true; data: T } | { ok: false; error: ActionError };

/** A participant's view plus the server's clock when it was made. */
export interface ViewMessage {
  view: ParticipantView;
  serverNow: number;
}

export interface AdminMessage {
  view: AdminView;
  serverNow: number;
}

/** The projector's view (admin sockets only; lib/engine/projector-view.ts). */
export interface ProjectorMessage {
  view: ProjectorView;
  serverNow: number;
}

/**
 * The participant's new view, carried in the answer to their own intent instead of a separate `p:view`
 * (one message instead of two), when their socket connected with `auth.viewsInAcks: true` and the
 * command changed their view (server/realtime/sockets.ts). The browser shows it before it handles the
 * answer, as if it had come as a `p:view` just before.
 */
export interface RidingView {
  view?: ViewMessage;
}

export interface ClientToServerEvents {
  "p:sync": (req: Record<string, never>, ack: (res: Ack<ViewMessage>) => void) => void;
  "p:intro": (req: unknown, ack: (res: Ack<{ version: number } & RidingView>) => void) => void;
  "p:survey": (req: unknown, ack: (res: Ack<{ version: number; duplicate: boolean } & RidingView>) => void) => void;
  "p:action": (req: unknown, ack: (res: Ack<{ version: number; duplicate: boolean } & RidingView>) => void) => void;
  "admin:watch": (req: unknown, ack: (res: Ack<AdminMessage>) => void) => void;
  "projector:watch": (req: unknown, ack: (res: Ack<ProjectorMessage>) => void) => void;
}

export interface ServerToClientEvents {
  "p:view": (msg: ViewMessage) => void;
  "admin:view": (msg: AdminMessage) => void;
  "projector:view": (msg: ProjectorMessage) => void;
}
