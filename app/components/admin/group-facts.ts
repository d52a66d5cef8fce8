/**
 * The facts at the top of a group card on the monitor. A group still in play shows its round, step,
 * time left and how many still have to act; a finished or ended group only its round and that it is
 * finished (or ended): its last step, "no limit" and "0 of 3" would read as if it still waited.
 */
import { groupInPlay } from "@/lib/engine/state";
import type { AdminGroupRow } from "@/lib/engine/views";

export type GroupFact = { label: string; value: string };

export function groupFacts(g: Pick<AdminGroupRow, "status" | "round" | "phaseLabel" | "pendingCount" | "members">, rounds: number, timeLeft: string): GroupFact[] {
  const round = { label: "Round", value: `${g.round} of ${rounds}` };
  if (g.status === "finished") return [round, { label: "Phase", value: "finished" }];
  if (g.status === "ended") return [round, { label: "Phase", value: "ended early" }];
  // random matching: the group's round is over and its members are rematched when every group's is
  if (g.status === "barrier") return [round, { label: "Phase", value: "round over: waiting for the other groups to finish theirs" }];
  return [
    round,
    { label: "Phase", value: g.phaseLabel },
    { label: "Time left", value: timeLeft },
    { label: "Still to act", value: `${g.pendingCount} of ${g.members.length}` },
  ];
}

/** What a group's status pill says ("barrier" is the engine's word for a group waiting for the others). */
export function groupStatusText(g: Pick<AdminGroupRow, "status" | "computeFailure"> & Partial<Pick<AdminGroupRow, "gameCrash">>): string {
  if (g.computeFailure) return "computation failed";
  if (g.gameCrash) return "game code failed";
  return g.status === "barrier" ? "waiting for other groups" : g.status;
}

/**
 * The monitor's order of group cards: groups still in play first (the ones to watch), then finished and
 * ended ones, each newest round first; the engine's order otherwise (random matching adds a group per
 * round, so after a few rounds the groups playing now would be at the bottom of a long page).
 */
export function monitorOrder<G extends Pick<AdminGroupRow, "status" | "round">>(groups: readonly G[]): G[] {
  return groups
    .map((g, i) => ({ g, i }))
    .sort((a, b) => Number(groupInPlay(b.g)) - Number(groupInPlay(a.g)) || b.g.round - a.g.round || a.i - b.i)
    .map((x) => x.g);
}
