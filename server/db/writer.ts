/**
 * The hot write path (every accepted command) in plain SQL on a dedicated connection, one transaction
 * per command. Prisma stays the API for everything else; this exists because a Prisma interactive
 * transaction over the libsql adapter costs a new SQLite connection and several ms of CPU per command
 * (measured with `npm run bench`, see docs/benchmarks.md).
 *
 * Values are written exactly as Prisma writes them, so Prisma reads them back unchanged:
 * SQLite: DateTime as ISO text with "+00:00", booleans as 0/1; PostgreSQL: TIMESTAMP(3) in UTC.
 */
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
  /** Run the statements in one transaction, in order; all or nothing. */
  transaction(stmts: SqlStatement[]): Promise<void>;
  close(): Promise<void>;
}

/** A simple FIFO mutex: one transaction at a time on the writer's connection. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn);
    this.tail = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }
}

export async function makeWriter(url: string): Promise<SqlWriter> {
  return isPostgresUrl(url) ? pgWriter(url) : sqliteWriter(url);
}

async function sqliteWriter(url: string): Promise<SqlWriter> {
  const { createClient } = await import("@libsql/client");
  const client = createClient({ url });
  await client.execute("PRAGMA busy_timeout=5000");
  await client.execute("PRAGMA synchronous=NORMAL");
  const mutex = new Mutex();
  const toSqlite = (v: SqlValue) => (v instanceof Date ? v.toISOString().replace("Z", "+00:00") : typeof v === "boolean" ? (v ? 1 : 0) : v);
  return {
    transaction: (stmts) =>
      mutex.run(async () => {
        // execute() on a libsql client stays on one connection (transaction() would open a new one)
        await client.execute("BEGIN IMMEDIATE");
        try {
          for (const st of stmts) {
            const r = await client.execute({ sql: st.sql, args: st.args.map(toSqlite) });
            if (st.expectRows !== undefined && r.rowsAffected !== st.expectRows)
              throw new StaleWriteError(`expected ${st.expectRows} changed row(s), got ${r.rowsAffected}: ${st.sql.slice(0, 60)}`);
          }
          await client.execute("COMMIT");
        } catch (e) {
          await client.execute("ROLLBACK").catch(() => undefined);
          throw e;
        }
      }),
    close: async () => client.close(),
  };
}

async function pgWriter(url: string): Promise<SqlWriter> {
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // An idle client can be terminated by the server (restart, admin command): pg reports it on the pool,
  // and an unhandled 'error' event would crash the process. The pool replaces the client on next use.
  pool.on("error", (e) => console.error(`mechlab: idle PostgreSQL connection closed: ${e.message}`));
  const toPg = (v: SqlValue) => (v instanceof Date ? v.toISOString().replace("Z", "") : v);
  const numbered = (sql: string) => {
    let k = 0;
    return sql.replace(/\?/g, () => `$${++k}`);
  };
  return {
    async transaction(stmts) {
      const c = await pool.connect();
      try {
        await c.query("BEGIN");
        for (const st of stmts) {
          const r = await c.query(numbered(st.sql), st.args.map(toPg));
          if (st.expectRows !== undefined && r.rowCount !== st.expectRows)
            throw new StaleWriteError(`expected ${st.expectRows} changed row(s), got ${r.rowCount}: ${st.sql.slice(0, 60)}`);
        }
        await c.query("COMMIT");
      } catch (e) {
        await c.query("ROLLBACK").catch(() => undefined);
        throw e;
      } finally {
        c.release();
      }
    },
    close: () => pool.end(),
  };
}
