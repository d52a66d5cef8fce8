/**
 * The facts at the top of a group card on the monitor. A group still in play shows its round, step,
 * time left and how many still have to act; a finished or ended group only its round and that it is
 * finished (or ended): its last step, "no limit" and "0 of 3" would read as if it still waited.
 */
import type { AdminGroupRow } from "@/lib/engine/views";

export type GroupFact = { label: string; value: string };

export function groupFacts(g: Pick<AdminGroupRow, "status" | "round" | "phaseLabel" | "pendingCount" | "members">, rounds: number, timeLeft: string): GroupFact[] {
  const round = { label: "Round", value: `${g.round} of ${rounds}` };
  if (g.status === "finished") return [round, { label: "Phase", value: "finished" }];
  if (g.status === "ended") return [round, { label: "Phase", value: "ended early" }];
  return [
    round,
    { label: "Phase", value: g.phaseLabel },
    { label: "Time left", value: timeLeft },
    { label: "Still to act", value: `${g.pendingCount} of ${g.members.length}` },
  ];
}
