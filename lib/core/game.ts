/**
 * The game-module interface: everything the engine needs to run a game, and nothing more.
 *
 * A game module describes ONE group's round: how it is set up, its phases (who must act, what an
 * action does, what happens at timeout, which phase comes next), the per-viewer view, the round's
 * score (payoffs + the mechanism's inputs/outputs for the data), the experimenter's monitor, bots and
 * the codebook of its export columns. The engine (lib/engine) owns sessions, participants, grouping,
 * rematching, timers, presence, dropouts, bots' scheduling and persistence effects.
 *
 * The interface was designed against all three game families:
 * - IDS (unregulated: decide → results; Pivotal: participate → report → results; Externality: message → results)
 * - multi-defender SSG (join? → report/allocate → recommendation follow-up → results; seeded attack draw)
 * - CIP contracts (Algorithm 1 runs live: offer → (re-offer)* → results, a variable number of phases:
 *   `next()` decides the following phase from the state).
 */
import type { z } from "zod";
import type { Reduction, RefusalText } from "./errors";
import type { RecordSchemas } from "./records";
import type { Rng } from "./rng";

export type PlayerId = string;
export type Scalar = number | string | boolean | null;

/** Who is looking. Admin views may contain everything; player views are whitelists. */
export type Viewer = { kind: "player"; playerId: PlayerId } | { kind: "admin" };

/** What one participant did and got in one round: the unit of the exported long table. */
export interface PlayerRoundRecord {
  round: number;
  groupId: string;
  role: string;
  decision: Record<string, Scalar>;
  outcome: Record<string, Scalar>;
  /** Points earned this round (already scaled so that people see positive numbers). */
  payoff: number;
  decisionMs: number | null;
  timedOut: boolean;
  /** The experimenter ended a decision step of this round before the participant decided ("End phase now"; absent in rounds stored before it was recorded). */
  endedByExperimenter?: boolean;
  isBot: boolean;
}

/**
 * Context handed to every game function. Pure: time and randomness come from here. `R`: the game's
 * record types (`RecordsOf<typeof records>`), so that `lastNumber` takes only keys the records declare
 * (`type Ctx = RoundContext<Params, RecordsOf<typeof records>>`); without it any key is accepted.
 */
export interface RoundContext<P, R extends RoundRecords = RoundRecords> {
  params: P;
  /** 1-based round number. */
  round: number;
  /** The group's members in seat order. */
  players: readonly PlayerId[];
  /** Role name per member. */
  roles: Readonly<Record<PlayerId, string>>;
  /** The group's seeded RNG; the engine persists its state after every call. */
  rng: Rng;
  /** Server time (epoch ms). */
  nowMs: number;
  /** Each member's own earlier rounds (oldest first), e.g. to prefill last round's message. */
  history: Readonly<Record<PlayerId, readonly PlayerRoundRecord[]>>;
  /** The group's current phase id ("" before the first phase is entered, i.e. in `setupRound`). */
  phase: string;
  /** Counts phase entries in the group (changes when a phase recurs, e.g. a re-offer). */
  phaseSeq: number;
  /**
   * True when a default filled the member's decision this round because a decision phase ended before
   * they decided — the timer ran out or the experimenter ended the phase (kept by the engine; the
   * export's timed_out/phase_ended_by columns tell the two apart).
   */
  timedOut(pid: PlayerId): boolean;
  /** The member's 0-based seat in the group (index into `players`); -1 when not a member. */
  seatOf(pid: PlayerId): number;
  /** One value per member, in seat order. */
  perSeat<T>(f: (pid: PlayerId, seat: number) => T): T[];
  /** One value per member, keyed by player id (e.g. RoundScore.players). */
  byPlayer<T>(f: (pid: PlayerId, seat: number) => T): Record<PlayerId, T>;
  /** The member's most recent earlier round, or null in their first round. */
  lastRound(pid: PlayerId): PlayerRoundRecord | null;
  /** A number the member's last round recorded (e.g. `lastNumber(pid, "decision", "x")`), else null. */
  lastNumber<K extends "decision" | "outcome">(pid: PlayerId, record: K, key: Extract<keyof R[K], string>): number | null;
}

/**
 * One phase of a round. `T` is the action types this phase accepts: `apply` receives only those
 * (the engine refuses any other type with a WrongPhase message before calling it).
 */
export interface PhaseSpec<P, S, A extends { type: string }, T extends A["type"] = A["type"], R extends RoundRecords = RoundRecords> {
  id: string;
  /** Shown in the monitor and to participants. */
  label: string;
  /** decision: choices are recorded (decision_ms, timed_out); info: people read and continue. */
  kind: "decision" | "info";
  /** Phase length in ms, or null for untimed. */
  durationMs(params: P, round: number): number | null;
  /** Action types accepted in this phase. */
  accepts: readonly T[];
  /** Optional: what one instance of this phase is called for people, e.g. "offer" (default "step"). */
  instanceName?: string;
  /** Members who still have to act (the phase ends when this is empty). */
  pending(state: S, ctx: RoundContext<P, R>): PlayerId[];
  /** Optional: why `by` cannot act now although the phase is open (default: "already decided"). */
  notPendingMessage?(state: S, by: PlayerId, ctx: RoundContext<P, R>): RefusalText | null;
  /** Validate and apply one member's action (already zod-parsed). Must not mutate `state`. */
  apply(state: S, action: Extract<A, { type: T }>, by: PlayerId, ctx: RoundContext<P, R>): Reduction<S>;
  onEnter?(state: S, ctx: RoundContext<P, R>): S;
  /** Fill defaults for `missing` members at the deadline (their decisions are flagged timed out). */
  onTimeout(state: S, missing: readonly PlayerId[], ctx: RoundContext<P, R>): S;
  /** Runs when the phase ends (e.g. the mechanism computes taxes here). */
  onExit?(state: S, ctx: RoundContext<P, R>): S;
  /**
   * Optional: a long pure step that runs when the phase ends, after `onExit` (e.g. a mechanism solved
   * on reported payoffs). The engine runs it at once when `request` says it is small (`inline`);
   * otherwise the group waits in status "computing" while the server runs it off the event loop, and
   * its output comes back as a `computed` command (lib/engine/compute.ts, docs/architecture.md).
   */
  compute?: PhaseCompute<P, S>;
  /** The next phase, or null when the round is over. */
  next(state: S, ctx: RoundContext<P, R>): string | null;
}

/** What a phase computes when it ends: a registered mechanism unit and its input (lib/engine/compute.ts). */
export interface ComputeRequest {
  /** A unit listed in lib/mechanisms/registry.ts (the server's worker finds it by id@version). */
  unit: { id: string; version: string; input: z.ZodType<unknown>; run(input: never): unknown };
  input: unknown;
  /** Small enough to run inside the command (no "computing" step); a game documents its threshold. */
  inline: boolean;
}

export interface PhaseCompute<P, S> {
  /** The step to run now (the phase is over, `onExit` has run), or null when there is nothing to compute. */
  request(state: S, ctx: RoundContext<P>): ComputeRequest | null;
  /** Merge the unit's output into the state (pure; must not mutate `state`). */
  apply(state: S, output: unknown, ctx: RoundContext<P>): S;
}

/**
 * The rows a round emits: per player a decision and an outcome record, and one group record. A field
 * left undefined (an optional field of the game's record schemas) is an empty cell, as null is.
 */
export interface RoundRecords {
  decision: Record<string, Scalar | undefined>;
  outcome: Record<string, Scalar | undefined>;
  group: Record<string, Scalar | undefined>;
}

/** One member's part of a round's score: their decision and outcome records and the points. */
export interface PlayerScore<R extends RoundRecords = RoundRecords> {
  decision: R["decision"];
  outcome: R["outcome"];
  payoff: number;
}

/**
 * The round's result: what the data export and the payoffs are made of. A game that declares its
 * record schemas (`records`, see lib/core/records.ts) types its score as `RoundScore<RecordsOf<...>>`.
 */
export interface RoundScore<R extends RoundRecords = RoundRecords> {
  players: Record<PlayerId, PlayerScore<R>>;
  /** The mechanism's identity, full input and output, so any round can be recomputed. */
  mechanism: { id: string; version: string; input: unknown; output: unknown };
  /** Group-level numbers for the monitor and the export (e.g. distance to the social optimum). */
  group: R["group"];
}

/** A generic, game-agnostic monitor block the admin page renders as tables and metrics. */
export interface MonitorView {
  metrics: { label: string; value: Scalar; hint?: string }[];
  tables: { title: string; columns: string[]; rows: Scalar[][] }[];
}

export interface BotContext<P> {
  rng: Rng;
  params: P;
  playerId: PlayerId;
  round: number;
  phase: string;
  /** The bot's own earlier rounds. */
  history: readonly PlayerRoundRecord[];
}

/** A bot acts only on its own view (plus the treatment's parameters, which the server knows). */
export type BotStrategy<P, V, A> = {
  label: string;
  description: string;
  act(view: V, ctx: BotContext<P>): A | null;
};

/** Definition of one exported column. */
export interface ColumnDoc {
  name: string;
  description: string;
  type: "number" | "string" | "boolean";
  unit?: string;
}

/** Any phase of a game with these parameter, state and action types (whatever it accepts). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyPhaseOf<P, S, A extends { type: string }> = PhaseSpec<P, S, A, any, any>;

export interface GameModule<
  P,
  S,
  A extends { type: string },
  V,
  Ph extends Readonly<Record<string, AnyPhaseOf<P, S, A>>> = Readonly<Record<string, PhaseSpec<P, S, A>>>,
> {
  id: string;
  version: string;
  title: string;
  /** One paragraph for the admin's treatment picker. */
  summary: string;
  params: z.ZodType<P>;
  actions: z.ZodType<A>;
  groupSize(params: P): number;
  rounds(params: P): number;
  /** Role name for each seat index within a group. */
  roles(params: P): string[];
  setupRound(ctx: RoundContext<P>): S;
  /** The round's first phase (default: the first entry of `phases`). */
  firstPhase?(params: P, round: number): string;
  phases: Ph;
  /** REQUIRED whitelist projection: a player's view never holds another player's private data. */
  view(state: S, viewer: Viewer, ctx: RoundContext<P>): V;
  score(state: S, ctx: RoundContext<P>): RoundScore;
  monitor(state: S, ctx: RoundContext<P>): MonitorView;
  bots: Readonly<Record<string, BotStrategy<P, V, A>>>;
  defaultBot: string;
  /**
   * The schemas of the records `score` emits (decision, outcome, group): the export's codebook is
   * derived from them and a column outside them cannot be exported (lib/core/records.ts).
   */
  records?: RecordSchemas;
  /** Legacy: hand-written columns for a game that does not declare `records` yet. */
  codebook?: readonly ColumnDoc[];
  /**
   * What each seat knows that the others do not (its private type). Leave it out when nothing is
   * private: the launch check then gives no leaderboard warning and the view-leak check has nothing
   * to look for.
   */
  privateData?: PrivateData<P>;
}

/**
 * A game's private data, per seat of a group. The launch check warns with `type` when the projector's
 * leaderboard is shown (lib/study/leaderboard-check.ts); `numbersOf` is what no other seat's view may
 * hold, checked for every registered game on bot-played sessions of its examples
 * (lib/games/kit-privacy.test.ts).
 */
export interface PrivateData<P> {
  /**
   * The private type that points depend on, as a phrase that completes "in this game points depend
   * on …" (e.g. "each user's cost c (which only they see)"), or null when under these parameters
   * points reveal none.
   */
  type(params: P): string | null;
  /** The private numbers of the seat at `index` (0-based) in its group under these parameters. */
  numbersOf(params: P, index: number): readonly number[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyGameModule = GameModule<any, any, any, any, Readonly<Record<string, PhaseSpec<any, any, any, any>>>>;

/** Identity helper that keeps the type parameters (including each phase's accepted actions) inferred. */
export function defineGame<P, S, A extends { type: string }, V, Ph extends Readonly<Record<string, AnyPhaseOf<P, S, A>>>>(
  g: GameModule<P, S, A, V, Ph>,
): GameModule<P, S, A, V, Ph> {
  // the engine names a phase by its key in `phases`: an `id` that says otherwise would mislead every reader
  for (const [key, phase] of Object.entries(g.phases))
    if (phase.id !== key) throw new Error(`game ${g.id}: the phase under "${key}" in phases has id "${phase.id}"; give it id "${key}" (a phase's id is its key)`);
  return g;
}

/** Identity helper for one phase: `accepts` fixes which actions `apply` receives. */
export function definePhase<P, S, A extends { type: string }, R extends RoundRecords = RoundRecords>() {
  return <T extends A["type"]>(spec: PhaseSpec<P, S, A, T, R>): PhaseSpec<P, S, A, T, R> => spec;
}

/** The types a game module is made of, for its UI and bots. */
export type ParamsOf<G> = G extends GameModule<infer P, infer _S, infer _A, infer _V, infer _Ph> ? P : never;
export type ActionOf<G> = G extends GameModule<infer _P, infer _S, infer A, infer _V, infer _Ph> ? A : never;
export type ViewOf<G> = G extends GameModule<infer _P, infer _S, infer _A, infer V, infer _Ph> ? V : never;
export type PhaseIdOf<G> = G extends { phases: infer Ph } ? Extract<keyof Ph, string> : never;
/** The actions phase `K` of game `G` accepts. */
export type PhaseActionOf<G, K extends PhaseIdOf<G>> = G extends { phases: infer Ph }
  ? Ph[K & keyof Ph] extends { accepts: readonly (infer T)[] }
    ? Extract<ActionOf<G>, { type: T }>
    : never
  : never;
