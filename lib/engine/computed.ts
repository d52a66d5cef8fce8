/**
 * The `computed` command: a group's long step (lib/engine/compute.ts) has its output; `computeFailed`:
 * it failed in the solver pool and on the main thread; and the experimenter's two ways on from a failed
 * step, `retryCompute` and `endFailedGroup` (docs/architecture.md, "Long solves during play").
 */
import { ActionErrorCode, type ActionError } from "../core/errors";
import { draftGroup } from "./draft";
import { endGroup, releaseBarrier, resumeComputed } from "./rounds";
import type { Effects, GroupState, SessionState } from "./state";
import type { LoadedTreatment } from "./treatment";

export type ComputedResult = { ok: true; stale: boolean } | { ok: false; error: ActionError };

/** Longest failure message kept in the state (the full one is in the server log). */
export const COMPUTE_ERROR_MAX = 500;

const conflict = (message: string) => ({ ok: false as const, error: { code: ActionErrorCode.Conflict, message } });

/**
 * Apply a step's output. A result for a step the group no longer waits for (the session or group ended
 * meanwhile, or the same result arrived twice) changes nothing and is reported `stale`.
 */
export function applyComputed(s: SessionState, lt: LoadedTreatment, cmd: { groupId: string; key: string; output: unknown }, nowMs: number, fx: Effects): ComputedResult {
  const g0 = s.groups.get(cmd.groupId);
  if (!g0) return conflict(`No group ${cmd.groupId} in this session.`);
  if (g0.status !== "computing" || g0.computing?.key !== cmd.key) return { ok: true, stale: true };
  resumeComputed(s, draftGroup(s, g0.id), lt, nowMs, fx, cmd.output);
  return { ok: true, stale: false };
}

/**
 * Record that a group's step failed: the group stays computing with the error (stored, and shown on the
 * monitor) until the experimenter retries the step or ends the group. Stale like `computed`.
 */
export function applyComputeFailed(s: SessionState, cmd: { groupId: string; key: string; error: string }, nowMs: number, fx: Effects): ComputedResult {
  const g0 = s.groups.get(cmd.groupId);
  if (!g0) return conflict(`No group ${cmd.groupId} in this session.`);
  if (g0.status !== "computing" || !g0.computing || g0.computing.key !== cmd.key || g0.computing.failed) return { ok: true, stale: true };
  const g = draftGroup(s, g0.id);
  const message = cmd.error.length > COMPUTE_ERROR_MAX ? `${cmd.error.slice(0, COMPUTE_ERROR_MAX - 1)}…` : cmd.error;
  const attempts = (g0.computing.attempts ?? 0) + 1;
  g.computing = { ...g0.computing, attempts, failed: { message, atMs: nowMs, attempts } };
  fx.notes.push(`group ${g.id} round ${g.round}: ${g0.computing.unitId}@${g0.computing.version} failed (attempt ${attempts}): ${message}`);
  return { ok: true, stale: false };
}

/**
 * The failed group `groupId` (a computing group whose step failed, or, `crashed`, a playing or computing
 * group whose game code crashed, as the server saw), or why the command does not apply to it.
 */
function failedGroup(s: SessionState, groupId: string, crashed = false): { ok: true; g: GroupState } | { ok: false; error: ActionError } {
  const g = s.groups.get(groupId);
  if (!g) return conflict(`No group ${groupId} in this session.`);
  if (crashed && (g.status === "playing" || g.status === "computing")) return { ok: true, g };
  if (g.status !== "computing" || !g.computing?.failed) return conflict(`Group ${groupId} has no failed computation (it is ${g.status}).`);
  return { ok: true, g };
}

/** The experimenter runs a failed step again: the group waits for it as before. */
export function retryCompute(s: SessionState, groupId: string, fx: Effects): ComputedResult {
  const f = failedGroup(s, groupId);
  if (!f.ok) return f;
  const g = draftGroup(s, groupId);
  const pending = { ...f.g.computing!, failed: null };
  g.computing = pending;
  const { failed: _failed, ...job } = pending;
  fx.computes.push({ groupId, ...job });
  fx.notes.push(`experimenter retried ${pending.unitId}@${pending.version} for group ${groupId} round ${g.round}`);
  return { ok: true, stale: false };
}

/**
 * The experimenter gives up on a failed step (or, `crashed`, on a group whose game code crashed): the group ends (status "ended"); its members go on to the
 * exit survey with the points of the rounds they completed, which stay stored; no round is recorded for
 * the round whose step failed. Under random matching the other groups of the round are not held up.
 */
export function endFailedGroup(s: SessionState, lt: LoadedTreatment, groupId: string, nowMs: number, fx: Effects, crashed = false): ComputedResult {
  const f = failedGroup(s, groupId, crashed);
  if (!f.ok) return f;
  const g = draftGroup(s, groupId);
  const round = g.round;
  g.computing = null;
  endGroup(s, g, "ended", lt, nowMs);
  fx.notes.push(`experimenter ended group ${groupId} in round ${round} after its ${crashed ? "game code crashed" : "computation failed"}`);
  releaseBarrier(s, lt, round, nowMs, fx);
  return { ok: true, stale: false };
}
