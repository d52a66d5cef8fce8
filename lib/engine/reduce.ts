/**
 * The one entry point that changes a session: `reduce(state, treatment, command, now)`.
 * It works on a clone, so a rejected command leaves the state untouched (nothing is half-applied),
 * and it returns the effects (completed rounds, notes) the server must persist with the new state.
 */
import { ActionErrorCode, type ActionError } from "../core/errors";
import { sameRngState } from "../core/rng";
import { applyAdmin, applyOutage, applyTick, everyoneFinished } from "./admin";
import type { Command } from "./commands";
import { applyParticipant } from "./participant";
import { claimByLabel, claimByPanel } from "./claim";
import { freeSeat } from "./free-seat";
import { setLabelHidden } from "./label-visibility";
import { settleTakeovers } from "./takeover";
import { applyComputed, applyComputeFailed, endFailedGroup, retryCompute } from "./computed";
import { beginDraft } from "./draft";
import type { Effects, SessionState } from "./state";
import type { LoadedTreatment } from "./treatment";

export type ReduceResult =
  /** `action`: an accepted game action as the game validated it (what the event log stores). */
  | { ok: true; state: SessionState; effects: Effects; changed: boolean; duplicate: boolean; pid?: string; action?: unknown }
  /** `kept`: the refusal still changed the session (a wrong quiz answer counts as an attempt); store it. */
  | { ok: false; error: ActionError; kept?: SessionState; notes?: string[] };

/** The session ends by itself when every seat has finished (lib/engine/admin.ts `everyoneFinished`). */
function endWhenEveryoneFinished(s: SessionState, nowMs: number, fx: Effects) {
  if (s.status === "ended" || !everyoneFinished(s)) return;
  s.status = "ended";
  s.endedMs = nowMs;
  fx.notes.push("every participant has finished: session over");
}

export function reduce(state: SessionState, lt: LoadedTreatment, cmd: Command, nowMs: number): ReduceResult {
  const s = beginDraft(state);
  const fx: Effects = { rounds: [], notes: [], computes: [] };
  let duplicate = false;
  let pid: string | undefined;
  let action: unknown;
  switch (cmd.kind) {
    case "tick":
      applyTick(s, lt, nowMs, fx, cmd.hold);
      break;
    case "outage":
      applyOutage(s, cmd.fromMs, nowMs);
      break;
    case "computed": {
      const r = applyComputed(s, lt, cmd, nowMs, fx);
      if (!r.ok) return r;
      duplicate = r.stale;
      break;
    }
    case "computeFailed":
    case "retryCompute":
    case "endFailedGroup": {
      const r =
        cmd.kind === "computeFailed"
          ? applyComputeFailed(s, cmd, nowMs, fx)
          : s.status === "ended"
            ? ({ ok: false, error: { code: ActionErrorCode.Conflict, message: "The session has already ended." } } as const)
            : cmd.kind === "retryCompute"
              ? retryCompute(s, cmd.groupId, fx)
              : endFailedGroup(s, lt, cmd.groupId, nowMs, fx, cmd.crashed === true);
      if (!r.ok) return r;
      duplicate = r.stale;
      break;
    }
    case "claim":
    case "claimPanel": {
      const r = cmd.kind === "claim" ? claimByLabel(s, lt, cmd.label, nowMs, cmd.from, cmd.browser) : claimByPanel(s, cmd.external, nowMs, cmd.from);
      if (!r.ok) return r;
      pid = r.pid;
      duplicate = r.existing;
      break;
    }
    case "hideLabel": {
      const r = setLabelHidden(s, cmd.pid, cmd.hidden, fx);
      if (!r.ok) return r;
      break;
    }
    case "freeSeat": {
      if (s.status === "draft") return { ok: false, error: { code: ActionErrorCode.Conflict, message: "The session is a draft: open it first (nobody can join a draft)." } };
      const r = freeSeat(s, cmd.pid, cmd.unused === true, nowMs, fx, cmd.completionCode);
      if (!r.ok) return r;
      break;
    }
    case "open":
    case "pause":
    case "resume":
    case "forcePhaseEnd":
    case "replaceWithBot":
    case "giveBack":
    case "fillWithBots":
    case "end": {
      const r = applyAdmin(s, lt, cmd, nowMs, fx);
      if (!r.ok) return r;
      break;
    }
    default: {
      const r = applyParticipant(s, lt, cmd, nowMs, fx);
      if (!r.ok) {
        if (!r.keep) return r;
        endWhenEveryoneFinished(s, nowMs, fx);
        s.version = state.version + 1;
        return { ok: false, error: r.error, kept: s, notes: fx.notes };
      }
      duplicate = r.duplicate === true;
      action = r.action;
    }
  }
  endWhenEveryoneFinished(s, nowMs, fx);
  if (s.takeovers?.length) settleTakeovers(s, fx);
  // Every accepted command changes the state except duplicates and ticks with nothing due
  // (ticks run often and usually find nothing to do: compared by identity, which the draft keeps).
  const changed = !duplicate && (cmd.kind !== "tick" || differs(state, s));
  if (changed) s.version = state.version + 1;
  return { ok: true, state: changed ? s : state, effects: fx, changed, duplicate, ...(pid ? { pid } : {}), ...(action !== undefined ? { action } : {}) };
}

/** Whether a draft differs from its base: top-level fields, and identity of participants and groups. */
function differs(a: SessionState, b: SessionState): boolean {
  if (a.status !== b.status || a.pausedMs !== b.pausedMs || a.endedMs !== b.endedMs || a.sessionRound !== b.sessionRound || a.groupSeq !== b.groupSeq || !sameRngState(a.rng, b.rng)) return true;
  if (a.waiting.length !== b.waiting.length || a.waiting.some((w, i) => b.waiting[i] !== w)) return true;
  if (a.groups.size !== b.groups.size || b.groups.changedKeys(a.groups).length > 0) return true;
  return b.participants.changedKeys(a.participants).length > 0;
}
