/**
 * Run a group's long step (lib/engine/compute.ts) from its stored form: the unit of the recorded
 * id@version, on its input. The server's solver worker and the headless driver both call this, and the
 * engine's inline path runs the same `runComputeStep`, so every path gives the same output.
 */
import { runComputeStep } from "../engine/compute";
import { findUnit } from "./registry";

export interface ComputeJobInput {
  unitId: string;
  version: string;
  input: unknown;
}

export function runComputeJob(job: ComputeJobInput): unknown {
  const unit = findUnit(job.unitId, job.version);
  if (!unit) throw new Error(`no mechanism unit ${job.unitId}@${job.version} in this version of mechlab`);
  return runComputeStep(unit, job.input);
}
