/**
 * Builds the whole platform on one HTTP server: /api (JSON), Socket.io, and (optionally) Next.js pages.
 * Tests build it without Next; `server/index.ts` builds it with Next for `npm start`.
 */
import { LOCAL_REQUEST_HEADER } from "../lib/protocol/join-address";
import { clientAddress } from "./security/client-address";
import { createServer, type IncomingMessage, type ServerResponse, type Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents } from "../lib/protocol/events";
import type { Db } from "./db/client";
import { migrate } from "./db/migrate";
import { createDbFolder, isPostgresUrl, resolveDbUrl } from "./db/url";
import { holdProcessLock, type ProcessLock } from "./db/process-lock";
import { holdSqliteLock } from "./db/sqlite-lock";
import { AdminAuth } from "./http/admin-auth";
import { handleApi, type ApiDeps } from "./http/api";
import { answerSlowBodies, BODY_DEADLINE_MS, decodeSegment } from "./http/respond";
import { adminRoute } from "./http/admin-routes";
import { clusterConfigFromEnv } from "./cluster/config";
import { CONNECT_TIMEOUT_MS, RealtimeGuard, realtimeLimitsFromEnv, type RealtimeLimits } from "./realtime/limits";
import { attachSockets } from "./realtime/sockets";
import { idlePolicyFromEnv, type IdlePolicy } from "./sessions/idle";
import { securityConfigFromEnv, type SecurityConfig } from "./security/config";
import { capConnections, connectionsPerAddressFromEnv } from "./security/connection-cap";
import { addApiHeaders, setApiHeaders, setPageHeaders } from "./security/headers";
import { createHttpLimits, pageLimitsFromEnv, type HttpLimits } from "./security/limits";
import { countsAsPage, refusePage } from "./security/page-limit";
import { SessionManager } from "./sessions/manager";
import { SessionStore } from "./sessions/store";
import { SolverPool } from "./solver/pool";

/** How long the launch check's figures may take to draw in their worker before the page is told they were left out. */
export const FIGURE_TIMEOUT_MS = 20_000;

/**
 * How long and how many connections one client may hold on the HTTP server. Node's defaults (60 s for the
 * headers, 300 s for a request) let a client that trickles bytes hold a file descriptor for minutes.
 * `requestTimeout` covers receiving a request only: a websocket (once upgraded) and a Socket.IO long-poll
 * (a short request whose answer is held up to `pingInterval`) are not cut.
 */
export interface ConnectionLimits {
  /** Open TCP connections per client address (MECHLAB_CONNECTIONS_PER_ADDRESS; server/security/connection-cap.ts). */
  perAddress: number;
  /** A request's headers must arrive within this (also: a new connection that sends nothing is closed after it). */
  headersTimeoutMs: number;
  /** A whole request (headers and body) must arrive within this. */
  requestTimeoutMs: number;
  /** A JSON body must arrive within this once a route reads it (server/http/respond.ts; 408 with a message). */
  bodyDeadlineMs: number;
}

export const HTTP_TIMEOUTS = { headersTimeoutMs: 15_000, requestTimeoutMs: 30_000, bodyDeadlineMs: BODY_DEADLINE_MS } as const;

/** How often Node looks for connections past `headersTimeoutMs`/`requestTimeoutMs` (its default, 30 s, would let them live that much longer). */
const CONNECTIONS_CHECK_MS = 1_000;

/** 127.0.0.0/8, ::1 and their IPv4-mapped forms. */
export function isLoopbackAddress(address: string): boolean {
  const a = address.replace(/^::ffff:/i, "");
  return a === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

/**
 * A page address whose %-escapes do not decode (`/p/%E0%A4%A`) with each `%` taken literally
 * (`/p/%25E0%25A4%25A`); any other address unchanged. Next answers a path it cannot decode with a bare
 * 500; this way the page gets a segment that no link token or session id has and shows its usual
 * "This link is not valid" state.
 */
export function literalPercents(url: string): string {
  const q = url.indexOf("?");
  const path = q < 0 ? url : url.slice(0, q);
  if (decodeSegment(path) !== null) return url;
  return path.replaceAll("%", "%25") + (q < 0 ? "" : url.slice(q));
}

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
  /** How long the launch check's figures may take to draw (default FIGURE_TIMEOUT_MS; tests shorten it). */
  figureTimeoutMs?: number;
  /** Overrides of the settings read from the environment (server/security/config.ts). */
  security?: Partial<SecurityConfig>;
  /** The HTTP rate limits (tests pass their own with a frozen clock). */
  httpLimits?: HttpLimits;
  /** Next in development mode (its pages need 'unsafe-eval'). */
  dev?: boolean;
  /** Overrides of the connection limits and timeouts (tests pass short ones). */
  connections?: Partial<ConnectionLimits>;
}

export interface MechlabApp {
  http: HttpServer;
  io: Server<ClientToServerEvents, ServerToClientEvents>;
  realtime: { viewsRemembered(): number };
  /** Open TCP connections counted for an address (and its IPv6 /64). */
  connections: { openFrom(address: string): number };
  manager: SessionManager;
  store: SessionStore;
  db: Db;
  dbUrl: string;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

export async function createMechlabApp(opts: AppOptions = {}): Promise<MechlabApp> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const dbUrl = resolveDbUrl(opts.dbUrl, { createFolder: false });
  const idle = { ...idlePolicyFromEnv(process.env, log), ...opts.idle };
  // several processes (REDIS_URL): loaded only then, so one process on SQLite never touches Redis; the
  // settings are checked before the database is touched (REDIS_URL with SQLite creates no file)
  const clusterConfig = clusterConfigFromEnv(process.env, dbUrl, Number.isFinite(idle.bootWindowMs) ? idle.bootWindowMs : null, log);
  createDbFolder(dbUrl);
  // SQLite: one process per file (server/db/sqlite-lock.ts), taken before anything is read or migrated
  const sqliteLock = isPostgresUrl(dbUrl) ? null : holdSqliteLock(dbUrl);
  const applied = await migrate(dbUrl);
  if (applied.length) log(`mechlab: applied migrations ${applied.join(", ")}`);
  const store = await SessionStore.open(dbUrl);
  const db = store.db;
  // PostgreSQL: one process without Redis alone, or the processes of one cluster (server/db/process-lock.ts)
  let processLock: ProcessLock | null;
  try {
    processLock = isPostgresUrl(dbUrl) ? await holdProcessLock(dbUrl, clusterConfig ? "cluster" : "single", log) : null;
  } catch (e) {
    await store.close();
    throw e;
  }
  const cluster = clusterConfig ? await (await import("./cluster/index")).startCluster(clusterConfig) : null;
  if (cluster) store.fence = cluster.node.fence;
  // processes starting together must agree on one stored password hash (admin sessions are tied to it)
  const auth = cluster ? await cluster.exclusive(() => AdminAuth.init(store, log)) : await AdminAuth.init(store, log);
  const solver = new SolverPool(1);
  const figures = new SolverPool(1);
  const manager = new SessionManager(store, {
    solver,
    figures: { pool: figures, timeoutMs: opts.figureTimeoutMs ?? FIGURE_TIMEOUT_MS },
    // several processes: the database's clock, so a session taken over keeps its deadlines (server/cluster/db-clock.ts)
    ...(opts.clock ? { clock: opts.clock } : cluster ? { clock: cluster.clock.now } : {}),
    ...(opts.botDelayMs !== undefined ? { botDelayMs: opts.botDelayMs } : {}),
    log: (l) => (process.env.MECHLAB_QUIET ? undefined : log(l)),
    idle,
    ...(cluster ? { claim: cluster.node.claim, release: cluster.node.release } : {}),
  });
  const security: SecurityConfig = { ...securityConfigFromEnv(), ...opts.security };
  const deps: ApiDeps = { manager, auth, security, limits: opts.httpLimits ?? createHttpLimits(Date.now, pageLimitsFromEnv(process.env, log)) };
  const connections: ConnectionLimits = { perAddress: connectionsPerAddressFromEnv(process.env, log), ...HTTP_TIMEOUTS, ...opts.connections };
  const timeouts = { headersTimeout: connections.headersTimeoutMs, requestTimeout: connections.requestTimeoutMs, connectionsCheckingInterval: CONNECTIONS_CHECK_MS };
  const http = createServer(timeouts, (req, res) => {
    answerSlowBodies(req, res, connections.bodyDeadlineMs);
    void (async () => {
      const path = (req.url ?? "/").split("?")[0]!;
      if (path.startsWith("/api/")) setApiHeaders(res);
      else setPageHeaders(req, res, opts.dev ?? false);
      if (await handleApi(req, res, deps)) return;
      if (opts.nextHandler) {
        // every page is rendered per request (CSP nonce): a bucket per address, and a few renders of it at once
        // (server/security/page-limit.ts)
        const address = clientAddress(req, security.trustProxy);
        if (countsAsPage(path)) {
          if (!deps.limits.pagesPerAddress.take(address)) return refusePage(req, res, deps.limits.pagesPerAddress.waitSeconds(address));
          const release = await deps.limits.pageRenders.acquire(address);
          res.once("close", release);
          // the client left while it waited
          if (res.destroyed || req.socket.destroyed) return release();
        }
        req.url = literalPercents(req.url ?? "/");
        // the session pages show this machine's LAN addresses only to a browser on this machine
        delete req.headers[LOCAL_REQUEST_HEADER];
        if (isLoopbackAddress(address)) req.headers[LOCAL_REQUEST_HEADER] = "1";
        await opts.nextHandler(req, res);
      } else res.writeHead(404).end("not found");
    })().catch((e: unknown) => {
      console.error("request failed:", e);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end("The server could not complete this request.");
    });
  });
  const cap = capConnections(http, connections.perAddress, security.trustProxy);
  const limits: RealtimeLimits = { ...realtimeLimitsFromEnv(process.env, log), ...opts.realtimeLimits };
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(http, {
    serveClient: false,
    pingInterval: 10_000,
    pingTimeout: 8_000,
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxHttpBufferSize: limits.maxMessageBytes,
    // WebSocket only, what mechlab's pages use: several processes keep a connection on one process from
    // handshake to close behind any balancer or node:cluster (HTTP long-polling would need sticky sessions);
    // and long-polling's JSONP variant let a page on another port of the same host (the same site) talk
    // Socket.IO through <script> and <form> requests that carry the admin's cookie and no Origin header (the
    // origin check of the handshake then passed: fresh-clone review B2, docs/security.md)
    transports: ["websocket"],
    ...(cluster ? { adapter: cluster.adapter } : {}),
  });
  io.engine.on("headers", addApiHeaders);
  // Socket.IO's refusals (e.g. 400 for long-polling) are written without the "headers" event: the response
  // gets the headers here, just before it is written (engine.io emits connection_error first)
  io.engine.on("connection_error", (e: { req?: { res?: ServerResponse } }) => {
    const res = e.req?.res;
    if (res && !res.headersSent) setApiHeaders(res);
  });
  const routed = cluster?.attach(manager, io as unknown as Server, (req, res, url, method) => adminRoute(req, res, url, method, manager));
  if (routed && cluster) deps.cluster = { join: (r) => routed.router.join(r), forward: routed.forward, cutOff: () => cluster.node.cutOff };
  const resumed = await manager.boot();
  if (resumed) log(`mechlab: resumed ${resumed} running session(s)`);
  if (cluster) cluster.node.booted = true;
  const realtime = attachSockets(io, manager, auth, new RealtimeGuard(limits, opts.clock), security, routed?.router);
  return {
    http,
    io,
    realtime,
    connections: cap,
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
      await figures.close(); // a figure being drawn is not waited for
      await manager.stop();
      await solver.close();
      await new Promise<void>((r) => io.close(() => r()));
      await cluster?.close();
      auth.stop();
      await store.close();
      await processLock?.release();
      sqliteLock?.release();
    },
  };
}
