/**
 * The projector's charts panel before it has a round to draw: the `projector` catalogue key of the
 * sentence under its title. While the theory is held back until the session is over (`theoryAfter`),
 * it speaks only of what was played: the line under the panel says when the theory lines come.
 */
import type { ProjectorView } from "@/lib/engine/projector-view";

export function chartsEmptyKey(held: ProjectorView["chartsHeld"]): "chartsFewGroups" | "chartsEmptyPlayed" | "chartsEmpty" {
  if (held === "fewGroups") return "chartsFewGroups";
  if (held === "theoryAfter") return "chartsEmptyPlayed";
  return "chartsEmpty";
}
