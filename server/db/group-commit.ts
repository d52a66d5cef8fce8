/**
 * Group commit: write requests made in the same turn of the event loop (and those that arrive while a
 * group is being written) share one transaction, so many commands pay for one BEGIN/COMMIT (and, on
 * PostgreSQL, one WAL flush). Each request still succeeds or fails alone: if the group's transaction
 * fails (e.g. one request's version or lease check), it is rolled back and every request of the group is
 * written again in its own transaction. A request's promise resolves only after its transaction committed.
 */
import type { SqlStatement } from "./writer";

/** Runs the requests' statements, in order, in one transaction; all or nothing. */
export type RunTransaction = (requests: readonly (readonly SqlStatement[])[]) => Promise<void>;

interface Request {
  stmts: readonly SqlStatement[];
  resolve: () => void;
  reject: (e: unknown) => void;
}

/** Most requests written in one transaction (bounds how long one write holds the event loop). */
export const MAX_GROUP = 256;

export class GroupCommit {
  private waiting: Request[] = [];
  private writing = false;
  private scheduled = false;
  /** Transactions committed and requests written (for tests and benchmarks). */
  readonly stats = { transactions: 0, requests: 0 };

  constructor(private readonly run: RunTransaction) {}

  submit(stmts: readonly SqlStatement[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ stmts, resolve, reject });
      this.schedule();
    });
  }

  private schedule() {
    if (this.writing || this.scheduled) return;
    this.scheduled = true;
    // after the I/O callbacks of this turn: every command read in this turn joins the group
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length) {
        const group = this.waiting.splice(0, MAX_GROUP);
        try {
          await this.run(group.map((r) => r.stmts));
          this.stats.transactions++;
          this.stats.requests += group.length;
          for (const r of group) r.resolve();
        } catch (e) {
          if (group.length === 1) {
            group[0]!.reject(e);
            continue;
          }
          // one request spoiled the group: each one alone, so only that one fails
          for (const r of group) {
            try {
              await this.run([r.stmts]);
              this.stats.transactions++;
              this.stats.requests++;
              r.resolve();
            } catch (err) {
              r.reject(err);
            }
          }
        }
      }
    } finally {
      this.writing = false;
    }
  }
}
