// A mechlab server (API + Socket.io, no pages) in a process of its own, for tests that kill it with
// SIGKILL: serves MECHLAB_TEST_DB_URL on a random loopback port and prints "PORT n".
import { createMechlabApp } from "../app";
import type { SqlWriter } from "../db/writer";

process.env.MECHLAB_QUIET = "1";
const dbUrl = process.env.MECHLAB_TEST_DB_URL;
if (!dbUrl) throw new Error("set MECHLAB_TEST_DB_URL");
const app = await createMechlabApp({ dbUrl, log: () => {}, realtimeLimits: { socketsPerAddress: 10_000 } });
// MECHLAB_TEST_SLOW_COMMIT_MS: every database transaction waits this long before it runs (a slow disk), so
// an acknowledgement sent before its commit would reach the client well before the data is stored
const slow = Number(process.env.MECHLAB_TEST_SLOW_COMMIT_MS ?? 0);
if (slow > 0) {
  const writer = (app.store as unknown as { writer: SqlWriter }).writer;
  const commit = writer.transaction.bind(writer);
  writer.transaction = async (stmts) => {
    await new Promise((r) => setTimeout(r, slow));
    return commit(stmts);
  };
}
const port = await app.listen(0, "127.0.0.1");
process.stdout.write(`PORT ${port}\n`);
