// Generates both Prisma clients (SQLite and PostgreSQL) offline; run by `npm install` (postinstall).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const bin = "node_modules/prisma/build/index.js";
if (!existsSync(bin)) {
  console.log("prisma CLI not installed yet; skipping client generation");
  process.exit(0);
}
for (const url of ["file:./data/mechlab.db", "postgresql://localhost:5432/mechlab"]) {
  execFileSync(process.execPath, [bin, "generate"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
}
console.log("mechlab: Prisma clients generated (sqlite, postgresql)");
