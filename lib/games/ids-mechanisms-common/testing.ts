/**
 * Test helpers shared by the IDS mechanism games' scenario tests (not used by the games themselves).
 */
import { loadTreatment, reduce, type LoadedTreatment, type SessionState } from "../../engine";
import { games } from "../registry";
export { passIntro } from "../../testing/drive";

/** Load a treatment of `game` with `params`, throwing the validation errors. */
export function loadGame(game: string, params: Record<string, unknown>, over: Record<string, unknown> = {}): LoadedTreatment {
  const r = loadTreatment({ name: "t", game, params, ...over }, games);
  if (!r.ok) throw new Error(r.errors.join("\n"));
  return r.value;
}

/** Validation errors of a treatment (empty when it loads). */
export function loadErrors(game: string, params: Record<string, unknown>): string[] {
  const r = loadTreatment({ name: "t", game, params }, games);
  return r.ok ? [] : r.errors;
}


let seq = 0;
/** A participant's game action as a command (fresh clientActionId). */
export const actionOf = (pid: string, action: unknown) => ({ kind: "action" as const, pid, clientActionId: `t-${pid}-${++seq}`, action });

/** Apply an action and return the rejection (throws if it was accepted); `byBot` for a bot seat's move. */
export function rejection(s: SessionState, lt: LoadedTreatment, pid: string, action: unknown, now: number, byBot = false) {
  const r = reduce(s, lt, { ...actionOf(pid, action), ...(byBot ? { byBot: true } : {}) }, now);
  if (r.ok) throw new Error(`expected ${JSON.stringify(action)} to be rejected`);
  return r.error;
}

/** The only group of a one-group session. */
export const onlyGroup = (s: SessionState) => s.groups.toArray()[0]!;
