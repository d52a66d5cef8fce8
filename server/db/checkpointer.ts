/**
 * SQLite's WAL checkpoints off the event loop. With `wal_autocheckpoint`, the commit that pushes the WAL
 * past the threshold copies the pages back into the database file and syncs it, inside `COMMIT`, on the
 * server's one thread: 33–41 ms per checkpoint in the load benchmark, five times in 20 seconds, each one
 * delaying every acknowledgement waiting behind it (docs/benchmarks.md, "Issue 13, fourth pass"). Here a
 * worker thread with its own connection runs `PRAGMA wal_checkpoint(PASSIVE)` every 5 s (a
 * passive checkpoint never waits for, nor blocks, the writer or readers), and the writer's connection
 * turns its automatic checkpoints off while the worker runs. Durability is unchanged: a transaction is
 * durable once committed to the WAL; a checkpoint only moves committed pages.
 */
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

const WORKER = fileURLToPath(new URL("./checkpoint-worker.mjs", import.meta.url));

/**
 * How often the thread checkpoints (ms). Every checkpoint copies the latest version of each page written
 * since the previous one, so checkpointing often copies the same hot pages (a session's row, the event
 * table's last leaf) again and again: with a checkpoint every second the load benchmark used 0.84–0.94 ms of
 * CPU per command against 0.73–0.80 ms with SQLite's own threshold (three alternating runs); every 5 s is
 * about as often as that threshold was reached there, and cost no more than it.
 */
export const CHECKPOINT_INTERVAL_MS = 5000;

/** What the worker reports after each checkpoint. */
export interface CheckpointStats {
  /** Checkpoints run so far. */
  runs: number;
  /** WAL frames copied into the database file so far. */
  frames: number;
  /** Frames in the WAL at the last checkpoint, and how many of them it copied (equal: caught up). */
  log: number;
  done: number;
}

export interface Checkpointer {
  readonly stats: CheckpointStats;
  /** Run a checkpoint now (tests); resolves after the worker reported it. */
  checkpointNow(): Promise<CheckpointStats>;
  /** Stop the worker (its connection closes); further checkpoints are the writer's again. */
  stop(): Promise<void>;
  /** End the worker abruptly, as a crash would (tests): `onLost` is called. */
  kill(): Promise<void>;
}

type FromWorker = { k: "ready" } | ({ k: "checkpointed" } & CheckpointStats) | { k: "skipped"; message: string };

/**
 * Start the checkpointer for the SQLite file at `path`. Resolves null when the worker cannot start (the
 * caller keeps SQLite's automatic checkpoints); `onLost` is called if the worker ends while it should run.
 */
export function startCheckpointer(
  path: string,
  opts: { intervalMs?: number; onLost: (why: string) => void; startMs?: number; onCheckpoint?: (s: CheckpointStats) => void },
): Promise<Checkpointer | null> {
  const worker = new Worker(WORKER, { workerData: { path, intervalMs: opts.intervalMs ?? CHECKPOINT_INTERVAL_MS } });
  worker.unref(); // never keeps a process alive: a writer that was not closed leaves SQLite's own checkpoint on close
  const stats: CheckpointStats = { runs: 0, frames: 0, log: 0, done: 0 };
  let stopping = false;
  const exited = new Promise<void>((res) => worker.once("exit", () => res()));
  const waiters: ((s: CheckpointStats) => void)[] = [];
  return new Promise((resolve) => {
    const give = (c: Checkpointer | null) => {
      clearTimeout(timer);
      resolve(c);
    };
    const timer = setTimeout(() => {
      void worker.terminate();
      give(null);
    }, opts.startMs ?? 10_000);
    const failedToStart = () => give(null);
    worker.once("error", failedToStart);
    worker.once("exit", failedToStart);
    worker.on("message", (m: FromWorker) => {
      if (m.k === "checkpointed") {
        Object.assign(stats, { runs: m.runs, frames: m.frames, log: m.log, done: m.done });
        opts.onCheckpoint?.({ ...stats });
        for (const w of waiters.splice(0)) w({ ...stats });
      }
      if (m.k !== "ready") return;
      worker.off("error", failedToStart);
      worker.off("exit", failedToStart);
      let lostWhy = "";
      worker.on("error", (e) => (lostWhy = e.message));
      worker.on("exit", (code) => {
        if (!stopping) opts.onLost(lostWhy || `the checkpoint thread ended (exit code ${code})`);
      });
      give({
        stats,
        checkpointNow: () =>
          new Promise((res) => {
            waiters.push(res);
            worker.postMessage({ k: "checkpoint" });
          }),
        stop: async () => {
          if (stopping) return;
          stopping = true;
          worker.postMessage({ k: "stop" });
          const t = setTimeout(() => void worker.terminate(), 2000);
          await exited;
          clearTimeout(t);
        },
        kill: async () => {
          await worker.terminate();
          await exited;
        },
      });
    });
  });
}
