/**
 * The `computed` command: a group's long step (lib/engine/compute.ts) has its output.
 */
import { ActionErrorCode, type ActionError } from "../core/errors";
import { draftGroup } from "./draft";
import { resumeComputed } from "./rounds";
import type { Effects, SessionState } from "./state";
import type { LoadedTreatment } from "./treatment";

export type ComputedResult = { ok: true; stale: boolean } | { ok: false; error: ActionError };

/**
 * Apply a step's output. A result for a step the group no longer waits for (the session or group ended
 * meanwhile, or the same result arrived twice) changes nothing and is reported `stale`.
 */
export function applyComputed(s: SessionState, lt: LoadedTreatment, cmd: { groupId: string; key: string; output: unknown }, nowMs: number, fx: Effects): ComputedResult {
  const g0 = s.groups.get(cmd.groupId);
  if (!g0) return { ok: false, error: { code: ActionErrorCode.Conflict, message: `No group ${cmd.groupId} in this session.` } };
  if (g0.status !== "computing" || g0.computing?.key !== cmd.key) return { ok: true, stale: true };
  resumeComputed(s, draftGroup(s, g0.id), lt, nowMs, fx, cmd.output);
  return { ok: true, stale: false };
}
