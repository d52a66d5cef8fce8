/**
 * ChartRounds from what the engine keeps: a completed round's RoundRow (effects of a command, the
 * RoundOutcome/PlayerRound tables), or a live session's state (every participant's own history) plus
 * the group records of its completed rounds (SessionHost.roundHistory).
 */
import type { Scalar } from "../core/game";
import type { RoundRow, SessionState } from "../engine/state";
import type { ChartPlayerRound, ChartRound } from "./types";

export function chartRoundOf(row: RoundRow): ChartRound {
  return {
    groupId: row.groupId,
    round: row.round,
    group: row.group,
    players: row.players.map((p) => ({ decision: p.record.decision, outcome: p.record.outcome, payoff: p.record.payoff })),
  };
}

/** Every completed round of the session, in order of group and round. */
export function chartRoundsOf(s: SessionState, roundHistory: Readonly<Record<string, readonly { round: number; group: Record<string, Scalar> }[]>>): ChartRound[] {
  const players = new Map<string, ChartPlayerRound[]>();
  for (const pid of s.order)
    for (const h of s.participants.get(pid)?.history ?? []) {
      const key = `${h.groupId}\u0000${h.round}`;
      const list = players.get(key) ?? [];
      list.push({ decision: h.decision, outcome: h.outcome, payoff: h.payoff });
      players.set(key, list);
    }
  const out: ChartRound[] = [];
  for (const [groupId, rounds] of Object.entries(roundHistory))
    for (const r of rounds) out.push({ groupId, round: r.round, group: r.group, players: players.get(`${groupId}\u0000${r.round}`) ?? [] });
  return out;
}
