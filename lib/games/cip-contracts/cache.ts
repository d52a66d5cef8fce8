/**
 * Memoised pure results of the mechanism core, keyed by their inputs (the instance and the CIs in
 * request order). Algorithm 1's start (exclusions + first menu) depends only on the treatment's
 * parameters and the request order, never on the true types, so every round and group with the same
 * request order shares it.
 */
import { startAlgorithm1, type Algorithm1Input, type Algorithm1State } from "../../mechanisms/cip";

const starts = new Map<string, Algorithm1State>();

/** startAlgorithm1(input), memoised. The returned state is shared: never mutate it (the core never does). */
export function cachedStart(input: Algorithm1Input): Algorithm1State {
  const key = JSON.stringify(input);
  const hit = starts.get(key);
  if (hit) return hit;
  const state = startAlgorithm1(input);
  if (starts.size > 500) starts.clear();
  starts.set(key, state);
  return state;
}
