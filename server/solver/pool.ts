/**
 * SolverPool: long pure computations (equilibria, mechanism runs) in worker threads, so that the
 * event loop keeps serving every live session while they run. A job names a module and one of its
 * exported functions; the worker imports it (TypeScript through tsx, like the server) and posts the
 * result back by structured clone. Jobs queue per pool; a worker that dies is replaced and its job
 * fails with a message. A job may have a deadline (`timeoutMs`, counted from when it was asked for): past
 * it, a queued job is dropped and a running one's worker is stopped (and replaced for the next job).
 */
import { Worker } from "node:worker_threads";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const WORKER = fileURLToPath(new URL("./worker-entry.mjs", import.meta.url));

const Reply = z.union([
  z.strictObject({ id: z.number().int(), ok: z.literal(true), value: z.unknown() }),
  z.strictObject({ id: z.number().int(), ok: z.literal(false), error: z.string() }),
]);

interface Job {
  readonly id: number;
  readonly module: string;
  readonly fn: string;
  readonly input: unknown;
  readonly resolve: (v: unknown) => void;
  readonly reject: (e: Error) => void;
}

/** The error of a job that passed its deadline (`SolverPool.run`'s `timeoutMs`). */
export class SolverTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`the computation took longer than ${timeoutMs / 1000} s and was stopped`);
  }
}

interface Slot {
  worker: Worker;
  job: Job | null;
}

export class SolverPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  /** `size` worker threads (default 1: the solves are single-threaded and the machine is shared). */
  constructor(private readonly size = 1) {}

  /**
   * Run `fn(input)` exported by `module` (an absolute path) in a worker; resolves with its result. With
   * `timeoutMs`, rejects with a `SolverTimeoutError` once that long has passed without a result (waiting in
   * the queue included), and the worker running it is stopped, so the next job does not wait for it.
   */
  run(module: string, fn: string, input: unknown, opts: { timeoutMs?: number } = {}): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error("the solver pool is closed"));
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const settle =
        <A>(f: (a: A) => void) =>
        (a: A) => {
          clearTimeout(timer);
          f(a);
        };
      const job: Job = { id: this.nextId++, module, fn, input, resolve: settle(resolve), reject: settle(reject) };
      if (opts.timeoutMs !== undefined) {
        const ms = opts.timeoutMs;
        timer = setTimeout(() => this.expire(job, ms), ms);
        timer.unref();
      }
      this.queue.push(job);
      this.pump();
    });
  }

  /** `job` passed its deadline: out of the queue, or its worker stopped (the slot is replaced by the next pump). */
  private expire(job: Job, ms: number): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      job.reject(new SolverTimeoutError(ms));
      return;
    }
    const slot = this.slots.find((s) => s.job === job);
    if (!slot) return; // answered meanwhile
    slot.job = null;
    this.slots.splice(this.slots.indexOf(slot), 1);
    job.reject(new SolverTimeoutError(ms));
    void slot.worker.terminate();
    this.pump();
  }

  /** Jobs waiting or running. */
  get pending(): number {
    return this.queue.length + this.slots.filter((s) => s.job !== null).length;
  }

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(WORKER), job: null };
    slot.worker.on("message", (msg: unknown) => {
      const reply = Reply.safeParse(msg);
      const job = slot.job;
      if (!reply.success || !job || reply.data.id !== job.id) return;
      slot.job = null;
      if (reply.data.ok) job.resolve(reply.data.value);
      else job.reject(new Error(reply.data.error));
      this.pump();
    });
    const lost = (why: string) => {
      const job = slot.job;
      slot.job = null;
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots.splice(i, 1);
      job?.reject(new Error(`the solver worker stopped (${why})`));
      this.pump();
    };
    slot.worker.on("error", (e) => lost(e.message));
    slot.worker.on("exit", (code) => lost(`exit code ${code}`));
    this.slots.push(slot);
    return slot;
  }

  private pump(): void {
    while (!this.closed && this.queue.length > 0) {
      const slot = this.slots.find((s) => s.job === null) ?? (this.slots.length < this.size ? this.spawn() : null);
      if (!slot) return;
      const job = this.queue.shift();
      if (!job) return;
      slot.job = job;
      try {
        slot.worker.postMessage({ id: job.id, module: job.module, fn: job.fn, input: job.input });
      } catch (e) {
        // an input that cannot be cloned (too deep, a function, …) fails its job and frees the slot
        slot.job = null;
        job.reject(new Error(`the solver job could not be sent to its worker (${e instanceof Error ? e.message : String(e)})`));
      }
    }
  }

  /** Stop the workers; queued and running jobs fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error("the solver pool is closed"));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
