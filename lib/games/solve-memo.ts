/**
 * Games whose treatments need expensive pure solves (equilibria, mechanism runs) and keep them in a
 * memo. The server computes them in a worker thread when a session is created (server/solver/) and
 * moves the memo to the main thread, so that validating the treatment there, and every round, view and
 * bot later, reads the memo instead of solving on the event loop. Values are plain data.
 */
import { clearSolveMemo, isSsgSolveMemo, restoreSolveMemo, solveMemo } from "./ssg-defense/benchmarks";

export interface SolveMemo {
  /** Everything memoised so far, structured-clone safe. */
  snapshot(): unknown;
  /** Add a snapshot from another thread; false (nothing added) if it does not have the memo's shape. */
  restore(snapshot: unknown): boolean;
  clear(): void;
}

/** Memo per game id. */
export const solveMemos: Readonly<Record<string, SolveMemo>> = {
  "ssg-defense": {
    snapshot: solveMemo,
    restore: (x) => {
      if (!isSsgSolveMemo(x)) return false;
      restoreSolveMemo(x);
      return true;
    },
    clear: clearSolveMemo,
  },
};
