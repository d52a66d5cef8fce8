// The synchronous SQLite driver under @libsql/client (a better-sqlite3 API); it ships no type declarations.
declare module "libsql" {
  interface RunResult {
    changes: number;
    lastInsertRowid: number | bigint;
  }
  class Statement {
    run(...params: unknown[]): RunResult;
    get(...params: unknown[]): unknown;
    all(...params: unknown[]): unknown[];
  }
  class Database {
    constructor(path: string, opts?: Record<string, unknown>);
    prepare(sql: string): Statement;
    exec(sql: string): void;
    close(): void;
    readonly inTransaction: boolean;
  }
  export default Database;
}
