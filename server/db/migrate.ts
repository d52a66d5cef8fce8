/**
 * Applies the committed migrations (prisma/sqlite/migrations or prisma/postgres/migrations) at start.
 * It keeps Prisma's own `_prisma_migrations` table (same columns, sha256 checksums), so
 * `prisma migrate status` agrees with it, but it needs no schema-engine binary and no CLI at run time.
 */
import { createHash, randomUUID } from "node:crypto";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { isPostgresUrl } from "./url";

const ROOT = resolve(import.meta.dirname, "../..");

export function migrationsDir(url: string): string {
  return join(ROOT, "prisma", isPostgresUrl(url) ? "postgres" : "sqlite", "migrations");
}

function listMigrations(dir: string): { name: string; sql: string; checksum: string }[] {
  if (!existsSync(dir)) throw new Error(`no migrations folder at ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const TABLE_SQL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;
const TABLE_SQL_SQLITE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "checksum" TEXT NOT NULL,
  "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL,
  "logs" TEXT,
  "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

/** Apply every pending migration; returns the names applied. */
export async function migrate(url: string): Promise<string[]> {
  const all = listMigrations(migrationsDir(url));
  const applied: string[] = [];
  if (isPostgresUrl(url)) {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query("SELECT pg_advisory_lock(727073690)");
      await client.query(TABLE_SQL);
      const done = new Set((await client.query(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`)).rows.map((r) => r.migration_name as string));
      for (const m of all) {
        if (done.has(m.name)) continue;
        await client.query("BEGIN");
        try {
          await client.query(m.sql);
          await client.query(`INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`, [randomUUID(), m.checksum, m.name]);
          await client.query("COMMIT");
        } catch (e) {
          await client.query("ROLLBACK");
          throw new Error(`migration ${m.name} failed: ${(e as Error).message}`);
        }
        applied.push(m.name);
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock(727073690)").catch(() => {});
      await client.end();
    }
    return applied;
  }
  const { createClient } = await import("@libsql/client");
  const client = createClient({ url });
  try {
    // WAL: readers never block the writer, and commits need no fsync of the main file.
    if (!url.includes(":memory:")) await client.execute("PRAGMA journal_mode=WAL");
    await client.execute(TABLE_SQL_SQLITE);
    const rs = await client.execute(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`);
    const done = new Set(rs.rows.map((r) => String(r.migration_name)));
    for (const m of all) {
      if (done.has(m.name)) continue;
      await client.executeMultiple(`BEGIN;\n${m.sql}\nCOMMIT;`);
      await client.execute({
        sql: `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES (?, ?, current_timestamp, ?, 1)`,
        args: [randomUUID(), m.checksum, m.name],
      });
      applied.push(m.name);
    }
  } finally {
    client.close();
  }
  return applied;
}
