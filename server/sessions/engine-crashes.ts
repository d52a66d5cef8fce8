/**
 * Crashes of game code inside the engine (a bug in a game module's `onExit`, `onTimeout`, `next`,
 * `score`, `apply`…): nothing of the crashing command is applied, and the host remembers, per group,
 * what crashed, so that
 * - the monitor shows the group as failed with the error (until the group moves on),
 * - the same crash is logged in full and stored as an event once, not again on every retry,
 * - a deadline whose tick crashes is retried after a growing delay (1 s, 2 s, 4 s … at most a minute),
 *   not at once in a loop.
 * Kept in memory only: after a restart the first crash is recorded again.
 */

import type { GameCrash } from "../../lib/engine/views";

/** One group's crash, as the monitor shows it (`AdminGroupRow.gameCrash`). */
export type EngineCrash = GameCrash;

/** The key of a crash tied to no group (e.g. a tick with no group due). */
export const WHOLE_SESSION = "*";
/** The first retry of a crashed tick, doubled after every crash up to LAST_TICK_RETRY_MS. */
export const FIRST_TICK_RETRY_MS = 1_000;
export const LAST_TICK_RETRY_MS = 60_000;
const MESSAGE_MAX = 500;

export class EngineCrashes {
  private readonly byGroup = new Map<string, EngineCrash>();
  /** Ticks that crashed one after the other (none went through in between). */
  private tickCrashes = 0;
  /** No tick before this server time (0: none held back). */
  private tickRetryAtMs = 0;

  /**
   * Record that `command` crashed for `groupIds` with `error`. True when this is news (a group had no
   * crash with this message yet): the caller logs it in full and stores it as an event.
   */
  record(command: string, groupIds: readonly string[], error: unknown, nowMs: number): boolean {
    const full = error instanceof Error ? error.message : String(error);
    const message = full.length > MESSAGE_MAX ? `${full.slice(0, MESSAGE_MAX - 1)}…` : full || "unknown error";
    if (command === "tick") {
      this.tickCrashes++;
      this.tickRetryAtMs = nowMs + Math.min(LAST_TICK_RETRY_MS, FIRST_TICK_RETRY_MS * 2 ** Math.min(this.tickCrashes - 1, 16));
    }
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

  /** A tick went through: deadlines are kept on time again. */
  tickRan(): void {
    this.tickCrashes = 0;
    this.tickRetryAtMs = 0;
    this.byGroup.delete(WHOLE_SESSION);
  }

  /** The earliest server time of the next tick after ticks crashed (0: no limit). */
  tickNotBeforeMs(): number {
    return this.tickRetryAtMs;
  }

  /**
   * These groups changed (moved on, ended, someone decided): their crash is no longer what they show,
   * and a held-back tick may run at once (what crashed may be gone).
   */
  forget(groupIds: Iterable<string>): void {
    for (const gid of groupIds) if (this.byGroup.delete(gid)) this.tickRetryAtMs = 0;
  }

  forgetAll(): void {
    if (this.byGroup.size > 0) this.tickRetryAtMs = 0;
    this.byGroup.clear();
  }

  of(groupId: string): EngineCrash | undefined {
    return this.byGroup.get(groupId);
  }

  /** Every remembered crash by group id (WHOLE_SESSION for one tied to no group); empty most of the time. */
  all(): Readonly<Record<string, EngineCrash>> {
    return Object.fromEntries([...this.byGroup].map(([k, v]) => [k, { ...v }]));
  }
}
