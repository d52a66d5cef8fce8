/**
 * SessionHost: the only writer of one live session. Commands are queued and run one at a time:
 * reduce (pure engine) → persist (snapshot + event + rounds, in one transaction) → notify viewers →
 * re-arm the deadline timer → schedule bot moves. A command is acknowledged only after it is stored.
 */
import { worded } from "../../lib/i18n/refusal";
import { EventEmitter } from "node:events";
import type { ActionError } from "../../lib/core/errors";
import type { Scalar } from "../../lib/core/game";
import { botMoves, DeadlineCrash, forceEndGroups, nextWakeMs, pendingComputes, reduce, sessionOver, type Command, type ComputeJob, type Effects, type LoadedTreatment, type SessionState } from "../../lib/engine";
import { runComputeJob } from "../../lib/mechanisms/compute-job";
import type { ComputeRunner } from "../solver/compute";
import { EventLogBudget } from "./event-budget";
import { GameCodeErrors } from "./game-code-errors";
import { GameCrashes, WHOLE_SESSION } from "./engine-crashes";
import type { EventInput, LoggedEvent, SessionStore } from "./store";

/** `errorCode` of a logged command that was a retry of one already counted (accepted is false). */
export const DUPLICATE_CODE = "duplicate";

function duplicateMessage(cmd: Command): string {
  if (cmd.kind === "action") return "Already counted: an action with this clientActionId was accepted before; nothing changed.";
  if (cmd.kind === "claim") return "This label already has a seat; the same seat was given again.";
  if (cmd.kind === "computeFailed") return "A failure of a step the group no longer waits for (it ended, or the failure was already recorded); nothing changed.";
  if (cmd.kind === "computed") return "A result for a step the group no longer waits for (it ended, or the result came twice); nothing changed.";
  return "Already done (e.g. from another tab); nothing changed.";
}

export type Clock = () => number;

export interface HostOptions {
  clock: Clock;
  /** Overrides the treatment's bot think time (the simulator uses 0). */
  botDelayMs?: number;
  /**
   * Where long steps run (server/solver/compute.ts: the solver pool). Without it they run on the main
   * thread, after the command that started them was stored and acknowledged.
   */
  compute?: ComputeRunner;
  /** How a step runs on the main thread (default: the registered unit, `runComputeJob`; tests replace it). */
  inlineCompute?: (job: ComputeJob) => unknown;
  log?: (line: string) => void;
}

export type DispatchResult =
  | { ok: true; duplicate: boolean; version: number; pid?: string }
  | { ok: false; error: ActionError };

type Actor = Pick<EventInput, "actorKind" | "participantId">;

type Job =
  | { kind: "command"; actor: Actor; cmd: Command; resolve: (r: DispatchResult) => void }
  | { kind: "refused"; actor: Actor; command: string; payload: unknown; error: ActionError; resolve: (r: DispatchResult) => void };

/** Most commands of one session reduced and written together (bounds one batch's transaction). */
export const MAX_BATCH = 64;

const unsaved: DispatchResult = { ok: false, error: { code: "session/conflict", ...worded("notSaved") } };

/**
 * The groups whose bots may have something new to do after `prev` became `next`: groups that changed
 * and groups of participants that changed (all of them when the session's status or pause changed).
 */
function changedGroups(prev: SessionState, next: SessionState): string[] | undefined {
  if (prev === next) return [];
  if (prev.status !== next.status || prev.pausedMs !== next.pausedMs) return undefined;
  const ids = new Set<string>();
  for (const gid of next.groups.changedKeys(prev.groups)) ids.add(gid);
  for (const pid of next.participants.changedKeys(prev.participants)) {
    const gid = next.participants.get(pid)!.groupId;
    if (gid) ids.add(gid);
  }
  return [...ids];
}

/**
 * The groups a crashing command was about: the group whose deadline crashed, the groups due at a tick
 * (not held back), the one it names, the groups "End phase now (all groups)" ends, or the sender's.
 */
function crashedGroups(s: SessionState, lt: LoadedTreatment, cmd: Command, e: unknown, nowMs: number): string[] {
  if (e instanceof DeadlineCrash) return [e.groupId];
  if (cmd.kind === "tick")
    return s.groups
      .toArray()
      .filter((g) => g.status === "playing" && g.deadlineMs !== null && g.deadlineMs <= nowMs && !cmd.hold?.includes(g.id))
      .map((g) => g.id);
  if ("groupId" in cmd && typeof cmd.groupId === "string") return [cmd.groupId];
  if (cmd.kind === "forcePhaseEnd") return forceEndGroups(s, lt, cmd).map((g) => g.id);
  const gid = "pid" in cmd && typeof cmd.pid === "string" ? s.participants.get(cmd.pid)?.groupId : null;
  return gid ? [gid] : [];
}

/**
 * The answer to a command that crashed in the engine: the experimenter is told the error and the way
 * on; a participant that the study's software failed, nothing was changed, and to tell the experimenter.
 */
function crashRefusal(actor: Actor, e: unknown): ActionError {
  if (actor.actorKind !== "admin") return { code: "session/conflict", ...worded("gameFailed") };
  const message = e instanceof Error ? e.message : String(e);
  return {
    code: "session/conflict",
    message: `The game's code failed (${message.slice(0, 300)}); nothing was changed. The group cannot go on until the game is fixed: end the group from its panel on the monitor, or end the session.`,
  };
}

export class SessionHost extends EventEmitter {
  /** Commands waiting for the next batch, in the order they were dispatched. */
  private jobs: Job[] = [];
  /** The running batch loop (null when idle). */
  private pumping: Promise<void> | null = null;
  private wakeTimer: NodeJS.Timeout | null = null;
  private botTimers = new Map<string, NodeJS.Timeout>();
  private stopped = false;
  /** Bounds what refused input adds to the event log (server/sessions/event-budget.ts). */
  private readonly budget = new EventLogBudget();
  /** The state as last written to the database (presence changes are applied before they are written). */
  private persisted: SessionState;
  /** Steps running off the event loop (`groupId|key`), so each is started once per process. */
  private readonly computing = new Set<string>();
  /** Group-level numbers of every completed round, per group (for the monitor's history). */
  readonly roundHistory: Record<string, { round: number; group: Record<string, Scalar> }[]> = {};
  /** Crashes of the game's view code while screens are built, each logged once (server/sessions/game-code-errors.ts). */
  readonly gameCode: GameCodeErrors;
  /** Game code that crashed in the engine, per group: shown on the monitor, logged once, its deadline held back (server/sessions/engine-crashes.ts). */
  readonly crashes = new GameCrashes();

  constructor(
    public state: SessionState,
    readonly lt: LoadedTreatment,
    readonly code: string,
    private seq: number,
    private readonly store: SessionStore,
    private readonly opts: HostOptions,
  ) {
    super();
    this.setMaxListeners(0);
    this.persisted = state;
    this.lastActivityMs = opts.clock();
    this.gameCode = new GameCodeErrors(state.id, lt.game.id, opts.log);
  }

  get id(): string {
    return this.state.id;
  }

  /** Queue a command; resolves after it is persisted (or rejected and logged). */
  dispatch(actor: Actor, cmd: Command): Promise<DispatchResult> {
    this.pending++;
    this.lastActivityMs = this.opts.clock();
    return new Promise<DispatchResult>((resolve) => this.enqueue({ kind: "command", actor, cmd, resolve })).finally(() => {
      this.pending--;
      this.lastActivityMs = this.opts.clock();
    });
  }

  /** Commands queued or running. */
  private pending = 0;
  /** Server time of the last command queued or finished (for unloading idle sessions). */
  lastActivityMs: number;

  /**
   * Whether this session can leave memory without anyone noticing: nothing queued, no bot about to
   * move, no participant online, and no deadline to keep (it is over, or nothing is timed). It is
   * loaded again, with its state, on the next request for it.
   */
  canUnload(): boolean {
    if (this.pending > 0 || this.botTimers.size > 0 || this.computing.size > 0) return false;
    if (this.state.participants.some((p) => p.connected && !p.bot)) return false;
    return this.isOver() || nextWakeMs(this.state, this.lt) === null;
  }

  /** Nothing will happen by itself: no command queued or running, no bot about to move, no step computing, no deadline. */
  idle(): boolean {
    return this.pending === 0 && this.botTimers.size === 0 && this.computing.size === 0 && nextWakeMs(this.state, this.lt) === null;
  }

  private enqueue(job: Job) {
    this.jobs.push(job);
    this.startPump();
  }

  /**
   * Start the batch loop unless it runs. A job queued after the loop's last look at the queue but before
   * it ended (e.g. from a microtask of the last batch, as a step whose pool refuses it at once queues
   * its failure) starts the loop again, so no job waits for a later command.
   */
  private startPump() {
    this.pumping ??= this.pump().finally(() => {
      this.pumping = null;
      if (this.jobs.length > 0) this.startPump();
    });
  }

  /**
   * The batch loop: every command queued by now (up to MAX_BATCH) is reduced in order, each on the state
   * the previous one left, and the batch is written in one transaction; then views go out once for the
   * batch and every command of it is answered. Commands that arrive while a batch is being written form
   * the next batch. So a command is still acknowledged only after it is stored, and one at a time per
   * session is still what the engine sees.
   */
  private async pump(): Promise<void> {
    await Promise.resolve(); // commands dispatched in the same synchronous run join the first batch
    while (this.jobs.length) await this.runBatch(this.jobs.splice(0, MAX_BATCH));
  }

  private async runBatch(batch: Job[]): Promise<void> {
    if (this.stopped) {
      for (const j of batch) j.resolve({ ok: false, error: { code: "session/conflict", ...worded("shuttingDown") } });
      return;
    }
    const start = this.state;
    let state = start;
    let stored = false; // whether the batch changes the stored snapshot (not only presence or the log)
    let seq = this.seq;
    const events: LoggedEvent[] = [];
    const rounds: Effects["rounds"] = [];
    const notes: string[] = [];
    const computes: ComputeJob[] = [];
    const results: DispatchResult[] = [];
    /** Per job: whether its answer depends on the batch being stored. */
    const needsWrite: boolean[] = [];
    /** Indexes of the jobs whose command crashed in the engine (a bug in a game module). */
    const crashed = new Set<number>();
    /** Indexes of ticks that crashed again as before (not stored again). */
    const repeated = new Set<number>();
    for (const job of batch) {
      const now = this.opts.clock();
      const serverTime = new Date(now);
      if (job.kind === "refused") {
        events.push({
          event: { ...job.actor, command: job.command, payloadJson: this.budget.payloadJson(job.payload, false), clientActionId: null, accepted: false, errorCode: job.error.code, errorMessage: job.error.message },
          seq: ++seq,
          serverTime,
          versionAfter: state.version,
        });
        results.push({ ok: true, duplicate: false, version: state.version });
        needsWrite.push(false);
        continue;
      }
      const { actor } = job;
      // ending a group whose game code crashed: the engine cannot know of the crash, the server tells it;
      // a tick leaves out the deadlines of groups whose game code crashed at them until their retry is due
      const held = job.cmd.kind === "tick" ? this.crashes.heldAt(now) : [];
      let cmd: Command =
        job.cmd.kind === "endFailedGroup" && this.crashes.of(job.cmd.groupId)
          ? { ...job.cmd, crashed: true }
          : job.cmd.kind === "tick" && held.length > 0
            ? { ...job.cmd, hold: [...(job.cmd.hold ?? []), ...held] }
            : job.cmd;
      let r: ReturnType<typeof reduce> | undefined;
      while (!r)
        try {
          r = reduce(state, this.lt, cmd, now);
        } catch (e) {
          // a bug in a game module must not take the session down: nothing is applied, the sender is told,
          // the monitor shows it; the same crash again is neither logged in full nor stored again
          const cause = e instanceof DeadlineCrash ? e.error : e;
          const groups = crashedGroups(state, this.lt, cmd, e, now);
          const news = this.crashes.record(cmd.kind, groups, cause, now);
          // a crashed deadline is tried again later: its group's alone when the tick names it, else the whole tick's
          const retryAtMs = cmd.kind === "tick" ? this.crashes.holdDeadline(e instanceof DeadlineCrash ? e.groupId : WHOLE_SESSION, now) : 0;
          if (news) this.opts.log?.(`session=${this.id} ${cmd.kind} crashed in the engine (group ${groups.join(", ") || "-"}): ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}`);
          else this.opts.log?.(`session=${this.id} ${cmd.kind} crashed in the engine again (group ${groups.join(", ") || "-"}, same error)${cmd.kind === "tick" ? `; next try in ${Math.round((retryAtMs - now) / 1000)} s` : ""}`);
          this.emit("crash", cause);
          const refused: ReturnType<typeof reduce> = { ok: false, error: crashRefusal(actor, cause) };
          if (cmd.kind === "tick" && e instanceof DeadlineCrash && !cmd.hold?.includes(e.groupId)) {
            // the session's other groups keep their deadlines: the same tick again, without this group's
            if (news) events.push({ event: this.eventOf(actor, cmd, refused), seq: ++seq, serverTime, versionAfter: state.version });
            cmd = { ...cmd, hold: [...(cmd.hold ?? []), e.groupId] };
            continue;
          }
          r = refused;
          crashed.add(results.length);
          if (!news && cmd.kind === "tick") repeated.add(results.length);
        }
      if (cmd.kind === "tick" && r.ok) this.crashes.tickRan();
      const event = this.eventOf(actor, cmd, r);
      if (r.ok && r.changed && (cmd.kind === "connect" || cmd.kind === "disconnect")) {
        // Presence is soft state: applied and broadcast at once, logged as an event, and written with the
        // next snapshot (a restart marks everyone offline anyway), so a connection storm costs one insert each.
        state = { ...r.state, version: state.version };
        events.push({ event, seq: ++seq, serverTime, versionAfter: state.version });
        results.push({ ok: true, duplicate: false, version: state.version });
        needsWrite.push(true);
      } else if (!r.ok && r.kept) {
        // refused, yet it changed the session (a wrong quiz answer is an attempt): stored, then refused
        state = r.kept;
        stored = true;
        events.push({ event, seq: ++seq, serverTime, versionAfter: state.version });
        if (r.notes) notes.push(...r.notes);
        results.push({ ok: false, error: r.error });
        needsWrite.push(true);
      } else if (!r.ok || !r.changed) {
        const quiet = cmd.kind === "tick" && (r.ok || repeated.has(results.length));
        if (!quiet) events.push({ event, seq: ++seq, serverTime, versionAfter: state.version });
        if (!r.ok) {
          this.opts.log?.(`session=${this.id} actor=${actor.actorKind}:${actor.participantId ?? "-"} ${cmd.kind} rejected: ${r.error.code}`);
          results.push({ ok: false, error: r.error });
        } else results.push({ ok: true, duplicate: r.duplicate, version: state.version, ...(r.pid ? { pid: r.pid } : {}) });
        needsWrite.push(false);
      } else {
        state = r.state;
        stored = true;
        events.push({ event, seq: ++seq, serverTime, versionAfter: state.version });
        rounds.push(...r.effects.rounds);
        notes.push(...r.effects.notes);
        computes.push(...r.effects.computes);
        results.push({ ok: true, duplicate: false, version: state.version, ...(r.pid ? { pid: r.pid } : {}) });
        needsWrite.push(true);
      }
    }
    if (events.length || stored) {
      try {
        await this.store.write({ sessionId: this.id, persisted: stored ? this.persisted : null, state: stored ? state : null, rounds, events, serverTime: events.at(-1)?.serverTime ?? new Date(this.opts.clock()) });
        this.seq = seq;
      } catch (e) {
        // nothing of the batch is stored: nothing of it is applied, and no change is acknowledged
        this.opts.log?.(`session=${this.id} commit failed: ${(e as Error).message}`);
        batch.forEach((job, i) => job.resolve(needsWrite[i] ? unsaved : results[i]!));
        return;
      }
    }
    this.state = state;
    if (stored) this.persisted = state;
    if (state !== start) {
      const moved = changedGroups(start, state);
      if (moved) this.crashes.forget(moved);
      else this.crashes.forgetAll();
    }
    for (const row of rounds) (this.roundHistory[row.groupId] ??= []).push({ round: row.round, group: row.group });
    for (const n of notes) this.opts.log?.(`session=${this.id} ${n}`);
    if (state !== start) {
      try {
        this.emit("change", state, { rounds, notes, computes }, start);
      } catch (e) {
        // a listener's bug (e.g. building a view) must not keep the stored batch from being answered
        this.opts.log?.(`session=${this.id} a listener of the change failed: ${(e as Error).stack ?? e}`);
      }
    }
    // bots look again only where something changed, unless time or a refused bot move may matter
    // (not after a crash in the engine: the same move would crash again at once, in a loop; the log says why)
    const rescanAll = batch.some((j, i) => {
      if (j.kind !== "command") return false;
      const r = results[i]!;
      return j.cmd.kind === "tick" || (j.actor.actorKind === "bot" && !r.ok && !crashed.has(i));
    });
    this.afterChange(rescanAll ? undefined : changedGroups(start, state));
    batch.forEach((job, i) => job.resolve(results[i]!));
    this.startComputes(computes);
  }

  /** The event-log entry of a command: duplicates are logged as duplicates, payloads are bounded, accepted game actions as validated. */
  private eventOf(actor: Actor, cmd: Command, r: ReturnType<typeof reduce>): EventInput {
    const accepted = r.ok && !r.duplicate;
    const outcome = r.ok ? (r.duplicate ? { errorCode: DUPLICATE_CODE, errorMessage: duplicateMessage(cmd) } : {}) : { errorCode: r.error.code, errorMessage: r.error.message };
    // a seat taken by room code or panel id: the row names the seat it took (its panel id or label is in the payload)
    const took = r.ok && (cmd.kind === "claim" || cmd.kind === "claimPanel") && r.pid !== undefined && actor.participantId === null ? { participantId: r.pid } : {};
    return {
      ...actor,
      ...took,
      command: cmd.kind,
      // an accepted game action as the game read it: what was decided, without keys the game ignores
      payloadJson: this.budget.payloadJson(accepted && r.ok && r.action !== undefined && cmd.kind === "action" ? { ...cmd, action: r.action } : cmd, accepted),
      clientActionId: cmd.kind === "action" ? cmd.clientActionId : null,
      accepted,
      ...outcome,
    };
  }

  /**
   * Log input refused before it reached the session (e.g. over the rate limit), in sequence with
   * every other event. Changes nothing else.
   */
  logRefused(actor: Actor, command: string, payload: unknown, error: ActionError): Promise<void> {
    return new Promise((resolve) => this.enqueue({ kind: "refused", actor, command, payload, error, resolve: () => resolve() }));
  }

  /** Re-issue the steps the stored state waits for (a session loaded after a restart or a kill -9). */
  resumeComputes(): void {
    this.startComputes(pendingComputes(this.state));
  }

  /**
   * Run each step off the event loop and feed its output back as a `computed` command, which is stored
   * like any other. A step the pool cannot run (e.g. its worker died) runs on the main thread instead;
   * one that fails there too is logged and stored as a `computeFailed` command: the group stays computing
   * with the error, which the monitor shows, until the experimenter retries the step or ends the group.
   */
  private startComputes(jobs: readonly ComputeJob[]) {
    for (const job of jobs) {
      const id = `${job.groupId}|${job.key}`;
      if (this.computing.has(id) || this.stopped) continue;
      this.computing.add(id);
      const pool = this.opts.compute;
      const inline = this.opts.inlineCompute ?? runComputeJob;
      const run = pool
        ? pool(job).catch((e: unknown) => {
            this.opts.log?.(`session=${this.id} group ${job.groupId}: solver pool failed (${e instanceof Error ? e.message : String(e)}); computing on the main thread`);
            return inline(job);
          })
        : new Promise<unknown>((resolve, reject) =>
            setImmediate(() => {
              try {
                resolve(inline(job));
              } catch (e) {
                reject(e);
              }
            }),
          );
      const system = { actorKind: "system", participantId: null } as const;
      void run
        .then(
          (output) => this.dispatch(system, { kind: "computed", groupId: job.groupId, key: job.key, output }),
          (e: unknown) => {
            this.opts.log?.(`session=${this.id} group ${job.groupId}: ${job.unitId}@${job.version} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
            const error = e instanceof Error ? e.message : String(e);
            return this.dispatch(system, { kind: "computeFailed", groupId: job.groupId, key: job.key, error: error || "unknown error" });
          },
        )
        .then((r) => {
          if (!r.ok) this.opts.log?.(`session=${this.id} group ${job.groupId}: the step's result was not applied: ${r.error.message}`);
        })
        .catch((e: unknown) => this.opts.log?.(`session=${this.id} group ${job.groupId}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`))
        .finally(() => this.computing.delete(id));
    }
  }

  private afterChange(groupIds?: Iterable<string>) {
    if (this.stopped) return;
    this.armWake();
    try {
      this.scheduleBots(groupIds);
    } catch (e) {
      // a bug in a bot strategy must not keep the (already stored) command from being acknowledged
      this.opts.log?.(`session=${this.id} bot scheduling failed: ${(e as Error).stack ?? e}`);
    }
    if (this.isOver()) this.emit("over", this.state);
  }

  isOver(): boolean {
    return sessionOver(this.state);
  }

  /** Resolves when every participant has finished or the session ended. */
  whenOver(): Promise<SessionState> {
    if (this.isOver()) return Promise.resolve(this.state);
    return new Promise((res) => this.once("over", res));
  }

  armWake() {
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeTimer = null;
    // a group whose deadline crashed is tried again after a growing delay (up to a minute), not in a loop;
    // the other groups' deadlines keep their times (unless a crash named no group: then every tick waits)
    const t = nextWakeMs(this.state, this.lt, this.crashes.heldDeadlines());
    if (t === null || this.stopped) return;
    const due = Math.max(t, this.crashes.tickNotBeforeMs());
    const delay = Math.max(0, Math.min(due - this.opts.clock(), 2 ** 31 - 1));
    this.wakeTimer = setTimeout(() => {
      this.wakeTimer = null;
      void this.dispatch({ actorKind: "timeout", participantId: null }, { kind: "tick" });
    }, delay + 5);
  }

  /** Whether bots were looked for in every group since this host started. */
  private botsScanned = false;

  private scheduleBots(groupIds?: Iterable<string>) {
    const moves = botMoves(this.state, this.lt, this.opts.clock(), this.botsScanned ? groupIds : undefined);
    this.botsScanned = true;
    const base = this.opts.botDelayMs ?? this.lt.treatment.bots.delayMs;
    for (const m of moves) {
      if (this.botTimers.has(m.clientActionId)) continue;
      const delay = base === 0 ? 0 : Math.round(base * (0.5 + Math.random()));
      const t = setTimeout(() => {
        this.botTimers.delete(m.clientActionId);
        void this.dispatch(
          { actorKind: "bot", participantId: m.pid },
          { kind: "action", pid: m.pid, clientActionId: m.clientActionId, action: m.action, byBot: true, at: m.at },
        );
      }, delay);
      this.botTimers.set(m.clientActionId, t);
    }
  }

  stop() {
    if (!this.stopped) this.emit("stopped");
    this.stopped = true;
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    for (const t of this.botTimers.values()) clearTimeout(t);
    this.botTimers.clear();
    this.removeAllListeners();
  }

  /** Wait for queued commands to finish (for clean shutdown and tests). */
  async drain(): Promise<void> {
    while (this.pumping) await this.pumping;
  }
}
