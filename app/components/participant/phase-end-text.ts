import type { PlayView } from "@/lib/engine/views";

/**
 * What a participant reads when a step ended before they decided: "time ran out" only for a real
 * timeout; when the experimenter ended the step, it says so. Both sentences come from the game's
 * catalogue section, in the participant's language.
 */
export function notDecidedText(play: PlayView, afterTimeout: string, afterExperimenter: string): string {
  return play.endedBy === "experimenter" ? afterExperimenter : afterTimeout;
}
