// The server under load: API + Socket.io (no Next pages) on a fresh database; prints its port.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMechlabApp } from "../server/app";

process.env.MECHLAB_QUIET = "1";
const dbUrl = process.env.BENCH_DATABASE_URL ?? `file:${join(mkdtempSync(join(tmpdir(), "mechlab-bench-")), "bench.db")}`;
// every simulated participant connects from 127.0.0.1: lift the per-address socket limit (docs/security.md)
const app = await createMechlabApp({ dbUrl, log: () => {}, realtimeLimits: { socketsPerAddress: 100_000 } });
const port = await app.listen(0, "127.0.0.1");
process.stdout.write(`PORT ${port}\n`);
process.on("SIGTERM", async () => {
  await app.close();
  process.exit(0);
});
