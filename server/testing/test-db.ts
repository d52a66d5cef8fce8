/**
 * Fresh test databases: a SQLite file in a temporary folder, or a new database on a PostgreSQL server,
 * each dropped afterwards. No server code here, so the browser tests (e2e/) use it too.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface TestDb {
  url: string;
  drop(): Promise<void>;
}

export async function freshSqlite(): Promise<TestDb> {
  const dir = mkdtempSync(join(tmpdir(), "mechlab-test-"));
  return { url: `file:${join(dir, "t.db")}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** A new database on the PostgreSQL server of `baseUrl`, dropped afterwards. */
export async function freshPostgres(baseUrl: string, prefix = "mechlab_test"): Promise<TestDb> {
  const { default: pg } = await import("pg");
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: baseUrl });
      c.on("error", () => {});
      await c.connect();
      // let the app's pools finish closing their connections (and any query still in flight) before
      // forcing anything: on a loaded CI machine 5 s was not always enough, and a forced drop then failed
      // that query as an unhandled rejection in whichever test file ran it
      for (let k = 0; k < 300; k++) {
        const r = await c.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1", [name]);
        if (r.rows[0].n === 0) break;
        await new Promise((res) => setTimeout(res, 100));
      }
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}
