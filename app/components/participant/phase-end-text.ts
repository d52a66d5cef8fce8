import type { PlayView } from "@/lib/engine/views";

/**
 * What a participant reads when a step ended before they decided: "time ran out" only for a real
 * timeout; when the experimenter ended the step, it says so.
 */
export function notDecidedText(play: PlayView, afterTimeout: string, consequence: string): string {
  return play.endedBy === "experimenter" ? `The experimenter ended this step before you decided, so ${consequence}` : afterTimeout;
}
