/**
 * Builds a game's RoundContext for a group and writes the RNG state back after each call.
 */
import type { PlayerRoundRecord, RoundContext } from "../core/game";
import { makeRng } from "../core/rng";
import type { GroupState, SessionState } from "./state";
import type { LoadedTreatment } from "./treatment";

/** Run `fn` with the group's context; the group's RNG advances by what `fn` drew. */
export function withContext<T>(
  s: SessionState,
  g: GroupState,
  lt: LoadedTreatment,
  nowMs: number,
  fn: (ctx: RoundContext<unknown>) => T,
): T {
  const rng = makeRng(g.rng);
  const history: Record<string, readonly PlayerRoundRecord[]> = {};
  for (const m of g.members) history[m] = s.participants[m]?.history ?? [];
  const ctx: RoundContext<unknown> = {
    params: lt.params,
    round: g.round,
    players: g.members,
    roles: g.roles,
    rng,
    nowMs,
    history,
  };
  const out = fn(ctx);
  g.rng = rng.state();
  return out;
}

/** A read-only context (for views and monitors): the RNG is not advanced. */
export function viewContext(s: SessionState, g: GroupState, lt: LoadedTreatment, nowMs: number): RoundContext<unknown> {
  const history: Record<string, readonly PlayerRoundRecord[]> = {};
  for (const m of g.members) history[m] = s.participants[m]?.history ?? [];
  return { params: lt.params, round: g.round, players: g.members, roles: g.roles, rng: makeRng(g.rng), nowMs, history };
}

/** True when the seat is played by a bot now. */
export function isBotSeat(s: SessionState, pid: string): boolean {
  const p = s.participants[pid];
  return !!p && (p.bot || p.replacedByBot);
}
