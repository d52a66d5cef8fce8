/** Shapes of the admin session API (GET /api/admin/sessions/:id). */
import type { AdminView } from "@/lib/engine/views";

export interface SessionDetail {
  session: { id: string; code: string; name?: string; gameId?: string; status: string; seed?: string };
  links: { seat: number; participantId: string; path: string }[];
  view: AdminView;
  bots: { id: string; label: string }[];
}

export type Command =
  | { kind: "open" }
  | { kind: "pause" }
  | { kind: "resume" }
  | { kind: "forcePhaseEnd"; groupId?: string; decisionsOnly?: true }
  | { kind: "replaceWithBot"; pid: string; strategy?: string }
  | { kind: "giveBack"; pid: string }
  | { kind: "fillWithBots"; strategy?: string }
  | { kind: "end" }
  | { kind: "retryCompute"; groupId: string }
  | { kind: "endFailedGroup"; groupId: string }
  | { kind: "hideLabel"; pid: string; hidden: boolean };

export type RunCommand = (cmd: Command) => Promise<boolean>;
