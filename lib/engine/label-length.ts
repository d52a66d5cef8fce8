/**
 * The longest label a participant may type with the room code, in characters (code points after NFC and
 * trimming). A module of its own so the join page shares it with the server's rule without loading it.
 */
export const LABEL_MAX = 40;

/** A label's length as the rule counts it. */
export function labelLength(label: string): number {
  return [...label.normalize("NFC").trim()].length;
}
