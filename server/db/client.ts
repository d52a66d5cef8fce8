/**
 * The Prisma client for the database in force: libsql for SQLite files, pg for PostgreSQL.
 * Both clients are generated from the same models (prisma/models); types come from the SQLite one.
 */
import type { PrismaClient } from "../../prisma/generated/sqlite/client";
import { isPostgresUrl } from "./url";

export type Db = PrismaClient;

interface LibsqlLike {
  execute(sql: string): Promise<unknown>;
  transaction(mode?: string): Promise<unknown>;
}

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
  const factory = new PrismaLibSQL({ url });
  // With WAL (set by migrate), synchronous=NORMAL syncs the log at checkpoints instead of at every
  // commit: a committed decision survives a crash of the server process; only a power loss of the
  // machine can drop the last few. The setting is per connection, and @libsql/client opens a new
  // connection after every transaction, so it is applied to each new connection as it is opened.
  const withPragmas = factory as unknown as { createClient: (c: unknown) => LibsqlLike };
  const create = withPragmas.createClient.bind(factory);
  withPragmas.createClient = (config) => {
    const client = create(config);
    const tx = client.transaction.bind(client);
    const tune = () => client.execute("PRAGMA synchronous=NORMAL");
    client.transaction = async (mode) => {
      const t = await tx(mode);
      await tune(); // opens the next connection now, tuned
      return t;
    };
    void tune();
    return client;
  };
  const db = new Lite({ adapter: factory });
  await db.$queryRawUnsafe("PRAGMA busy_timeout=5000");
  return db;
}
