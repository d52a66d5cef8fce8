/**
 * Every way the session state can change. Participant and admin intents arrive from the network and
 * are zod-parsed by the server before they become commands; ticks come from the deadline scheduler.
 */
import type { ExternalId } from "./state";

export type ParticipantCommand =
  | { kind: "connect"; pid: string }
  | { kind: "disconnect"; pid: string }
  | { kind: "consent"; pid: string }
  /** "I do not agree" on the consent page: the person takes no part (lib/engine/participant.ts). */
  | { kind: "decline"; pid: string }
  | { kind: "instructions"; pid: string }
  | { kind: "quiz"; pid: string; answers: number[] }
  /** The exit survey's answers, by question id. */
  | { kind: "survey"; pid: string; answers: Record<string, unknown> }
  | { kind: "action"; pid: string; clientActionId: string; action: unknown; byBot?: boolean; at?: PhaseInstance };

/**
 * How the ids of the server's own moves begin (a bot's move: lib/engine/bots.ts). A participant's
 * clientActionId may not (lib/protocol/payloads.ts refuses it), and the engine dedupes the server's moves
 * apart from the participants' (`ParticipantState.recentBotActionIds`), so a participant cannot send the id
 * of the move a bot will make for their seat and have that move dropped as a "duplicate".
 */
export const SERVER_ACTION_ID_PREFIX = "bot:";

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
  /**
   * End the current step of group `groupId`, else of every playing group. `decisionsOnly`: of every group in a
   * decision step only, when any is in one (lib/engine/admin.ts `forceEndGroups`; absent in older event logs).
   */
  | { kind: "forcePhaseEnd"; groupId?: string; decisionsOnly?: boolean }
  /**
   * A bot plays the seat from now on. `intro` (with `completionCode`, the seat's next one): set by the server when the
   * seat's person has not finished the intro (lib/engine/free-seat.ts `personInIntro`): the seat is freed from them
   * and becomes a bot seat (it renewed the seat's link first, as for "Free seat").
   */
  | { kind: "replaceWithBot"; pid: string; strategy?: string; intro?: boolean; completionCode?: string }
  /** Undo "replace by bot": the person plays their seat again from their next choice. */
  | { kind: "giveBack"; pid: string }
  | { kind: "fillWithBots"; strategy?: string }
  | { kind: "end" };

/** The experimenter's ways on from a group whose long step failed (lib/engine/computed.ts). */
export type FailedComputeCommand =
  /** Run the step again. */
  | { kind: "retryCompute"; groupId: string }
  /** End the group (its members go on to the exit survey). */
  /**
   * `crashed`: set by the server (never by a client) when the group's game code crashed in the engine
   * (server/sessions/engine-crashes.ts): the group may then be ended while it plays.
   */
  | { kind: "endFailedGroup"; groupId: string; crashed?: boolean };

export type Command =
  | ParticipantCommand
  | AdminCommand
  | FailedComputeCommand
  /**
   * The experimenter hides a seat's label from the room's screen, or shows it again (lib/engine/label-visibility.ts);
   * also after the session ended (the debrief's leaderboard), so not one of the `AdminCommand`s.
   */
  | { kind: "hideLabel"; pid: string; hidden: boolean }
  /**
   * `from`: a tag of the sender's network address (never the address itself), for `join.seatsPerAddress`;
   * `browser`: a tag of the sender's browser (its join cookie, server/security/browser-cookie.ts), whose quiz
   * attempts under the label the session remembers (lib/engine/seat-memory.ts).
   */
  | { kind: "claim"; label: string; from?: string; browser?: string }
  | { kind: "claimPanel"; external: ExternalId; from?: string }
  /**
   * Give a taken seat back to the free seats (lib/engine/free-seat.ts): sent by the server only, which gives
   * the seat a new link with it (server/sessions/manager.ts `freeSeat`); `unused`: its sweep of claims nobody opened.
   */
  | { kind: "freeSeat"; pid: string; unused?: boolean; completionCode?: string }
  /**
   * Deadlines and dropouts due now. `hold`: groups whose deadline is not settled by this tick, set by the
   * server only: their game code crashed at it and is retried later (server/sessions/engine-crashes.ts),
   * while the session's other groups keep their deadlines.
   */
  | { kind: "tick"; hold?: readonly string[] }
  /** The server was down from `fromMs` until now (a crash, then a restart): the clock stops for it as for a pause (lib/engine/admin.ts `applyOutage`). */
  | { kind: "outage"; fromMs: number }
  /** The output of a group's long step (lib/engine/compute.ts), fed back by the server. */
  | { kind: "computed"; groupId: string; key: string; output: unknown }
  /** A group's long step failed in the solver pool and on the main thread (the server's error message). */
  | { kind: "computeFailed"; groupId: string; key: string; error: string };
