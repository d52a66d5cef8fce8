/**
 * Every way the session state can change. Participant and admin intents arrive from the network and
 * are zod-parsed by the server before they become commands; ticks come from the deadline scheduler.
 */
import type { ExternalId } from "./state";

export type ParticipantCommand =
  | { kind: "connect"; pid: string }
  | { kind: "disconnect"; pid: string }
  | { kind: "consent"; pid: string }
  | { kind: "instructions"; pid: string }
  | { kind: "quiz"; pid: string; answers: number[] }
  | { kind: "action"; pid: string; clientActionId: string; action: unknown; byBot?: boolean };

export type AdminCommand =
  | { kind: "open" }
  | { kind: "pause" }
  | { kind: "resume" }
  | { kind: "forcePhaseEnd"; groupId?: string }
  | { kind: "replaceWithBot"; pid: string; strategy?: string }
  | { kind: "fillWithBots"; strategy?: string }
  | { kind: "end" };

export type Command =
  | ParticipantCommand
  | AdminCommand
  | { kind: "claim"; label: string }
  | { kind: "claimPanel"; external: ExternalId }
  | { kind: "tick" };
