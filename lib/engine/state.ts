/**
 * The engine's persisted session state. Everything here is plain JSON, except that `participants` and
 * `groups` are ChunkMaps, which serialise as the plain record (JSON.stringify gives plain JSON; `upgradeSessionState`
 * reads it back): the server stores it as a snapshot after every accepted command, so a restart resumes
 * exactly where it stopped.
 */
import type { PlayerId, PlayerRoundRecord, Scalar } from "../core/game";
import type { RngState } from "../core/rng";
import type { SurveyAnswers } from "../survey/answers";
import type { ChunkMap } from "./chunk-map";
import type { FormerPerson } from "./seat-memory";

/** draft: created, nobody can join until the experimenter opens it (after the launch check). */
export type SessionStatus = "draft" | "running" | "paused" | "ended";
/** survey: play is over, the exit survey is open (only when the treatment lists survey questions). */
export type Stage = "new" | "intro" | "waiting" | "playing" | "survey" | "done";
export type IntroStep = "consent" | "instructions" | "quiz";
/** declined: "I do not agree" on the consent page; quizFailed: every attempt the treatment allows at the quiz was wrong. */
export type LeftBeforePlay = "declined" | "quizFailed";

export interface ParticipantState {
  id: PlayerId;
  seat: number;
  /** Name typed with the room code, or null for link and panel participants. */
  label: string | null;
  /**
   * The experimenter hid the label from the room's screen (an offensive or identifying name): the
   * leaderboard shows "Seat n" instead. The label stays in the data and on the monitor.
   */
  labelHidden?: true;
  /** The online panel's participant id (Prolific, MTurk, …) when the seat was taken through a panel link. */
  external?: ExternalId;
  claimed: boolean;
  /** When the seat was taken by room code or panel id (a claim nobody opens is freed again: lib/engine/free-seat.ts). */
  claimedAtMs?: number;
  /** A tag of the network address the seat was taken from (a hash per session, not the address): `join.seatsPerAddress`. */
  claimedFrom?: string;
  /**
   * A tag of the browser that took the seat by room code and label (a hash per session of its join cookie, not
   * the cookie): the seat's memory of the label's quiz attempts is that browser's (lib/engine/seat-memory.ts).
   */
  claimedBrowser?: string;
  /** A person's browser connected to this seat at least once (absent in older snapshots). */
  everConnected?: boolean;
  /** A bot from the start. */
  bot: boolean;
  /** Set when a bot took over a human's seat (dropout or the experimenter). */
  replacedByBot: boolean;
  /**
   * Why a bot plays this seat: a dropout gets the seat back on return, an experimenter's replacement does not;
   * "latecomer": the filled seat's bot plays while a latecomer taking it over reads the intro (lib/engine/takeover.ts).
   */
  botReason: "dropout" | "experimenter" | "latecomer" | null;
  botStrategy: string | null;
  stage: Stage;
  introStep: IntroStep;
  connected: boolean;
  offlineSinceMs: number | null;
  groupId: string | null;
  totalPayoff: number;
  completionCode: string;
  /**
   * The participant's rounds, oldest first. Never changed in place: a finished round replaces the list
   * (lib/engine/rounds.ts), so states share it until then and the snapshot stores it only when it changed
   * (server/sessions/snapshot.ts).
   */
  history: readonly PlayerRoundRecord[];
  /**
   * Accepted client action ids (most recent last), so a retried submit counts once. Only the person's
   * own (their browser's) ids since this version; sessions stored before it may also hold bot moves' ids.
   */
  recentActionIds: string[];
  /**
   * Accepted ids of the bot moves made for this seat (most recent last; absent: none yet): a bot move sent
   * twice counts once. Apart from `recentActionIds`, so no id a participant sent can make a bot's move
   * look like a duplicate.
   */
  recentBotActionIds?: string[];
  quizAttempts: number;
  /** Since when the person waits in the waiting room (absent: not waiting; a bot seat). */
  waitingSinceMs?: number;
  /** The person waited longer than the treatment's `waitingRoom.maxMinutes` and no game took place for them. */
  waitedOut?: boolean;
  /** The person left in the intro, before any game: declined the consent, or used up the quiz's attempts (`intro.quizMaxAttempts`). */
  leftBeforePlay?: LeftBeforePlay;
  /**
   * People this seat was freed from after they started the quiz or left in the intro (lib/engine/seat-memory.ts):
   * a new seat of theirs keeps the quiz attempts they used, and one who used them all up cannot take a seat again.
   */
  formerPeople?: FormerPerson[];
  /** How often this seat was freed (its current person is the seat's holder number timesFreed + 1; absent: never). */
  timesFreed?: number;
  /** An empty seat the experimenter filled with a bot ("Fill empty seats with bots"): a latecomer may take it over (lib/engine/takeover.ts). */
  filled?: true;
  /**
   * A latecomer took this filled seat over by room code and reads the intro (`step`) while its bot keeps playing
   * (`replacedByBot`); they play the seat from their next choice once the intro is done (lib/engine/takeover.ts).
   */
  takeover?: { step: IntroStep };
  /**
   * The latecomer who last took this filled seat over left in its intro (declined the consent or used up the
   * quiz): the seat is its bot's again, and that person's page says they take no part until someone else takes it.
   */
  takeoverLeft?: LeftBeforePlay | "introUnfinished";
  /**
   * Who held this person's seat when play ended for it (their group's last round, or the group or session
   * ended): the person, or a bot playing for them (absent: play has not ended for the seat; a bot seat; or a
   * snapshot stored before it was recorded). payments.csv `finished` (lib/study/payments.ts `finishedSeat`).
   */
  playEndedWith?: "person" | "bot";
  /** When the exit survey opened for this participant (absent: not reached, or no survey). */
  surveyStartedMs?: number;
  /** The exit survey's outcome (absent: not reached, not answered yet, or no survey). */
  survey?: SurveyRecord;
}

/**
 * answered: the participant sent these answers; bot: a bot seat answered (bot pilots);
 * skipped: a bot played the seat when play ended, so nobody answered for the person.
 */
export interface SurveyRecord {
  status: "answered" | "bot" | "skipped";
  answers: SurveyAnswers;
  atMs: number;
}

/** An online panel's participant id: `source` is "prolific", "mturk" or the treatment's parameter name. */
export interface ExternalId {
  source: string;
  id: string;
  /** Other ids the panel sent (e.g. STUDY_ID, SESSION_ID, assignmentId, hitId). */
  extra: Record<string, string>;
}

/** computing: a phase ended and its long step runs off the event loop (lib/engine/compute.ts). */
export type GroupStatus = "playing" | "computing" | "barrier" | "finished" | "ended";

/** Whether a group is still in its rounds (deciding, computing, or waiting at the barrier for the others). */
export function groupInPlay(g: { status: GroupStatus }): boolean {
  return g.status === "playing" || g.status === "computing" || g.status === "barrier";
}

/** The step a computing group waits for: unit id@version and its input (re-issued after a restart). */
export interface PendingCompute {
  /** Identifies the step within the group: `<round>:<phaseSeq>` of the phase that ended. */
  key: string;
  unitId: string;
  version: string;
  input: unknown;
  /**
   * Set when the step failed both in the solver pool and on the main thread: the group stays computing
   * (nothing of the round is lost) until the experimenter retries the step or ends the group.
   */
  failed?: ComputeFailure | null;
  /** How often the step failed so far (absent: never). */
  attempts?: number;
}

/** Why a group's long step failed, and how often it failed so far (the monitor shows it). */
export interface ComputeFailure {
  message: string;
  atMs: number;
  attempts: number;
}

/** Why a bot made a seat's choices: a bot seat from the start, a dropout's replacement, or the experimenter's. */
export type BotReason = "bot_seat" | "dropout" | "experimenter" | "latecomer";

/** Who ended a decision phase before this participant decided. */
export type PhaseEndedBy = "timeout" | "experimenter";

export interface RoundStat {
  decisionMs: number | null;
  timedOut: boolean;
  /** TRUE only when a bot submitted a choice for the seat in this round. */
  bot: boolean;
  /** Set when a decision phase ended before the participant decided (old snapshots: absent). */
  endedBy?: PhaseEndedBy | null;
  botReason?: BotReason | null;
  botStrategy?: string | null;
}

export interface GroupState {
  id: string;
  members: PlayerId[];
  roles: Record<PlayerId, string>;
  round: number;
  phase: string;
  phaseStartedMs: number;
  /** Counts phase entries (a phase may recur within a round). */
  phaseSeq: number;
  deadlineMs: number | null;
  /** While paused: the time that was left on the phase timer. */
  remainingMsAtPause: number | null;
  status: GroupStatus;
  game: unknown;
  rng: RngState;
  /** RNG state at the start of the current round (stored with the round's outcome). */
  roundSeed: RngState;
  /** ms from phase start to each member's last accepted action in this phase. */
  acted: Record<PlayerId, number>;
  /** Accepted actions per member in this phase (a game may take several from one member). */
  actionCount: Record<PlayerId, number>;
  roundStats: Record<PlayerId, RoundStat>;
  /** Set while status is "computing" (absent in older snapshots). */
  computing?: PendingCompute | null;
  /** The experimenter ended the session while this group played (its last round may be cut short). */
  endedWithSession?: boolean;
}

export interface SessionState {
  id: string;
  version: number;
  status: SessionStatus;
  createdMs: number;
  pausedMs: number | null;
  endedMs: number | null;
  rng: RngState;
  /** By participant id; copies share structure (lib/engine/chunk-map.ts), JSON is the plain record. */
  participants: ChunkMap<ParticipantState>;
  /** Participant ids in seat order. */
  order: PlayerId[];
  /** By group id, in creation order; a ChunkMap like `participants`. */
  groups: ChunkMap<GroupState>;
  /** Ids of ready participants not yet in a group (arrival order). */
  waiting: PlayerId[];
  /** Random matching: the round the whole session is in. */
  sessionRound: number;
  groupSeq: number;
  /**
   * Labels the experimenter hid from the room's screen whose seats were given up since (freed, or a latecomer's
   * takeover ended): a join under one of them, or one drawn like it, is refused (lib/engine/label-visibility.ts).
   */
  hiddenLabels?: readonly string[];
  /** Seats a latecomer is taking over and still reads the intro of (lib/engine/takeover.ts): checked after every command, so usually empty. */
  takeovers?: readonly PlayerId[];

}

/** One completed round of one group: what is written to the RoundOutcome table. */
export interface RoundRow {
  groupId: string;
  round: number;
  mechanism: { id: string; version: string; input: unknown; output: unknown };
  group: Record<string, Scalar>;
  seed: RngState;
  players: {
    participantId: PlayerId;
    seat: number;
    label: string | null;
    record: PlayerRoundRecord;
    /** How the round's decisions came about: who ended a phase early, and why a bot played. */
    how: { endedBy: PhaseEndedBy | null; botReason: BotReason | null; botStrategy: string | null };
  }[];
}

export interface Effects {
  rounds: RoundRow[];
  /** Human-readable notes for the event log (group formed, bot took seat, …). */
  notes: string[];
  /** Steps to run off the event loop; each result comes back as a `computed` command. */
  computes: ComputeJob[];
}

/** A step for the server's solver pool (or the headless driver) to run. */
export interface ComputeJob extends PendingCompute {
  groupId: string;
}
