/**
 * Crashes of game code inside the engine (a bug in a game module's `onExit`, `onTimeout`, `next`,
 * `score`, `apply`…): nothing of the crashing command is applied, and the host remembers, per group,
 * what crashed, so that
 * - the monitor shows the group as failed with the error (until the group moves on),
 * - the same crash is logged in full and stored as an event once, not again on every retry,
 * - a deadline whose game code crashed is retried after a growing delay (1 s, 2 s, 4 s … at most a
 *   minute), not at once in a loop. The delay is the crashed group's own: the tick leaves that group's
 *   deadline out (`hold`) until its retry is due, so the session's other groups keep their deadlines.
 *   Only a crash of a tick that names no group (lib/engine/admin.ts `DeadlineCrash`) holds back every tick.
 * Kept in memory only: after a restart the first crash is recorded again.
 */

import type { GameCrash } from "../../lib/engine/views";

/** The key of a crash tied to no group (e.g. a tick's dropout handling); its retry holds back the whole tick. */
export const WHOLE_SESSION = "*";
/** The first retry of a crashed deadline, doubled after every crash up to LAST_TICK_RETRY_MS. */
export const FIRST_TICK_RETRY_MS = 1_000;
export const LAST_TICK_RETRY_MS = 60_000;
const MESSAGE_MAX = 500;

/** The crashes in a row of one group's deadline (or of the whole tick), and when it may be tried again. */
interface Retry {
  crashes: number;
  atMs: number;
}

export class GameCrashes {
  private readonly byGroup = new Map<string, GameCrash>();
  /** Deadlines held back after their tick crashed, by group id (WHOLE_SESSION: every tick). */
  private readonly retries = new Map<string, Retry>();

  /**
   * Record that `command` crashed for `groupIds` with `error`. True when this is news (a group had no
   * crash with this message yet): the caller logs it in full and stores it as an event.
   */
  record(command: string, groupIds: readonly string[], error: unknown, nowMs: number): boolean {
    const full = error instanceof Error ? error.message : String(error);
    const message = full.length > MESSAGE_MAX ? `${full.slice(0, MESSAGE_MAX - 1)}…` : full || "unknown error";
    let news = false;
    for (const gid of groupIds.length ? groupIds : [WHOLE_SESSION]) {
      const had = this.byGroup.get(gid);
      if (had && had.message === message) had.attempts++;
      else {
        this.byGroup.set(gid, { message, atMs: nowMs, attempts: 1, command });
        news = true;
      }
    }
    return news;
  }

  /**
   * A tick crashed at `key`'s deadline (a group id, or WHOLE_SESSION for a crash the tick could not tie
   * to a group): it is tried again after a delay that doubles with every crash in a row. The retry time.
   */
  holdDeadline(key: string, nowMs: number): number {
    const crashes = (this.retries.get(key)?.crashes ?? 0) + 1;
    const atMs = nowMs + Math.min(LAST_TICK_RETRY_MS, FIRST_TICK_RETRY_MS * 2 ** Math.min(crashes - 1, 16));
    this.retries.set(key, { crashes, atMs });
    return atMs;
  }

  /** A tick went through: ticks are no longer held back as a whole (held groups stay held). */
  tickRan(): void {
    this.retries.delete(WHOLE_SESSION);
    this.byGroup.delete(WHOLE_SESSION);
  }

  /** The earliest server time of the next tick after ticks crashed with no group named (0: no limit). */
  tickNotBeforeMs(): number {
    return this.retries.get(WHOLE_SESSION)?.atMs ?? 0;
  }

  /** Every group whose deadline is held back, with the time it may be tried again (for `nextWakeMs`). */
  heldDeadlines(): ReadonlyMap<string, number> {
    const out = new Map<string, number>();
    for (const [gid, r] of this.retries) if (gid !== WHOLE_SESSION) out.set(gid, r.atMs);
    return out;
  }

  /** The groups whose deadline a tick at `nowMs` leaves out (the tick command's `hold`): their retry is not due. */
  heldAt(nowMs: number): string[] {
    return [...this.retries].filter(([gid, r]) => gid !== WHOLE_SESSION && r.atMs > nowMs).map(([gid]) => gid);
  }

  /**
   * These groups changed (moved on, ended, someone decided): their crash is no longer what they show,
   * and their held-back deadline (and a held-back tick) may run at once (what crashed may be gone).
   */
  forget(groupIds: Iterable<string>): void {
    for (const gid of groupIds)
      if (this.byGroup.delete(gid) || this.retries.delete(gid)) {
        this.retries.delete(gid);
        this.retries.delete(WHOLE_SESSION);
      }
  }

  forgetAll(): void {
    this.byGroup.clear();
    this.retries.clear();
  }

  of(groupId: string): GameCrash | undefined {
    return this.byGroup.get(groupId);
  }

  /** Every remembered crash by group id (WHOLE_SESSION for one tied to no group); empty most of the time. */
  all(): Readonly<Record<string, GameCrash>> {
    return Object.fromEntries([...this.byGroup].map(([k, v]) => [k, { ...v }]));
  }
}
