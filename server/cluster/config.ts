/**
 * Whether this process is one of several (REDIS_URL set) and the cluster's settings. Kept apart from
 * server/cluster/index.ts so that reading it loads no Redis client.
 */
import { clusterDatabaseProblem } from "../../scripts/cluster-database.mjs";

export interface ClusterConfig {
  redisUrl: string;
  dbUrl: string;
  /** Prefix of every Redis channel (several deployments or test runs on one Redis). */
  prefix: string;
  ttlMs: number;
  /** Leases are renewed only while the main event loop answered within this long (server/cluster/lease-keeper.ts). */
  stallMs: number;
  scanMs: number;
  bootWindowMs: number | null;
  log: (line: string) => void;
}

/** The cluster settings from the environment, or null when REDIS_URL is unset (one process). */
export function clusterConfigFromEnv(env: Record<string, string | undefined>, dbUrl: string, bootWindowMs: number | null, log: (line: string) => void): ClusterConfig | null {
  const redisUrl = env.REDIS_URL;
  if (!redisUrl) return null;
  const problem = clusterDatabaseProblem(redisUrl, dbUrl);
  if (problem) throw new Error(problem);
  // ioredis takes anything else for the path of a Unix socket and retries it for the whole start-up wait
  if (!/^rediss?:\/\/[^/]/.test(redisUrl)) throw new Error(`REDIS_URL must start with redis:// or rediss:// (e.g. redis://127.0.0.1:6379; got "${redisUrl.replace(/\/\/[^@/]*@/, "//***@")}").`);
  const ms = (name: string, dflt: number, min: number) => {
    const v = env[name];
    if (v === undefined || v === "") return dflt;
    const n = Number(v);
    if (!Number.isFinite(n) || n < min) throw new Error(`${name} must be a number of milliseconds ≥ ${min} (got "${v}").`);
    return n;
  };
  const ttlMs = ms("MECHLAB_LEASE_MS", 3000, 300);
  return {
    redisUrl,
    dbUrl,
    prefix: env.MECHLAB_REDIS_PREFIX ?? "mechlab:",
    ttlMs,
    // twice the lease: a 3.4 s stall of a busy process at load 8 on 2 cores gave all its sessions up with 1×
    stallMs: ms("MECHLAB_LEASE_STALL_MS", 2 * ttlMs, 100),
    scanMs: ms("MECHLAB_CLUSTER_SCAN_MS", 1000, 50),
    bootWindowMs,
    log,
  };
}


/**
 * WORKERS=N: how many processes `npm start` runs on this machine (1 when unset). More than one needs
 * REDIS_URL and a PostgreSQL DATABASE_URL, like several machines do.
 */
export function workersFromEnv(env: Record<string, string | undefined>): number {
  const v = env.WORKERS;
  if (v === undefined || v === "" || v === "1") return 1;
  const n = v === "auto" ? 0 : Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 64) throw new Error(`WORKERS must be a whole number from 1 to 64, or "auto" for one per core (got "${v}").`);
  return n;
}
