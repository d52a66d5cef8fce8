/**
 * Ready-made choice functions for runAlgorithm1 (bots and tests). A chooser knows the CI's true
 * type, which the CC does not; it reports it as `trueType` so the log can record what was expected.
 */
import type { Chooser } from "./algorithm1";
import { at, ciUtility, type CipInstance } from "./model";

/**
 * Truthful: take the contract designed for one's own type when it gives utility ≥ 0, else reject.
 * `trueTypes` maps CI id → 0-based type index.
 */
export function truthfulChooser(instance: CipInstance, trueTypes: Readonly<Record<string, number>>): Chooser {
  return (ci, menu) => {
    const k = trueTypeOf(trueTypes, ci.id);
    const u = ciUtility(at(instance.types, k), at(menu.contracts, k), instance);
    return u >= -1e-9 ? { kind: "accept", contract: k, trueType: k } : { kind: "reject", trueType: k };
  };
}

/**
 * Best response: the contract with the highest utility for one's true type; ties (within
 * 1e-9·scale) go to one's own contract if it is among the best, else to the lowest index.
 * Rejects when the best utility is negative.
 */
export function bestResponseChooser(instance: CipInstance, trueTypes: Readonly<Record<string, number>>): Chooser {
  return (ci, menu) => {
    const k = trueTypeOf(trueTypes, ci.id);
    const type = at(instance.types, k);
    const u = menu.contracts.map((c) => ciUtility(type, c, instance));
    const best = Math.max(...u);
    const tol = 1e-9 * Math.max(1, Math.abs(best));
    if (best < -tol) return { kind: "reject", trueType: k };
    const choice = at(u, k) >= best - tol ? k : u.findIndex((x) => x >= best - tol);
    return { kind: "accept", contract: choice, trueType: k };
  };
}

function trueTypeOf(trueTypes: Readonly<Record<string, number>>, id: string): number {
  const k = trueTypes[id];
  if (k === undefined) throw new RangeError(`no true type given for CI ${id}`);
  return k;
}
