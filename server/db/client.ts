/**
 * The Prisma client for the database in force: libsql for SQLite files, pg for PostgreSQL.
 * Both clients are generated from the same models (prisma/models); types come from the SQLite one.
 */
import type { PrismaClient } from "../../prisma/generated/sqlite/client";
import { isPostgresUrl } from "./url";

export type Db = PrismaClient;

export async function makePrisma(url: string): Promise<Db> {
  if (isPostgresUrl(url)) {
    const [{ PrismaClient: Pg }, { PrismaPg }] = await Promise.all([
      import("../../prisma/generated/pg/client"),
      import("@prisma/adapter-pg"),
    ]);
    return new Pg({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db;
  }
  const [{ PrismaClient: Lite }, { PrismaLibSQL }] = await Promise.all([
    import("../../prisma/generated/sqlite/client"),
    import("@prisma/adapter-libsql"),
  ]);
  const db = new Lite({ adapter: new PrismaLibSQL({ url }) });
  // With WAL (set by migrate), synchronous=NORMAL syncs at checkpoints instead of at every commit:
  // a committed decision survives a crash of the server process; only a power loss can drop the last ones.
  await db.$queryRawUnsafe("PRAGMA synchronous=NORMAL");
  await db.$queryRawUnsafe("PRAGMA busy_timeout=5000");
  return db;
}
