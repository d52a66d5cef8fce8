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
  /** The exit survey's answers, by question id. */
  | { kind: "survey"; pid: string; answers: Record<string, unknown> }
  | { kind: "action"; pid: string; clientActionId: string; action: unknown; byBot?: boolean; at?: PhaseInstance };

/**
 * The phase instance an action answers (what the sender's screen showed). The engine refuses an action
 * whose instance is not the group's current one, so a late answer never lands on a later phase
 * (e.g. a re-offer). Clients and bots always send it; headless tests may omit it.
 */
export interface PhaseInstance {
  round: number;
  phase: string;
  phaseSeq: number;
}

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
  | { kind: "tick" }
  /** The output of a group's long step (lib/engine/compute.ts), fed back by the server. */
  | { kind: "computed"; groupId: string; key: string; output: unknown };
