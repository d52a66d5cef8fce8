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

/**
 * The 4-defender, 6-target rank-payoff game that docs/papers/ssg.md §4.5 listed as having no certified
 * NSE before the exact-budget stage: every max-waste crossing leaves a defender non-binding and the
 * floor is infeasible, but exact-budget NSEs attacking target 4 exist.
 */
export const section45Game: SsgInstance = {
  attacker: {
    reward: [8.574834675528109, 5.893628820776939, 1.0933917085640132, 4.266460670623928, 5.979135558009148, 3.9094832469709218],
    penalty: [-0.5956118110567328, -2.612600084301084, -0.14805570002645263, -3.77518647108227, -2.8021026355214413, -5.728378554247319],
  },
  defenders: [
    { resources: 0, reward: [5.5, 4.5, 3.5, 1.5, 0.5, 2.5], penalty: [5, 4, 3, 1, 0, 2] },
    { resources: 1, reward: [3.5, 2.5, 0.5, 4.5, 5.5, 1.5], penalty: [3, 2, 0, 4, 5, 1] },
    { resources: 1, reward: [5.5, 3.5, 4.5, 0.5, 1.5, 2.5], penalty: [5, 3, 4, 0, 1, 2] },
    { resources: 1, reward: [0.5, 1.5, 2.5, 4.5, 5.5, 3.5], penalty: [0, 1, 2, 4, 5, 3] },
  ],
};

/**
 * A generic game (K = m = 5) where the max-waste value is negative on every interval of every τ (no
 * interior NSE) and the floor stage's transportation structure finds nothing; the exact floor stage
 * finds an NSE attacking target 1 in which defenders 0 and 2 keep spare resources (A3's second clause).
 */
export const floorOpenGame: SsgInstance = {"attacker": {"reward": [7.676235395483673, 7.867618724703789, 8.909648309927434, 9.929598332382739, 1.3794991536997259], "penalty": [0.33918333481997287, 1.5013726778328422, 3.8339038194157187, 3.251099458523095, -0.29675994757562885]}, "defenders": [{"resources": 2, "reward": [0.9051844291388988, 8.65454433253035, 1.2136484356597066, 4.28069349611178, 6.541966625954956], "penalty": [-7.8840375015512105, 5.708841823600233, -1.7984233027324081, 1.150036496203393, 5.361970500182361]}, {"resources": 1, "reward": [9.00798434857279, 2.5668917037546635, 6.933802585117519, 0.1405571005307138, 8.239424428902566], "penalty": [0.5808812683448199, -3.844744712021202, 5.743434412963689, -5.887531870882958, 6.242268052976579]}, {"resources": 2, "reward": [8.629624007735401, 6.76643953891471, 1.1134092300198972, 3.363392469473183, 6.4726538117975], "penalty": [0.20785490758717096, -0.07329437173902953, -8.147718340530991, -1.7268795379437507, 2.5887880545109514]}]};

/**
 * Kinds of random instances: generic real payoffs; rank (non-overlapping) defenders; rank defenders
 * with identical attacker targets; zero-sum-like (each defender's payoffs are the attacker's negated,
 * r_i(t) = −p^a_t, p_i(t) = −r^a_t, plus a little noise); ties (small integer payoffs, so attacker and
 * defender ties are frequent).
 */
export type InstanceKind = "generic" | "rank" | "identical-attacker" | "zero-sum" | "ties";

/** A random instance with n defenders, m targets; resources drawn from 0..maxK (at least one defender has one). */
export function randomInstance(rng: Rng, n: number, m: number, kind: InstanceKind = "generic", maxK = 1): SsgInstance {
  const pay = () => {
    const reward = Array.from({ length: m }, () => rng.next() * 10);
    const penalty = reward.map((r) => r - 0.1 - rng.next() * 10);
    return { reward, penalty };
  };
  const ints = () => {
    const reward = Array.from({ length: m }, () => rng.int(4));
    const penalty = reward.map((r) => r - 1 - rng.int(3));
    return { reward, penalty };
  };
  const idx = Array.from({ length: m }, (_, t) => t);
  const attacker =
    kind === "identical-attacker" ? { reward: new Array<number>(m).fill(0), penalty: new Array<number>(m).fill(-1) } : kind === "ties" ? ints() : pay();
  const defenderPay = () => {
    if (kind === "generic") return pay();
    if (kind === "ties") return ints();
    if (kind === "zero-sum") {
      const reward = attacker.penalty.map((p) => -p + rng.next() * 0.5);
      const penalty = attacker.reward.map((r) => -r - rng.next() * 0.5);
      return { reward, penalty };
    }
    return nonOverlappingType(shuffle(idx, rng));
  };
  const defenders = Array.from({ length: n }, (_, i) => ({
    resources: i === 0 ? Math.max(1, rng.int(maxK + 1)) : rng.int(maxK + 1),
    ...defenderPay(),
  }));
  return { attacker, defenders };
}

/** `count` instances from a named seed. */
export function randomInstances(seed: string, count: number, n: number | [number, number], m: number | [number, number], kind: InstanceKind = "generic", maxK = 1): SsgInstance[] {
  const rng = makeRng(seedFrom(seed));
  const pick = (r: number | [number, number]) => (typeof r === "number" ? r : r[0] + rng.int(r[1] - r[0] + 1));
  return Array.from({ length: count }, () => randomInstance(rng, pick(n), pick(m), kind, maxK));
}
