/**
 * Test helpers for the SSG game module: load a treatment, take human seats through the intro, send
 * actions, read the group's game state. Used by this folder's tests only.
 */
import { loadTreatment, type LoadedTreatment, type SessionState } from "../../engine";
import { must } from "../../testing/drive";
import { games } from "../registry";
import { COAST } from "./fixtures";
import type { SsgParams } from "./params";
import type { SsgAction, SsgState } from "./state";

export function load(params: Record<string, unknown>, over: Record<string, unknown> = {}): LoadedTreatment {
  const r = loadTreatment({ name: "t", game: "ssg-defense", params: { ...COAST, rounds: 2, ...params }, ...over }, games);
  if (!r.ok) throw new Error(r.errors.join("\n"));
  return r.value;
}

/** Connect every human seat and take it through consent and instructions (test treatments have no quiz). */
export function start(lt: LoadedTreatment, state: SessionState, now = 0): SessionState {
  let s = state;
  for (const pid of s.order) {
    if (s.participants.get(pid)!.bot) continue;
    s = must(s, lt, { kind: "connect", pid }, now);
    s = must(s, lt, { kind: "consent", pid }, now);
    s = must(s, lt, { kind: "instructions", pid }, now);
  }
  return s;
}

let seq = 0;
export const act = (pid: string, action: SsgAction | Record<string, unknown>) => ({ kind: "action" as const, pid, clientActionId: `a-${++seq}`, action });

export const group = (s: SessionState) => s.groups.toArray()[0]!;
export const gameOf = (s: SessionState) => group(s).game as SsgState;
export const paramsOf = (lt: LoadedTreatment) => lt.params as SsgParams;
/** Per seat: whether a default filled the member's decision this round (the engine's flag, ctx.timedOut). */
export const timedOut = (s: SessionState) => group(s).members.map((pid) => group(s).roundStats[pid]?.timedOut === true);
