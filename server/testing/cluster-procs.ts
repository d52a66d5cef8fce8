/**
 * Cluster processes for the multi-process tests (server/cluster/*.test.ts): start one server process
 * (server/testing/cluster-node.ts) with an environment, stop them all, and wait for a condition.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { ADMIN_PASSWORD } from "./harness";

export interface ClusterProc {
  proc: ChildProcess;
  port: number;
  /** The process's log lines (stderr), when it was started with `captureLog` (else they go to this process's stderr). */
  log: string[];
}

/** The sessions the multi-process tests play: unregulated IDS, two groups of four, untimed results, 120 s decisions. */
export function twoGroupsOfFour(name: string, rounds: number) {
  return {
    name,
    game: "ids-investment",
    groups: 2,
    params: { alpha: [10, 10, 10, 10], W: [[1, 0.3, 0.3, 0.3], [0.3, 1, 0.3, 0.3], [0.3, 0.3, 1, 0.3], [0.3, 0.3, 0.3, 1]], c: [1, 1, 1, 1], xMax: 5, rounds, decisionSeconds: 120, resultsSeconds: null },
    intro: { quiz: [] },
    dropout: { policy: "wait" },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Poll `fn` every 50 ms until it returns something truthy; throws after `ms`. */
export async function until<T>(what: string, fn: () => Promise<T | null | undefined | false> | T | null | undefined | false, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/**
 * The environment of a test cluster process: the database and Redis, a Redis prefix of this test run's own
 * (tests share one Redis), 3 s leases, the tests' admin password.
 */
export function clusterEnv(dbUrl: string, redisUrl: string, prefix = `mechlab-test-${process.pid}-${randomBytes(3).toString("hex")}:`): Record<string, string> {
  return { DATABASE_URL: dbUrl, REDIS_URL: redisUrl, MECHLAB_REDIS_PREFIX: prefix, MECHLAB_LEASE_MS: "3000", ADMIN_PASSWORD, NODE_ENV: "production" };
}

/** One server process on PostgreSQL + Redis (from `env`); resolves once it listens. `captureLog`: keep its log lines (CLUSTER_NODE_LOG=1). */
export function startClusterProc(env: Record<string, string>, opts: { captureLog?: boolean } = {}): Promise<ClusterProc> {
  const proc = spawn(process.execPath, ["--import", "tsx", "server/testing/cluster-node.ts"], {
    env: { ...process.env, ...env, ...(opts.captureLog ? { CLUSTER_NODE_LOG: "1" } : {}) },
    stdio: ["ignore", "pipe", opts.captureLog ? "pipe" : "inherit"],
  });
  const log: string[] = [];
  proc.stderr?.on("data", (d: Buffer) => log.push(...d.toString().split("\n").filter(Boolean)));
  return new Promise((res, rej) => {
    proc.stdout!.on("data", (d: Buffer) => {
      const m = /PORT (\d+)/.exec(d.toString());
      if (m) res({ proc, port: Number(m[1]), log });
    });
    proc.on("exit", (c) => rej(new Error(`cluster node exited with ${c} before listening`)));
  });
}

/** SIGTERM every process still running (SIGCONT first, for one that was stopped) and wait for them. */
export async function stopClusterProcs(procs: readonly ClusterProc[]): Promise<void> {
  await Promise.all(
    procs.map(
      (n) =>
        new Promise<void>((r) => {
          if (n.proc.exitCode !== null || n.proc.signalCode !== null) return r();
          n.proc.once("exit", () => r());
          n.proc.kill("SIGCONT");
          n.proc.kill("SIGTERM");
        }),
    ),
  );
}
