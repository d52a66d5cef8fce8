// One process of a test or benchmark cluster: API + Socket.io (no Next pages) on DATABASE_URL and
// REDIS_URL from the environment; prints "PORT <n>" once it listens. SIGTERM closes it cleanly.
import "./clock-skew"; // first: a test may run this process with its clock off
import { createMechlabApp } from "../app";

process.env.MECHLAB_QUIET ??= "1";
const verbose = process.env.CLUSTER_NODE_LOG === "1";
// every simulated participant connects from 127.0.0.1: lift the per-address limits on sockets and open
// connections (docs/security.md)
const app = await createMechlabApp({ log: (l) => (verbose ? console.error(`[${process.pid}] ${l}`) : undefined), realtimeLimits: { socketsPerAddress: 1_000_000 }, connections: { perAddress: 1_000_000 } });
const port = await app.listen(Number(process.env.PORT ?? 0), "127.0.0.1");
// as server/index.ts: a rejection nobody awaited is logged, not a crash (e.g. a Redis command refused while Redis is away)
process.on("unhandledRejection", (e) => console.error(`[${process.pid}] unhandled rejection:`, e instanceof Error ? e.message : e));
process.stdout.write(`PORT ${port}\n`);
process.on("SIGTERM", () => {
  void app.close().then(() => process.exit(0));
});
