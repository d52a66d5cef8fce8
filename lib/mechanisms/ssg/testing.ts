/**
 * Seeded random SSG instances for tests and benchmarks (not part of the public mechanism API).
 */
import { makeRng, seedFrom, shuffle, type Rng } from "@/lib/core/rng";
import { nonOverlappingType, type SsgInstance } from "./model";

/** Theorem 3.2's game: two identical targets, a <_1 b and b <_2 a, one resource each. */
export const theorem32: SsgInstance = {
  attacker: { reward: [0, 0], penalty: [-1, -1] },
  defenders: [
    { resources: 1, ...nonOverlappingType([0, 1]) },
    { resources: 1, ...nonOverlappingType([1, 0]) },
  ],
};

/** Example 5.2 (targets a..e = 0..4). */
export const example52: SsgInstance = {
  attacker: { reward: [1, 1, 1, 0.7, 0.7], penalty: [0, 0, 0, 0, 0] },
  defenders: [
    { resources: 1, ...nonOverlappingType([0, 1, 2, 3, 4]) },
    { resources: 1, ...nonOverlappingType([2, 1, 0, 3, 4]) },
    { resources: 1, ...nonOverlappingType([4, 3, 2, 1, 0]) },
  ],
};


/** Kinds of random instances: generic real payoffs, rank (non-overlapping) defenders, identical attacker targets. */
export type InstanceKind = "generic" | "rank" | "identical-attacker";

/** A random instance with n defenders, m targets; resources drawn from 0..maxK (at least one defender has one). */
export function randomInstance(rng: Rng, n: number, m: number, kind: InstanceKind = "generic", maxK = 1): SsgInstance {
  const pay = () => {
    const reward = Array.from({ length: m }, () => rng.next() * 10);
    const penalty = reward.map((r) => r - 0.1 - rng.next() * 10);
    return { reward, penalty };
  };
  const idx = Array.from({ length: m }, (_, t) => t);
  const attacker =
    kind === "identical-attacker" ? { reward: new Array<number>(m).fill(0), penalty: new Array<number>(m).fill(-1) } : pay();
  const defenders = Array.from({ length: n }, (_, i) => ({
    resources: i === 0 ? Math.max(1, rng.int(maxK + 1)) : rng.int(maxK + 1),
    ...(kind === "generic" ? pay() : nonOverlappingType(shuffle(idx, rng))),
  }));
  return { attacker, defenders };
}

/** `count` instances from a named seed. */
export function randomInstances(seed: string, count: number, n: number | [number, number], m: number | [number, number], kind: InstanceKind = "generic", maxK = 1): SsgInstance[] {
  const rng = makeRng(seedFrom(seed));
  const pick = (r: number | [number, number]) => (typeof r === "number" ? r : r[0] + rng.int(r[1] - r[0] + 1));
  return Array.from({ length: count }, () => randomInstance(rng, pick(n), pick(m), kind, maxK));
}
