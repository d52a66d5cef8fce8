/**
 * The question before "End phase now (all groups)". The button sends `decisionsOnly` (lib/engine/admin.ts
 * `forceEndGroups`): while any group is deciding, only the deciding groups' step ends, and groups reading their
 * results are left to read on; when no group is deciding, every group's results step ends.
 */
import type { AdminView } from "@/lib/engine/views";

const groupsText = (n: number): string => `${n} group${n === 1 ? "" : "s"}`;

/** Groups playing a decision step, and groups playing a step where people read (e.g. results); computing or waiting groups are neither. */
export function forceEndCounts(groups: AdminView["groups"]): { deciding: number; reading: number } {
  let deciding = 0;
  let reading = 0;
  for (const g of groups) {
    if (g.status !== "playing") continue;
    if (g.phaseKind === "decision") deciding++;
    else reading++;
  }
  return { deciding, reading };
}

export function forceEndQuestion(o: { deciding: number; reading: number }): string {
  if (o.deciding > 0) {
    const reading =
      o.reading > 0
        ? ` The ${groupsText(o.reading)} reading ${o.reading === 1 ? "its" : "their"} results ${o.reading === 1 ? "is" : "are"} not cut short: ${o.reading === 1 ? "it reads" : "they read"} on until ${o.reading === 1 ? "its" : "their"} results step ends by itself.`
        : "";
    return `End the decision step of the ${groupsText(o.deciding)} deciding now? Whoever has not decided yet gets the default choice, recorded as ended by you (phase_ended_by = experimenter in the data; timed_out stays FALSE).${reading} This cannot be undone.`;
  }
  if (o.reading > 0)
    return `No group is deciding. End the results step of the ${groupsText(o.reading)} reading ${o.reading === 1 ? "its" : "their"} results now? ${o.reading === 1 ? "It goes" : "They go"} on at once. This cannot be undone.`;
  return "No group is in a step that can be ended now (groups may be computing their results or waiting for the others).";
}
