/**
 * `npm start`: one Node process serving the Next.js pages, the JSON API and Socket.io on one port.
 * PORT (default 3000), HOST (default 0.0.0.0), DATABASE_URL (default SQLite file data/mechlab.db).
 * REDIS_URL (with a PostgreSQL DATABASE_URL): one of several processes (docs/deploy.md);
 * WORKERS=N: N such processes on this machine, one port (server/cluster/workers.ts).
 * MECHLAB_PUBLIC_URL (an http(s) origin): the address join links and QR codes use (lib/protocol/join-address.ts).
 */
import cluster from "node:cluster";
import { networkInterfaces } from "node:os";
import next from "next";
import { startupLines } from "../lib/protocol/join-address";
import { createMechlabApp } from "./app";
import { redactUrl } from "./db/url";
import { portFromEnv, startupFailure } from "./startup";
import { workersFromEnv } from "./cluster/config";
import { securityConfigFromEnv } from "./security/config";

try {
  securityConfigFromEnv(process.env); // TRUST_PROXY, MECHLAB_SECURE_COOKIES: a value it does not know is a failed start
  const workers = workersFromEnv(process.env);
  if (workers !== 1 && cluster.isPrimary) await (await import("./cluster/workers")).runPrimary(workers);
  else await serve();
} catch (e) {
  // one line naming what to fix, and a failed start's exit status (a service manager restarts or reports it)
  console.error(`mechlab: could not start: ${startupFailure(e, process.env)}`);
  process.exit(1);
}

async function serve() {
  const dev = process.env.NODE_ENV !== "production";
  const setting = portFromEnv(process.env.PORT);
  if ("error" in setting) throw new Error(setting.error);
  const port = setting.port;
  const host = process.env.HOST ?? "0.0.0.0";

  const nextApp = next({ dev, hostname: host === "0.0.0.0" ? "localhost" : host, port });
  await nextApp.prepare();
  const handle = nextApp.getRequestHandler();
  const app = await createMechlabApp({ nextHandler: (req, res) => handle(req, res), dev });
  const bound = await app.listen(port, host);
  const shown = host === "0.0.0.0" ? "localhost" : host;
  const who = ` (${cluster.isWorker ? "worker" : "process"} ${process.pid})`;
  console.log(`mechlab: ready on http://${shown}:${bound}${who} (admin: http://${shown}:${bound}/admin) — data: ${redactUrl(app.dbUrl).replace(/^file:/, "")}`);
  // where phones join (localhost above is this machine only); once, not again by every worker
  if (!cluster.isWorker || cluster.worker?.id === 1) for (const line of startupLines({ env: process.env, host, port: bound, interfaces: networkInterfaces() })) console.log(line);

  process.on("unhandledRejection", (e) => console.error("mechlab: unhandled rejection:", e));

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await app.close();
    process.exit(0);
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}
