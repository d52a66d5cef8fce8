/**
 * `WORKERS=N npm start`: N server processes on this machine, one port (node:cluster). Each worker is an
 * ordinary cluster process (server/index.ts → server/app.ts with REDIS_URL and PostgreSQL), so one machine
 * runs exactly the code path of several machines. Node's primary hands each new TCP connection to the
 * next worker; no stickiness is needed because browsers speak Socket.IO over WebSocket only (one
 * connection from handshake to close). A worker that dies is replaced; the sessions it held are taken
 * over by the others from the database within seconds.
 */
import cluster from "node:cluster";
import { availableParallelism } from "node:os";
import { migrate } from "../db/migrate";
import { isPostgresUrl, resolveDbUrl } from "../db/url";
import { AdminAuth } from "../http/admin-auth";
import { SessionStore } from "../sessions/store";

export async function runPrimary(requested: number, log: (line: string) => void = console.log): Promise<void> {
  const n = requested === 0 ? availableParallelism() : requested;
  const dbUrl = resolveDbUrl(undefined, { createFolder: false });
  if (!process.env.REDIS_URL || !isPostgresUrl(dbUrl))
    throw new Error("WORKERS needs DATABASE_URL=postgresql://… and REDIS_URL=redis://… (the workers share sessions through them; see docs/deploy.md).");
  // once, before the workers start: migrations, and the admin password (printed once if generated)
  const applied = await migrate(dbUrl);
  if (applied.length) log(`mechlab: applied migrations ${applied.join(", ")}`);
  const store = await SessionStore.open(dbUrl);
  await AdminAuth.init(store, log);
  await store.close();
  let stopping = false;
  let anyListening = false;
  const fork = () => cluster.fork({ MECHLAB_WORKER: "1" });
  for (let i = 0; i < n; i++) fork();
  log(`mechlab: ${n} worker processes on one port (WORKERS=${requested === 0 ? "auto" : requested})`);
  cluster.on("listening", () => (anyListening = true));
  cluster.on("exit", (w, code, signal) => {
    if (stopping) return;
    // a worker that fails before any worker ever listened is a start that cannot succeed (its line says why): stop, status 1
    if (!anyListening && code !== 0 && signal === null) {
      stopping = true;
      log(`mechlab: a worker could not start (its message is above); stopping`);
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill("SIGTERM");
      process.exitCode = 1;
      setTimeout(() => process.exit(1), 2_000).unref();
      return;
    }
    log(`mechlab: worker ${w.process.pid} ended (${signal ?? code}); starting another`);
    setTimeout(() => (stopping ? undefined : fork()), 500);
  });
  const stop = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
    const left = () => Object.values(cluster.workers ?? {}).filter(Boolean).length;
    const check = setInterval(() => {
      if (left() === 0) process.exit(0);
    }, 100);
    setTimeout(() => process.exit(0), 15_000).unref();
    check.unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
