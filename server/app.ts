/**
 * Builds the whole platform on one HTTP server: /api (JSON), Socket.io, and (optionally) Next.js pages.
 * Tests build it without Next; `server/index.ts` builds it with Next for `npm start`.
 */
import { createServer, type IncomingMessage, type ServerResponse, type Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents } from "../lib/protocol/events";
import type { Db } from "./db/client";
import { migrate } from "./db/migrate";
import { resolveDbUrl } from "./db/url";
import { AdminAuth } from "./http/admin-auth";
import { handleApi, type ApiDeps } from "./http/api";
import { adminRoute } from "./http/admin-routes";
import { clusterConfigFromEnv } from "./cluster/config";
import { CONNECT_TIMEOUT_MS, RealtimeGuard, realtimeLimitsFromEnv, type RealtimeLimits } from "./realtime/limits";
import { attachSockets } from "./realtime/sockets";
import { idlePolicyFromEnv, type IdlePolicy } from "./sessions/idle";
import { securityConfigFromEnv, type SecurityConfig } from "./security/config";
import { addApiHeaders, setApiHeaders, setPageHeaders } from "./security/headers";
import { createHttpLimits, type HttpLimits } from "./security/limits";
import { SessionManager } from "./sessions/manager";
import { SessionStore } from "./sessions/store";
import { SolverPool } from "./solver/pool";

export interface AppOptions {
  dbUrl?: string;
  /** Next's request handler; without it only /api and Socket.io are served. */
  nextHandler?: (req: IncomingMessage, res: ServerResponse) => unknown;
  clock?: () => number;
  botDelayMs?: number;
  log?: (line: string) => void;
  /** Overrides of the realtime limits read from the environment (server/realtime/limits.ts). */
  realtimeLimits?: Partial<RealtimeLimits>;
  /** Overrides of when sessions are unloaded and which are loaded at start (server/sessions/idle.ts). */
  idle?: Partial<IdlePolicy>;
  /** Overrides of the settings read from the environment (server/security/config.ts). */
  security?: Partial<SecurityConfig>;
  /** The HTTP rate limits (tests pass their own with a frozen clock). */
  httpLimits?: HttpLimits;
  /** Next in development mode (its pages need 'unsafe-eval'). */
  dev?: boolean;
}

export interface MechlabApp {
  http: HttpServer;
  io: Server<ClientToServerEvents, ServerToClientEvents>;
  realtime: { viewsRemembered(): number };
  manager: SessionManager;
  store: SessionStore;
  db: Db;
  dbUrl: string;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

export async function createMechlabApp(opts: AppOptions = {}): Promise<MechlabApp> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const dbUrl = resolveDbUrl(opts.dbUrl);
  const applied = await migrate(dbUrl);
  if (applied.length) log(`mechlab: applied migrations ${applied.join(", ")}`);
  const store = await SessionStore.open(dbUrl);
  const db = store.db;
  const idle = { ...idlePolicyFromEnv(process.env, log), ...opts.idle };
  // several processes (REDIS_URL): loaded only then, so one process on SQLite never touches Redis
  const clusterConfig = clusterConfigFromEnv(process.env, dbUrl, Number.isFinite(idle.bootWindowMs) ? idle.bootWindowMs : null, log);
  const cluster = clusterConfig ? await (await import("./cluster/index")).startCluster(clusterConfig) : null;
  if (cluster) store.fence = cluster.node.fence;
  // processes starting together must agree on one stored password hash (admin sessions are tied to it)
  const auth = cluster ? await cluster.exclusive(() => AdminAuth.init(store, log)) : await AdminAuth.init(store, log);
  const solver = new SolverPool(1);
  const manager = new SessionManager(store, {
    solver,
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.botDelayMs !== undefined ? { botDelayMs: opts.botDelayMs } : {}),
    log: (l) => (process.env.MECHLAB_QUIET ? undefined : log(l)),
    idle,
    ...(cluster ? { claim: cluster.node.claim, release: cluster.node.release } : {}),
  });
  const security: SecurityConfig = { ...securityConfigFromEnv(), ...opts.security };
  const deps: ApiDeps = { manager, auth, security, limits: opts.httpLimits ?? createHttpLimits() };
  const http = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? "/").split("?")[0]!;
      if (path.startsWith("/api/")) setApiHeaders(res);
      else setPageHeaders(req, res, opts.dev ?? false);
      if (await handleApi(req, res, deps)) return;
      if (opts.nextHandler) await opts.nextHandler(req, res);
      else res.writeHead(404).end("not found");
    })().catch((e: unknown) => {
      console.error("request failed:", e);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end("The server could not complete this request.");
    });
  });
  const limits: RealtimeLimits = { ...realtimeLimitsFromEnv(process.env, log), ...opts.realtimeLimits };
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(http, {
    serveClient: false,
    pingInterval: 10_000,
    pingTimeout: 8_000,
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxHttpBufferSize: limits.maxMessageBytes,
    // several processes: WebSocket only (what the browser uses), so a connection stays on one process from
    // handshake to close behind any balancer or node:cluster; HTTP long-polling would need sticky sessions
    ...(cluster ? { adapter: cluster.adapter, transports: ["websocket" as const] } : {}),
  });
  io.engine.on("headers", addApiHeaders);
  const routed = cluster?.attach(manager, io as unknown as Server, (req, res, url, method) => adminRoute(req, res, url, method, manager));
  if (routed) deps.cluster = { join: (r) => routed.router.join(r), forward: routed.forward };
  const resumed = await manager.boot();
  if (resumed) log(`mechlab: resumed ${resumed} running session(s)`);
  if (cluster) cluster.node.booted = true;
  const realtime = attachSockets(io, manager, auth, new RealtimeGuard(limits, opts.clock), security, routed?.router);
  return {
    http,
    io,
    realtime,
    manager,
    store,
    db,
    dbUrl,
    listen: (port, host = "127.0.0.1") =>
      new Promise((res, rej) => {
        http.once("error", rej);
        http.listen(port, host, () => {
          const a = http.address();
          res(typeof a === "object" && a ? a.port : port);
        });
      }),
    close: async () => {
      cluster?.node.stop();
      await manager.stop();
      await solver.close();
      await new Promise<void>((r) => io.close(() => r()));
      await cluster?.close();
      auth.stop();
      await store.close();
    },
  };
}
