/**
 * The hot write path (every accepted command) and the lookups every connection and join makes (`queryOne`:
 * a link token's seat, a room code's session) in plain SQL on a dedicated connection. Prisma stays the
 * API for everything else; this exists because a Prisma interactive transaction over the libsql adapter
 * costs a new SQLite connection and several ms of CPU per command (measured with `npm run bench`, see
 * docs/benchmarks.md). Requests made in the same turn of the event loop share one transaction
 * (server/db/group-commit.ts); each resolves only after its transaction committed.
 *
 * Values are written exactly as Prisma writes them, so Prisma reads them back unchanged:
 * SQLite: DateTime as ISO text with "+00:00", booleans as 0/1; PostgreSQL: TIMESTAMP(3) in UTC.
 */
import { startCheckpointer, type Checkpointer, type CheckpointStats } from "./checkpointer";
import { GroupCommit, type RunTransaction } from "./group-commit";
import { isPostgresUrl } from "./url";

export type SqlValue = string | number | boolean | null | Date;
export interface SqlStatement {
  sql: string; // `?` placeholders
  args: SqlValue[];
  /** The transaction fails (and rolls back) unless this statement changes exactly this many rows. */
  expectRows?: number;
}

export class StaleWriteError extends Error {}

export interface SqlWriter {
  /** Run the statements in one transaction, in order; all or nothing. Resolves after the commit. */
  transaction(stmts: SqlStatement[]): Promise<void>;
  /**
   * One row of a read (`?` placeholders), or undefined: for lookups on the hot path, where a Prisma query
   * costs ~0.5 ms of CPU (a participant's link token on every connection; docs/benchmarks.md). SQLite: on
   * the writer's connection, between its transactions; PostgreSQL: on its pool.
   */
  queryOne(sql: string, args: SqlValue[]): Promise<Record<string, unknown> | undefined>;
  /** Transactions committed and requests written so far (requests per transaction = the group size). */
  readonly stats: { transactions: number; requests: number };
  /**
   * SQLite: who copies the WAL back into the database file — the checkpoint thread (server/db/checkpointer.ts)
   * or, when it could not start or ended, SQLite's automatic checkpoints in the writer's commits.
   */
  readonly checkpoints?: WriterCheckpoints;
  close(): Promise<void>;
}

export interface WriterCheckpoints {
  by: "thread" | "commits";
  checkpointer: Checkpointer | null;
  /** Checkpoints the writer finished after the thread's (see `finishCheckpoint`), and the time they took (ms). */
  finished: number;
  /** Those that could not run (the thread was checkpointing again, or an error); the next report tries again. */
  finishFailed: number;
  finishMs: number;
}

/** A WAL this long (frames of 4 KiB; SQLite's own default checkpoint size) is started again under load. */
export const RESTART_AFTER_FRAMES = 1000;

export interface WriterOptions {
  /** SQLite: how often the checkpoint thread runs (ms; default CHECKPOINT_INTERVAL_MS, tests use less). */
  checkpointIntervalMs?: number;
}

export async function makeWriter(url: string, opts: WriterOptions = {}): Promise<SqlWriter> {
  return isPostgresUrl(url) ? pgWriter(url) : sqliteWriter(url, opts);
}

const stale = (st: SqlStatement, got: number) => new StaleWriteError(`expected ${st.expectRows} changed row(s), got ${got}: ${st.sql.slice(0, 60)}`);

/** Prepared statements by SQL text (the hot path uses a few dozen shapes; the cache is bounded anyway). */
class StatementCache<S> {
  private map = new Map<string, S>();
  constructor(private readonly prepare: (sql: string) => S) {}
  get(sql: string): S {
    let s = this.map.get(sql);
    if (s === undefined) {
      if (this.map.size >= 500) this.map.clear();
      s = this.prepare(sql);
      this.map.set(sql, s);
    }
    return s;
  }
}

async function sqliteWriter(url: string, opts: WriterOptions): Promise<SqlWriter> {
  // the synchronous driver under @libsql/client, used directly: statements are prepared once, and a
  // whole group is written without a microtask per statement
  const { default: Database } = await import("libsql");
  const path = url.slice("file:".length);
  const db = new Database(path);
  db.prepare("PRAGMA busy_timeout=5000").get();
  db.prepare("PRAGMA synchronous=NORMAL").run();
  // WAL checkpoints run on their own thread (server/db/checkpointer.ts), never in a commit on the event
  // loop. Without it (it could not start, or it ended): in the commits, every 10,000 pages (40 MB) instead
  // of 1,000, so rows rewritten by every command are copied back to the database file ten times less often.
  let closed = false;
  const checkpoints: WriterCheckpoints = { by: "commits", checkpointer: null, finished: 0, finishFailed: 0, finishMs: 0 };
  const inCommits = () => {
    checkpoints.by = "commits";
    if (!closed) db.prepare("PRAGMA wal_autocheckpoint=10000").get();
  };
  inCommits();
  // The WAL starts again from its beginning only at a commit that finds every frame in it copied. Commits
  // that keep coming while the thread copies (a busy session) land after the frames it set out to copy, so
  // on its own the thread never gets there and the WAL grew without bound (28 MB a minute at one commit
  // every 2 ms). So when the thread has copied all it found in a WAL of `RESTART_AFTER_FRAMES` or more, the
  // writer copies the few frames committed since, on its own connection between two transactions (a
  // passive checkpoint, with its two syncs), and its next commit starts the WAL again.
  const finishCheckpoint = (s: CheckpointStats) => {
    if (closed || db.inTransaction || s.done < s.log || s.log < RESTART_AFTER_FRAMES) return;
    const t = performance.now();
    try {
      // busy: the thread is checkpointing again (it answers, it does not wait); the next report tries again
      const r = db.prepare("PRAGMA wal_checkpoint(PASSIVE)").get() as { busy?: number } | undefined;
      if (r?.busy) checkpoints.finishFailed++;
      else checkpoints.finished++;
    } catch {
      checkpoints.finishFailed++; // nothing is lost: the WAL is copied by a later checkpoint
    }
    checkpoints.finishMs += performance.now() - t;
  };
  if (!path.includes(":memory:")) {
    checkpoints.checkpointer = await startCheckpointer(path, {
      ...(opts.checkpointIntervalMs !== undefined ? { intervalMs: opts.checkpointIntervalMs } : {}),
      onCheckpoint: finishCheckpoint,
      onLost: (why) => {
        console.error(`mechlab: ${why}; SQLite checkpoints run in the commits again`);
        inCommits();
      },
    });
    if (checkpoints.checkpointer) {
      db.prepare("PRAGMA wal_autocheckpoint=0").get();
      checkpoints.by = "thread";
    }
  }
  const cache = new StatementCache((sql) => db.prepare(sql));
  const toSqlite = (v: SqlValue) => (v instanceof Date ? v.toISOString().replace("Z", "+00:00") : typeof v === "boolean" ? (v ? 1 : 0) : v);
  const run: RunTransaction = async (requests) => {
    db.exec("BEGIN IMMEDIATE");
    try {
      for (const stmts of requests)
        for (const st of stmts) {
          const r = cache.get(st.sql).run(st.args.map(toSqlite));
          if (st.expectRows !== undefined && r.changes !== st.expectRows) throw stale(st, r.changes);
        }
      db.exec("COMMIT");
    } catch (e) {
      if (db.inTransaction) db.exec("ROLLBACK");
      throw e;
    }
  };
  const group = new GroupCommit(run);
  return {
    transaction: (stmts) => group.submit(stmts),
    queryOne: async (sql, args) => {
      if (closed) throw new Error("the database writer is closed");
      return cache.get(sql).get(args.map(toSqlite)) as Record<string, unknown> | undefined;
    },
    stats: group.stats,
    checkpoints,
    close: async () => {
      await checkpoints.checkpointer?.stop();
      closed = true;
      db.close();
    },
  };
}

async function pgWriter(url: string): Promise<SqlWriter> {
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  // An idle client can be terminated by the server (restart, admin command): pg reports it on the pool,
  // and an unhandled 'error' event would crash the process. The pool replaces the client on next use.
  pool.on("error", (e) => console.error(`mechlab: idle PostgreSQL connection closed: ${e.message}`));
  // A whole group goes to the server as one multi-statement query: one round trip, which PostgreSQL runs
  // as one transaction (all or nothing). Values are inlined as literals escaped by pg's escapeLiteral; a
  // statement that must change exactly n rows fails the transaction otherwise (a cast that cannot succeed).
  /** TIMESTAMP(3) in UTC, as Prisma writes it. */
  const timestamp = (d: Date) => d.toISOString().replace("Z", "");
  const literal = (c: import("pg").PoolClient, v: SqlValue): string => {
    if (v === null) return "NULL";
    if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
    if (typeof v === "number") {
      if (!Number.isFinite(v)) throw new Error(`cannot store the number ${v}`);
      return String(v);
    }
    return c.escapeLiteral(v instanceof Date ? timestamp(v) : v);
  };
  const statement = (c: import("pg").PoolClient, st: SqlStatement): string => {
    let k = 0;
    const sql = st.sql.replace(/\?/g, () => literal(c, st.args[k++]!));
    if (k !== st.args.length) throw new Error(`statement has ${k} placeholders and ${st.args.length} values: ${st.sql.slice(0, 60)}`);
    if (st.expectRows === undefined) return sql;
    return `WITH w AS (${sql} RETURNING 1) SELECT CASE WHEN count(*) = ${st.expectRows} THEN 0 ELSE ('${STALE_MARK}' || count(*))::int END FROM w`;
  };
  const run: RunTransaction = async (requests) => {
    const c = await pool.connect();
    try {
      await c.query(requests.flatMap((stmts) => stmts.map((st) => statement(c, st))).join(";\n"));
    } catch (e) {
      const m = e instanceof Error ? new RegExp(`"${STALE_MARK}(\\d+)"`).exec(e.message) : null;
      if (m) throw new StaleWriteError(`a statement that must change a row changed ${m[1]} (the group was rolled back)`);
      throw e;
    } finally {
      c.release();
    }
  };
  const group = new GroupCommit(run);
  return {
    transaction: (stmts) => group.submit(stmts),
    queryOne: async (sql, args) => {
      let k = 0;
      const r = await pool.query(sql.replace(/\?/g, () => `$${++k}`), args.map((v) => (v instanceof Date ? timestamp(v) : v)));
      return r.rows[0] as Record<string, unknown> | undefined;
    },
    stats: group.stats,
    close: () => pool.end(),
  };
}

/** The text of the error a failed row-count check raises in PostgreSQL. */
const STALE_MARK = "mechlab-stale-write:";

