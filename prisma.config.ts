/**
 * Prisma CLI configuration (Prisma 6.19, offline: wasm schema engine + driver adapters).
 * The schema folder follows DATABASE_URL: prisma/sqlite (default) or prisma/postgres.
 * Runtime migrations are applied by server/db/migrate.ts, not by this CLI.
 */
import { defineConfig } from "prisma/config";
import { PrismaLibSQL } from "@prisma/adapter-libsql";

const url = process.env.DATABASE_URL ?? "file:./data/mechlab.db";
const isPg = /^postgres(ql)?:\/\//.test(url);
const dir = isPg ? "prisma/postgres" : "prisma/sqlite";

export default defineConfig({
  schema: dir,
  migrations: { path: `${dir}/migrations` },
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => {
    if (isPg) {
      const { PrismaPg } = await import("@prisma/adapter-pg");
      const u = new URL(url);
      return new PrismaPg({ host: u.hostname, port: Number(u.port || 5432), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password), database: u.pathname.slice(1) });
    }
    return new PrismaLibSQL({ url });
  },
});
