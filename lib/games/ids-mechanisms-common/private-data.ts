/**
 * What an IDS user knows that the others do not, shared by the IDS games: their own parameters
 * (α_i, c_i, q_i and their row of W). Each game says which of them its views keep private.
 */
import type { InstanceParams } from "./instance";

/** User `i`'s own parameters: α_i, c_i, q_i (when given) and their row W_i of the weights. */
export function ownParametersOf<P extends InstanceParams>(p: P, i: number): number[] {
  return [p.alpha[i], p.c[i], p.q?.[i], ...(p.W[i] ?? [])].filter((x): x is number => x !== undefined);
}

/** The leaderboard phrase for games in which each user sees only their own parameters. */
export const OWN_PARAMETERS = "each user's own parameters (α, c, q and their row of W, which only they see)";
