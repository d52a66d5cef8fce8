/**
 * Long pure steps off the event loop (docs/architecture.md, "Long solves during play").
 *
 * A phase may declare a `compute` step (lib/core/game.ts): when the phase ends, the game names a
 * registered mechanism unit (lib/mechanisms/registry.ts) and its input. A small step runs inside the
 * command, as before. A long one puts the group in status "computing" with the unit id@version and its
 * input in the state (so a snapshot written now holds everything needed to run it again), and the
 * command's effects carry a `ComputeJob`. The server runs the job in its solver pool and feeds the output
 * back as a `computed` command, which is persisted like any other: replay and restart are exact, and a
 * server killed mid-compute re-issues the job from the snapshot (`pendingComputes`). The engine itself
 * stays pure and deterministic: it never waits, and the output is data like a participant's action.
 */
import type { ComputeRequest } from "../core/game";
import type { ComputeJob, Effects, GroupState, SessionState } from "./state";

/** Run a unit on an input exactly as the solver pool's worker does: validate with its schema, then run. */
export function runComputeStep(unit: ComputeRequest["unit"], input: unknown): unknown {
  const parsed = unit.input.safeParse(input);
  if (!parsed.success)
    throw new Error(`${unit.id}@${unit.version}: invalid input: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return (unit.run as (i: unknown) => unknown)(parsed.data);
}

/** Put a (drafted) group into "computing" for `req` and emit its job. */
export function startComputing(g: GroupState, req: ComputeRequest, fx: Effects) {
  const pending = { key: `${g.round}:${g.phaseSeq}`, unitId: req.unit.id, version: req.unit.version, input: req.input };
  g.status = "computing";
  g.computing = pending;
  g.deadlineMs = null;
  g.remainingMsAtPause = null;
  fx.computes.push({ groupId: g.id, ...pending });
  fx.notes.push(`group ${g.id} round ${g.round}: computing ${pending.unitId}@${pending.version} off the event loop`);
}

/**
 * Every step a stored state still waits for (re-issued when a session is loaded). A step that already
 * failed is not: it waits for the experimenter to retry it or end the group (the monitor shows it).
 */
export function pendingComputes(s: SessionState): ComputeJob[] {
  const jobs: ComputeJob[] = [];
  for (const g of s.groups.toArray()) if (g.status === "computing" && g.computing && !g.computing.failed) jobs.push({ groupId: g.id, ...g.computing });
  return jobs;
}
