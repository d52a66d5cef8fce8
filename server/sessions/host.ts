/**
 * SessionHost: the only writer of one live session. Commands are queued and run one at a time:
 * reduce (pure engine) → persist (snapshot + event + rounds, in one transaction) → notify viewers →
 * re-arm the deadline timer → schedule bot moves. A command is acknowledged only after it is stored.
 */
import { EventEmitter } from "node:events";
import type { ActionError } from "../../lib/core/errors";
import type { Scalar } from "../../lib/core/game";
import { botMoves, nextWakeMs, reduce, type Command, type LoadedTreatment, type SessionState } from "../../lib/engine";
import { EventLogBudget } from "./event-budget";
import type { EventInput, SessionStore } from "./store";

/** `errorCode` of a logged command that was a retry of one already counted (accepted is false). */
export const DUPLICATE_CODE = "duplicate";

function duplicateMessage(cmd: Command): string {
  if (cmd.kind === "action") return "Already counted: an action with this clientActionId was accepted before; nothing changed.";
  if (cmd.kind === "claim") return "This label already has a seat; the same seat was given again.";
  return "Already done (e.g. from another tab); nothing changed.";
}

export type Clock = () => number;

export interface HostOptions {
  clock: Clock;
  /** Overrides the treatment's bot think time (the simulator uses 0). */
  botDelayMs?: number;
  log?: (line: string) => void;
}

export type DispatchResult =
  | { ok: true; duplicate: boolean; version: number; pid?: string }
  | { ok: false; error: ActionError };

type Actor = Pick<EventInput, "actorKind" | "participantId">;

export class SessionHost extends EventEmitter {
  private queue: Promise<unknown> = Promise.resolve();
  private wakeTimer: NodeJS.Timeout | null = null;
  private botTimers = new Map<string, NodeJS.Timeout>();
  private stopped = false;
  /** Bounds what refused input adds to the event log (server/sessions/event-budget.ts). */
  private readonly budget = new EventLogBudget();
  /** The state as last written to the database (presence changes are applied before they are written). */
  private persisted: SessionState;
  /** Group-level numbers of every completed round, per group (for the monitor's history). */
  readonly roundHistory: Record<string, { round: number; group: Record<string, Scalar> }[]> = {};

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
  }

  get id(): string {
    return this.state.id;
  }

  /** Queue a command; resolves after it is persisted (or rejected and logged). */
  dispatch(actor: Actor, cmd: Command): Promise<DispatchResult> {
    this.pending++;
    this.lastActivityMs = this.opts.clock();
    const run = this.queue.then(() => this.apply(actor, cmd)).finally(() => {
      this.pending--;
      this.lastActivityMs = this.opts.clock();
    });
    this.queue = run.catch(() => undefined);
    return run;
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
    if (this.pending > 0 || this.botTimers.size > 0) return false;
    if (Object.values(this.state.participants).some((p) => p.connected && !p.bot)) return false;
    return this.isOver() || nextWakeMs(this.state, this.lt) === null;
  }

  private async apply(actor: Actor, cmd: Command): Promise<DispatchResult> {
    if (this.stopped) return { ok: false, error: { code: "session/conflict", message: "The server is shutting down; please retry in a moment." } };
    const now = this.opts.clock();
    const serverTime = new Date(now);
    let r: ReturnType<typeof reduce>;
    try {
      r = reduce(this.state, this.lt, cmd, now);
    } catch (e) {
      // a bug in a game module must not take the session down: nothing is applied, the sender is told
      this.opts.log?.(`session=${this.id} ${cmd.kind} crashed in the engine: ${(e as Error).stack ?? e}`);
      r = { ok: false, error: { code: "session/conflict", message: "The server could not process this step. Nothing was changed; please try again or tell the experimenter." } };
    }
    const event = this.eventOf(actor, cmd, r);
    const quiet = cmd.kind === "tick" && r.ok && !r.changed;
    if (r.ok && r.changed && (cmd.kind === "connect" || cmd.kind === "disconnect")) {
      // Presence is soft state: applied and broadcast at once, logged as an event, and written with the
      // next snapshot (a restart marks everyone offline anyway), so a connection storm costs one insert each.
      const prev = this.state;
      this.state = { ...r.state, version: this.state.version };
      await this.logOnly(event, serverTime);
      this.emit("change", this.state, r.effects, prev);
      this.afterChange();
      return { ok: true, duplicate: false, version: this.state.version };
    }
    if (!r.ok || !r.changed) {
      if (!quiet) await this.logOnly(event, serverTime);
      if (!r.ok) {
        this.opts.log?.(`session=${this.id} actor=${actor.actorKind}:${actor.participantId ?? "-"} ${cmd.kind} rejected: ${r.error.code}`);
        return { ok: false, error: r.error };
      }
      this.afterChange();
      return { ok: true, duplicate: r.duplicate, version: this.state.version, ...(r.pid ? { pid: r.pid } : {}) };
    }
    try {
      await this.store.commit(this.id, this.persisted, r.state, r.effects, event, this.seq + 1, serverTime);
      this.seq++;
    } catch (e) {
      this.opts.log?.(`session=${this.id} commit failed: ${(e as Error).message}`);
      return { ok: false, error: { code: "session/conflict", message: "Your input could not be saved. Please try again in a moment." } };
    }
    const prev = this.state;
    this.state = r.state;
    this.persisted = r.state;
    for (const row of r.effects.rounds) (this.roundHistory[row.groupId] ??= []).push({ round: row.round, group: row.group });
    for (const n of r.effects.notes) this.opts.log?.(`session=${this.id} ${n}`);
    this.emit("change", this.state, r.effects, prev);
    this.afterChange();
    return { ok: true, duplicate: false, version: this.state.version, ...(r.pid ? { pid: r.pid } : {}) };
  }

  /** The event-log entry of a command: duplicates are logged as duplicates, payloads are bounded. */
  private eventOf(actor: Actor, cmd: Command, r: ReturnType<typeof reduce>): EventInput {
    const accepted = r.ok && !r.duplicate;
    const outcome = r.ok ? (r.duplicate ? { errorCode: DUPLICATE_CODE, errorMessage: duplicateMessage(cmd) } : {}) : { errorCode: r.error.code, errorMessage: r.error.message };
    return {
      ...actor,
      command: cmd.kind,
      payloadJson: this.budget.payloadJson(cmd, accepted),
      clientActionId: cmd.kind === "action" ? cmd.clientActionId : null,
      accepted,
      ...outcome,
    };
  }

  /** Append an event that changes no snapshot; the sequence number is used only once it is stored. */
  private async logOnly(event: EventInput, serverTime: Date): Promise<void> {
    try {
      await this.store.logOnly(this.id, event, this.seq + 1, serverTime, this.state.version);
      this.seq++;
    } catch (e) {
      this.opts.log?.(`session=${this.id} event log failed: ${e}`);
    }
  }

  /**
   * Log input refused before it reached the session (e.g. over the rate limit), in sequence with
   * every other event. Changes nothing else.
   */
  logRefused(actor: Actor, command: string, payload: unknown, error: ActionError): Promise<void> {
    const run = this.queue.then(() =>
      this.stopped
        ? undefined
        : this.logOnly(
            { ...actor, command, payloadJson: this.budget.payloadJson(payload, false), clientActionId: null, accepted: false, errorCode: error.code, errorMessage: error.message },
            new Date(this.opts.clock()),
          ),
    );
    this.queue = run.catch(() => undefined);
    return run;
  }

  private afterChange() {
    if (this.stopped) return;
    this.armWake();
    try {
      this.scheduleBots();
    } catch (e) {
      // a bug in a bot strategy must not keep the (already stored) command from being acknowledged
      this.opts.log?.(`session=${this.id} bot scheduling failed: ${(e as Error).stack ?? e}`);
    }
    if (this.isOver()) this.emit("over", this.state);
  }

  isOver(): boolean {
    return this.state.status === "ended" || Object.values(this.state.participants).every((p) => p.stage === "done");
  }

  /** Resolves when every participant has finished or the session ended. */
  whenOver(): Promise<SessionState> {
    if (this.isOver()) return Promise.resolve(this.state);
    return new Promise((res) => this.once("over", res));
  }

  armWake() {
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeTimer = null;
    const t = nextWakeMs(this.state, this.lt);
    if (t === null || this.stopped) return;
    const delay = Math.max(0, Math.min(t - this.opts.clock(), 2 ** 31 - 1));
    this.wakeTimer = setTimeout(() => {
      this.wakeTimer = null;
      void this.dispatch({ actorKind: "timeout", participantId: null }, { kind: "tick" });
    }, delay + 5);
  }

  private scheduleBots() {
    const moves = botMoves(this.state, this.lt, this.opts.clock());
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
    this.stopped = true;
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    for (const t of this.botTimers.values()) clearTimeout(t);
    this.botTimers.clear();
    this.removeAllListeners();
  }

  /** Wait for queued commands to finish (for clean shutdown and tests). */
  async drain(): Promise<void> {
    await this.queue;
  }
}
