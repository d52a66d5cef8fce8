// A mechlab server (API + Socket.io, no pages) in a process of its own, for tests that kill it with
// SIGKILL: serves MECHLAB_TEST_DB_URL on a random loopback port and prints "PORT n".
import { createMechlabApp } from "../app";

process.env.MECHLAB_QUIET = "1";
const dbUrl = process.env.MECHLAB_TEST_DB_URL;
if (!dbUrl) throw new Error("set MECHLAB_TEST_DB_URL");
const app = await createMechlabApp({ dbUrl, log: () => {}, realtimeLimits: { socketsPerAddress: 10_000 } });
const port = await app.listen(0, "127.0.0.1");
process.stdout.write(`PORT ${port}\n`);
