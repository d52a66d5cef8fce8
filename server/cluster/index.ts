/**
 * Several server processes on one PostgreSQL database and one Redis (docs/deploy.md). Loaded only when
 * REDIS_URL is set (server/app.ts imports this file on demand), so the default single process on SQLite
 * neither loads a Redis client nor connects anywhere.
 *
 * PostgreSQL is the truth: sessions, leases (who owns which session, server/cluster/lease.ts) and every
 * stored decision. Redis carries what is only in flight: Socket.IO's rooms and broadcasts across
 * processes (the official Redis adapter), and requests to a session's owner (server/cluster/rpc.ts).
 */
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Server } from "socket.io";
import { createAdapter } from "@socket.io/redis-adapter";
import { Redis } from "ioredis";
import pg from "pg";
import { redactUrl } from "../db/url";
import type { SessionManager } from "../sessions/manager";
import { DATABASE_NOW_MS, DatabaseClock } from "./db-clock";
import { throttledRedisLog } from "./error-log";
import { adminForwarding } from "./http-forward";
import { LeaseTable } from "./lease";
import { LeaseKeeper, LoopRenewer, type LeaseRenewer } from "./lease-keeper";
import { ClusterNode } from "./node";
import { clusterRouter, type ClusterRouter } from "./router";
import { NodeRpc } from "./rpc";
import type { ClusterConfig } from "./config";
import { subscriberOf } from "./subscriber";

export interface Cluster {
  node: ClusterNode;
  /** The time of every session of this process: the database's clock (server/cluster/db-clock.ts). */
  clock: DatabaseClock;
  /** Socket.IO's Redis adapter (pass it to `new Server(…, { adapter })`). */
  adapter: ReturnType<typeof createAdapter>;
  /** Start serving: sockets and admin requests are routed to each session's owner. */
  attach(manager: SessionManager, io: Server, adminRoute: (req: IncomingMessage, res: ServerResponse, url: URL, method: string) => Promise<void>): {
    router: ClusterRouter;
    forward: (req: IncomingMessage, res: ServerResponse, url: URL, method: string) => Promise<boolean>;
  };
  /** Run `fn` while no other process of the cluster runs its own `exclusive` (a PostgreSQL advisory lock). */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** How long after Redis is back this process's participants get their current views (presence checks first). */
const RESYNC_AFTER_MS = 2 * 3_000;

/** Send every participant socket on this process its current view (asked from the session's owner). */
export async function resendViews(io: Server, router: ClusterRouter, log: (line: string) => void): Promise<void> {
  let sent = 0;
  for (const socket of io.of("/").sockets.values()) {
    const { pid, sessionId } = socket.data as { pid?: unknown; sessionId?: unknown };
    if (typeof pid !== "string" || typeof sessionId !== "string") continue;
    const msg = await router.participantView(sessionId, pid);
    if (msg) {
      socket.emit("p:view", msg);
      sent++;
    }
  }
  log(`cluster: Redis is back; sent ${sent} participant(s) their current view`);
}

/** How long a starting process waits for Redis to answer. */
const REDIS_START_MS = 10_000;

/** Resolves once `r` is connected; rejects (and disconnects it) when it is not within `ms`, naming REDIS_URL. */
export async function redisReady(r: Redis, url: string, ms: number): Promise<void> {
  if (r.status === "ready") return;
  let last = "";
  const onError = (e: Error) => (last = e.message);
  r.on("error", onError);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Redis at REDIS_URL (${redactUrl(url)}) did not answer within ${ms / 1000} s${last ? ` (${last})` : ""}; check REDIS_URL and that Redis runs`)), ms);
      r.once("ready", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  } catch (e) {
    r.disconnect();
    throw e;
  } finally {
    r.off("error", onError);
  }
}

/** The advisory lock key of start-up steps that must not run in two processes at once. */
const START_LOCK = 727073691;

export async function startCluster(cfg: ClusterConfig): Promise<Cluster> {
  const id = `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
  const redisError = throttledRedisLog(cfg.log);
  const redis = () => {
    const r = new Redis(cfg.redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: true });
    r.on("error", redisError);
    return r;
  };
  const pub = redis();
  // at start Redis must answer: otherwise the process would retry for ever without ever listening
  await redisReady(pub, cfg.redisUrl, REDIS_START_MS);
  const sub = subscriberOf(pub);
  const rpcSub = subscriberOf(pub);
  sub.on("error", redisError);
  rpcSub.on("error", redisError);
  const pool = new pg.Pool({ connectionString: cfg.dbUrl, max: 4 });
  pool.on("error", (e) => cfg.log(`cluster: idle PostgreSQL connection closed: ${e.message}`));
  // deadlines are absolute times that another process may have to keep: all count by the database's clock
  const clock = await DatabaseClock.start(async () => Number((await pool.query<{ ms: number }>(`SELECT ${DATABASE_NOW_MS} AS "ms"`)).rows[0]!.ms), cfg.log);
  const rpc = new NodeRpc(pub, rpcSub, id, cfg.prefix);
  await rpc.start();
  const pattern = `${cfg.prefix}rpc:`;
  const listNodes = async () => ((await pub.pubsub("CHANNELS", `${pattern}*`)) as string[]).map((c) => c.slice(pattern.length));
  const lease = new LeaseTable(pool, id, cfg.ttlMs);
  const renewer: LeaseRenewer = await LeaseKeeper.start({ dbUrl: cfg.dbUrl, owner: id, ttlMs: cfg.ttlMs, stallMs: cfg.stallMs }, lease, cfg.log).catch((e: Error) => {
    cfg.log(`cluster: ${e.message}; renewing the leases on the main event loop instead`);
    return new LoopRenewer(lease, cfg.log);
  });
  const node = new ClusterNode(lease, rpc, renewer, listNodes, { ttlMs: cfg.ttlMs, scanMs: cfg.scanMs, bootWindowMs: cfg.bootWindowMs }, cfg.log);
  // the Socket.IO adapter publishes broadcasts without awaiting them: while Redis is away each would be an
  // unhandled rejection; count them instead, and say once per outage how many broadcasts were dropped
  const adapterPub = pub.duplicate();
  adapterPub.on("error", () => undefined); // reported by pub's handler already
  let dropped = 0;
  const publish = adapterPub.publish.bind(adapterPub) as (channel: string, message: string | Buffer) => Promise<number>;
  (adapterPub as unknown as { publish: typeof publish }).publish = (channel, message) => {
    const sent = publish(channel, message);
    sent.catch(() => void dropped++);
    return sent;
  };
  adapterPub.on("ready", () => {
    if (dropped) cfg.log(`cluster: Redis is back; ${dropped} broadcast(s) were dropped while it was away`);
    dropped = 0;
  });
  const adapter = createAdapter(adapterPub, sub, { key: `${cfg.prefix}socket.io` });
  cfg.log(`cluster: process ${id} (lease ${cfg.ttlMs} ms, renewed while the event loop answers within ${cfg.stallMs} ms, Redis prefix "${cfg.prefix}")`);
  let router: ClusterRouter | null = null;
  return {
    node,
    clock,
    adapter,
    attach(manager, io, adminRoute) {
      // a process cut off from Redis (server/cluster/node.ts `cutOff`) closes new connections instead of
      // refusing them, so the pages connect again, through the balancer, to a process that can serve them
      io.use((socket, next) => (node.cutOff ? socket.conn.close() : next()));
      const r = (router = clusterRouter(node, manager, io, { prefix: cfg.prefix, log: cfg.log }));
      const forward = adminForwarding(rpc, r, adminRoute);
      node.start(manager, io);
      // after Redis was away, the views sent meanwhile never reached this process's participants: once it is
      // back (and presence settled), each gets its current view from its session's owner
      let away = false;
      pub.on("reconnecting", () => (away = true));
      pub.on("ready", () => {
        if (!away) return;
        away = false;
        setTimeout(() => void resendViews(io, r, cfg.log), RESYNC_AFTER_MS).unref();
      });
      return { router: r, forward };
    },
    async exclusive(fn) {
      const c = await pool.connect();
      try {
        await c.query("SELECT pg_advisory_lock($1)", [START_LOCK]);
        return await fn();
      } finally {
        await c.query("SELECT pg_advisory_unlock($1)", [START_LOCK]).catch(() => undefined);
        c.release();
      }
    },
    async close() {
      node.stop();
      clock.stop();
      router?.stop();
      rpc.close();
      await Promise.allSettled([pub.quit(), adapterPub.quit(), sub.quit(), rpcSub.quit()]);
      await renewer.stop();
      await pool.end();
    },
  };
}
