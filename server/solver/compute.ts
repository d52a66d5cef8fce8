/**
 * Runs a group's long step (lib/engine/compute.ts) in the solver pool's worker thread: the worker finds
 * the mechanism unit of the job's id@version and runs it on the job's input with the same function the
 * engine's inline path uses (`runComputeJob`), so the output is the same on every path.
 */
import { fileURLToPath } from "node:url";
import { runComputeJob, type ComputeJobInput } from "../../lib/mechanisms/compute-job";
import type { ComputeJob } from "../../lib/engine";
import type { SolverPool } from "./pool";

const SELF = fileURLToPath(import.meta.url);

/** Worker side. */
export function computeInWorker(job: ComputeJobInput): unknown {
  return runComputeJob(job);
}

/** A step runner: where a SessionHost sends the steps its sessions compute off the event loop. */
export type ComputeRunner = (job: ComputeJob) => Promise<unknown>;

/** Main thread: a runner that sends each step to `pool`. */
export function poolComputeRunner(pool: SolverPool): ComputeRunner {
  return (job) => pool.run(SELF, "computeInWorker", { unitId: job.unitId, version: job.version, input: job.input });
}
