/**
 * Steps for the browser tests of the deployments with several processes (docs/deploy.md §3): a fresh
 * PostgreSQL database, `npm start` processes started as an operator would (scripts/start.mjs with the
 * environment of the docs), and which process holds which TCP connection (read from /proc, so the test
 * sees where the browser's sockets really landed without the server having to expose it).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, readdirSync, readlinkSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const PG = process.env.MECHLAB_TEST_PG_URL;
export const REDIS = process.env.MECHLAB_TEST_REDIS_URL;
/**
 * First of the ports these tests use: 1000 above the browser tests' own server port (MECHLAB_E2E_PORT),
 * so checkouts that run their browser tests at once on neighbouring ports do not meet here either.
 */
export const BASE_PORT = Number(process.env.MECHLAB_E2E_PORT ?? 3123) + 1000;
export const ADMIN_PASSWORD = "e2e-secret";

/** A fresh PostgreSQL database (the server tests' own helper, which waits for connections to close before dropping). */
export { freshPostgres as freshDatabase, type TestDb as TestDatabase } from "../server/testing/test-db";

export interface Started {
  /** `npm start`'s own process (scripts/start.mjs). */
  proc: ChildProcess;
  /** The processes that serve (one, or the node:cluster workers), from their "ready on" lines. */
  servers: number[];
  output: () => string;
  /** SIGTERM, then SIGKILL whatever is left after 15 s. */
  stop(): Promise<void>;
}

/** `npm start` (scripts/start.mjs) with `env`; resolves once `serving` processes said "ready on". */
export function npmStart(env: Record<string, string>, serving: number, ms = 120_000): Promise<Started> {
  const proc = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: ROOT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", MECHLAB_QUIET: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const servers: number[] = [];
  const exited = new Promise<void>((r) => proc.once("exit", () => r()));
  const started: Started = {
    proc,
    servers,
    output: () => out,
    stop: async () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGTERM");
      const timer = setTimeout(() => {
        proc.kill("SIGKILL");
        for (const pid of servers) killQuietly(pid);
      }, 15_000);
      await exited;
      clearTimeout(timer);
      for (const pid of servers) killQuietly(pid);
    },
  };
  return new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`npm start: not ready after ${ms} ms:\n${out.slice(-3000)}`)), ms);
    const onData = (d: Buffer) => {
      out += d.toString();
      for (const m of d.toString().matchAll(/ready on \S+ \((?:worker|process) (\d+)\)/g)) servers.push(Number(m[1]));
      if (servers.length >= serving) {
        clearTimeout(timer);
        res(started);
      }
    };
    proc.stdout!.on("data", onData);
    proc.stderr!.on("data", (d: Buffer) => (out += d.toString()));
    proc.once("exit", (code) => {
      clearTimeout(timer);
      rej(new Error(`npm start exited with ${code}:\n${out.slice(-3000)}`));
    });
  });
}

function killQuietly(pid: number) {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // already gone
  }
}

/** Inodes of the established TCP connections whose local port is `port` (this machine's /proc/net/tcp*). */
function establishedInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10) continue;
      const local = Number.parseInt(f[1]!.split(":")[1]!, 16);
      if (local === port && f[3] === "01") inodes.add(f[9]!); // 01 = ESTABLISHED
    }
  }
  return inodes;
}

/** How many established connections on `port` each process holds (same order as `pids`). */
export function connectionsByProcess(port: number, pids: number[]): number[] {
  const inodes = establishedInodes(port);
  return pids.map((pid) => {
    let n = 0;
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      return 0;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m && inodes.has(m[1]!)) n++;
      } catch {
        // closed meanwhile
      }
    }
    return n;
  });
}

/** Whether /proc shows this machine's sockets (Linux). */
export const canSeeConnections = (() => {
  try {
    readFileSync("/proc/net/tcp", "utf8");
    return true;
  } catch {
    return false;
  }
})();
