/**
 * What a CI owner who is out of this round's offers reads while the others choose: a rejection they
 * chose, or one that was counted because their answer did not come in time (worded like the results
 * page: "Time ran out before you answered, which counts as rejecting"), or because the experimenter
 * ended the step first.
 */
import type { CipView } from "@/lib/games/cip-contracts/views";
import type { PlayView } from "@/lib/engine/views";

export type OutNoticeKey = "out" | "outTimedOut" | "outEndedByExperimenter";

/** The `cip` catalogue key of the "out" notice (its one value: `endowment`). */
export function outNoticeKey(v: Pick<CipView, "outTimedOut">, play: Pick<PlayView, "endedBy">): OutNoticeKey {
  if (!v.outTimedOut) return "out";
  return play.endedBy === "experimenter" ? "outEndedByExperimenter" : "outTimedOut";
}
