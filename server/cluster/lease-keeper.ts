/**
 * Keeps this process's leases alive (server/cluster/lease.ts) from a worker thread with its own
 * PostgreSQL connection (server/cluster/lease-worker.ts), guarded by a heartbeat from the main event
 * loop:
 * - a main loop blocked for less than `stallMs` (an overloaded machine, a long synchronous step) keeps
 *   its leases: the worker renews them meanwhile, so the writes in flight are not refused by the fence;
 * - a main loop silent for longer than `stallMs` is taken for hung: the worker stops renewing and gives
 *   every lease up, so the others take the sessions over at most `stallMs + ttlMs` after it stopped.
 * Safety does not depend on any of this: every write still carries the fencing check.
 * `LoopRenewer` renews on the main loop instead (used if the worker cannot start).
 */
import { Worker } from "node:worker_threads";
import { fileURLToPath } from "node:url";
import type { LeaseTable } from "./lease";

export interface KeeperSettings {
  dbUrl: string;
  owner: string;
  ttlMs: number;
  /** Longest silence of the main event loop under which the leases are still renewed. */
  stallMs: number;
}

export type ToKeeper = { k: "beat" } | { k: "hold"; id: string; token: number } | { k: "drop"; id: string; token?: number } | { k: "stop" };
export type FromKeeper =
  | { k: "ready" }
  | { k: "renewed"; held: [string, number][]; kept: string[] }
  | { k: "stalled"; held: [string, number][]; silentMs: number }
  | { k: "error"; message: string };

/** Leases found lost (session id → token), and why. */
export type LostHandler = (lost: [string, number][], why: string) => void;

export interface LeaseRenewer {
  /** Renew this lease from now on. */
  hold(id: string, token: number): void;
  /** Stop renewing it (released, or found lost). */
  drop(id: string, token?: number): void;
  onLost(fn: LostHandler): void;
  stop(): Promise<void>;
}

const WORKER = fileURLToPath(new URL("./lease-worker-entry.mjs", import.meta.url));

export class LeaseKeeper implements LeaseRenewer {
  private lost: LostHandler = () => undefined;
  private stopped = false;
  /** What the worker renews (so that the main loop can take over if the worker dies). */
  private readonly held = new Map<string, number>();
  /** Renewals on the main loop after the worker died (null while it runs). */
  private fallback: LoopRenewer | null = null;
  private constructor(
    private readonly worker: Worker,
    private readonly beat: NodeJS.Timeout,
  ) {}

  /**
   * Start the worker; resolves once it runs (rejects if it cannot start within `startMs`). Should it
   * end later, the leases are renewed on the main loop with `lease` from then on.
   */
  static start(settings: KeeperSettings, lease: LeaseTable, log: (line: string) => void, startMs = 30_000): Promise<LeaseKeeper> {
    const worker = new Worker(WORKER, { workerData: settings });
    return new Promise((resolve, reject) => {
      const fail = (e: Error) => {
        clearTimeout(timer);
        void worker.terminate();
        reject(e);
      };
      const timer = setTimeout(() => fail(new Error(`the lease keeper did not start within ${startMs} ms`)), startMs);
      worker.once("error", fail);
      worker.once("message", (m: FromKeeper) => {
        if (m.k !== "ready") return fail(new Error(`the lease keeper sent ${m.k} first`));
        clearTimeout(timer);
        worker.off("error", fail);
        const beat = setInterval(() => worker.postMessage({ k: "beat" } satisfies ToKeeper), Math.max(20, Math.min(250, Math.floor(settings.stallMs / 4))));
        beat.unref();
        const keeper = new LeaseKeeper(worker, beat);
        worker.on("message", (msg: FromKeeper) => keeper.receive(msg, log));
        worker.on("error", (e) => log(`cluster: the lease keeper failed: ${e.message}`));
        worker.on("exit", (code) => {
          if (keeper.stopped) return;
          log(`cluster: the lease keeper ended (${code}); renewing the leases on the main event loop from now on`);
          clearInterval(beat);
          const loop = new LoopRenewer(lease, log);
          loop.onLost((lost, why) => keeper.lost(lost, why));
          for (const [id, token] of keeper.held) loop.hold(id, token);
          keeper.fallback = loop;
        });
        worker.unref();
        resolve(keeper);
      });
    });
  }

  private receive(m: FromKeeper, log: (line: string) => void) {
    if (m.k === "renewed") {
      const kept = new Set(m.kept);
      const lost = m.held.filter(([id]) => !kept.has(id));
      if (lost.length) this.lost(lost, "taken over by another process");
    } else if (m.k === "stalled") {
      this.lost(m.held, `this process's event loop did not answer for ${m.silentMs} ms; given up so that others take them over`);
    } else if (m.k === "error") log(`cluster: renewing the leases failed: ${m.message}`);
  }

  hold(id: string, token: number): void {
    this.held.set(id, token);
    if (this.fallback) this.fallback.hold(id, token);
    else this.worker.postMessage({ k: "hold", id, token } satisfies ToKeeper);
  }

  drop(id: string, token?: number): void {
    if (token === undefined || this.held.get(id) === token) this.held.delete(id);
    if (this.fallback) this.fallback.drop(id, token);
    else this.worker.postMessage({ k: "drop", id, ...(token === undefined ? {} : { token }) } satisfies ToKeeper);
  }

  onLost(fn: LostHandler): void {
    this.lost = (lost, why) => {
      for (const [id, token] of lost) if (this.held.get(id) === token) this.held.delete(id);
      fn(lost, why);
    };
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.beat);
    await this.fallback?.stop();
    if (this.fallback) return;
    const ended = new Promise<void>((r) => this.worker.once("exit", () => r()));
    this.worker.postMessage({ k: "stop" } satisfies ToKeeper);
    const t = setTimeout(() => void this.worker.terminate(), 2000);
    await ended;
    clearTimeout(t);
  }
}

/** Renewals on the main event loop (every third of the lease): a loop blocked for long loses them. */
export class LoopRenewer implements LeaseRenewer {
  private readonly held = new Map<string, number>();
  private lost: LostHandler = () => undefined;
  private running = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly lease: LeaseTable,
    log: (line: string) => void,
  ) {
    this.timer = setInterval(() => {
      if (this.running || this.held.size === 0) return;
      this.running = true;
      const snapshot = new Map(this.held);
      this.lease
        .renew(snapshot)
        .then((kept) => {
          const lost = [...snapshot].filter(([id, token]) => !kept.has(id) && this.held.get(id) === token);
          for (const [id] of lost) this.held.delete(id);
          if (lost.length) this.lost(lost, "taken over by another process");
        })
        .catch((e: Error) => log(`cluster: renewing the leases failed: ${e.message}`))
        .finally(() => (this.running = false));
    }, Math.max(100, Math.floor(lease.ttlMs / 3)));
    this.timer.unref();
  }

  hold(id: string, token: number): void {
    this.held.set(id, token);
  }

  drop(id: string, token?: number): void {
    if (token === undefined || this.held.get(id) === token) this.held.delete(id);
  }

  onLost(fn: LostHandler): void {
    this.lost = fn;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
  }
}
