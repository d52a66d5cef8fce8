import { describe, expect, it } from "vitest";
import { makeRng, seedFrom } from "../../core/rng";
import {
  attackerUtility,
  bestResponseSet,
  cswMaxFull,
  decomposeJoint,
  defenderUtility,
  jointMarginals,
  playTarget,
  validateInstance,
  type JointAllocation,
} from "../../mechanisms/ssg";
import { example52, randomInstances } from "../../mechanisms/ssg/testing";
import { attackedTarget, indicator, modificationMap, playedMarginals, residualGame, runMechanism, unsolvableReports } from "./coordination";
import { OPEN_INSTANCE } from "./fixtures";

describe("the residual game of a coalition (loners' coverage fixed first)", () => {
  it("gives every player exactly the utility of the combined coverage ℓ ⊕ y (eq. 2)", () => {
    const rng = makeRng(seedFrom("residual"));
    for (const g of randomInstances("residual-games", 20, [2, 4], [3, 6], "generic", 2)) {
      const m = g.attacker.reward.length;
      const fixed = Array.from({ length: m }, () => (rng.next() < 0.2 ? 0 : rng.next() * 0.95));
      const members = [0, 1].map((i) => g.defenders[i]!);
      const res = residualGame(g.attacker, members, fixed);
      expect(validateInstance(res)).toEqual([]);
      for (let k = 0; k < 5; k++) {
        const y = Array.from({ length: m }, () => rng.next());
        const c = fixed.map((l, t) => 1 - (1 - l) * (1 - y[t]!));
        for (let t = 0; t < m; t++) {
          expect(attackerUtility(res, y, t)).toBeCloseTo(attackerUtility(g, c, t), 10);
          members.forEach((_, a) => expect(defenderUtility(res, a, y, t)).toBeCloseTo(defenderUtility(g, a, c, t), 10));
        }
      }
    }
  });

  it("stays a valid game when a loner fully covers a target, and a mechanism runs on it", () => {
    const [g] = randomInstances("residual-full", 1, 3, 4, "generic", 1);
    const res = residualGame(g!.attacker, g!.defenders.slice(0, 2), [1, 0, 0.5, 1]);
    expect(validateInstance(res)).toEqual([]);
    const run = runMechanism("cswMax", res);
    expect(run.ok).toBe(true);
  });

  it("is the game itself when nobody acts alone", () => {
    const res = residualGame(example52.attacker, example52.defenders, [0, 0, 0, 0, 0]);
    expect(res).toEqual({ attacker: example52.attacker, defenders: example52.defenders });
  });
});

describe("running a mechanism", () => {
  it("returns a failure instead of throwing when the solver refuses the game", () => {
    const broken = { ...example52, defenders: [{ ...example52.defenders[0]!, penalty: [9, 0, 0, 0, 0] }, ...example52.defenders.slice(1)] };
    const run = runMechanism("cswMax", broken);
    expect(run.ok).toBe(false);
    if (!run.ok) expect(run.error).toMatch(/no certified NSE of the reported game .*reward\[0\] must be greater than penalty\[0\]/);
    expect(runMechanism("cswMaxNse", example52).ok).toBe(false); // no status quo given
  });

  it("solves the §4.5 game that had no certified NSE before the exact-budget stage", () => {
    expect(runMechanism("cswMax", OPEN_INSTANCE).ok).toBe(true);
  });

  it("refuses reported payoffs whose gaps are too small to solve reliably, naming the report", () => {
    const reported = [{ ...example52.defenders[0]!, reward: [1e-9, ...example52.defenders[0]!.reward.slice(1)], penalty: [0, ...example52.defenders[0]!.penalty.slice(1)] }, ...example52.defenders.slice(1)];
    const run = unsolvableReports(example52.attacker, reported);
    expect(run).not.toBeNull();
    if (run && !run.ok) expect(run.error).toMatch(/reported payoffs cannot be solved reliably: defenders\[0\]\.reward\[0\] − penalty\[0\]/);
    expect(unsolvableReports(example52.attacker, example52.defenders)).toBeNull();
  });

  it("decomposes its coverage into a joint plan with the same marginals", () => {
    const run = runMechanism("dictatorship", example52);
    expect(run.ok).toBe(true);
    if (!run.ok) return;
    jointMarginals(run.dist, 5).forEach((x, t) => expect(x).toBeCloseTo(run.coverage[t]!, 12));
    expect(run.dictator).toBe(0);
  });
});

describe("the attacked target", () => {
  it("keeps the plan's target while it is a best response, else follows the play rule", () => {
    const { outcome } = cswMaxFull(example52);
    expect(bestResponseSet(example52, outcome.coverage).length).toBeGreaterThan(1);
    expect(attackedTarget(example52, outcome.coverage, outcome.target)).toBe(outcome.target);
    const lowered = outcome.coverage.map((x, t) => (t === 4 ? x - 0.1 : x));
    expect(attackedTarget(example52, lowered, outcome.target)).toBe(4);
    expect(attackedTarget(example52, outcome.coverage, null)).toBe(playTarget(example52, outcome.coverage));
  });
});

/** The modified joint distribution written out: defender i plays `set` whenever she is told `told`. */
function replaceWhenTold(dist: readonly JointAllocation[], i: number, told: readonly number[], set: number[]): JointAllocation[] {
  return dist.map((e) => ({
    prob: e.prob,
    assignment: e.assignment.map((s, j) => (j === i && s.join() === told.join() ? set : s)),
  }));
}

describe("modified recommendations (Definition 5.1)", () => {
  const { outcome } = cswMaxFull(example52);
  const dist = decomposeJoint(example52, outcome.coverage, outcome.target);
  const told = dist[0]!.assignment.map((s) => [...s]);

  it("leave the plan's coverage unchanged when everybody follows", () => {
    const r = playedMarginals(dist, 5, told, [null, null, null]);
    r.coverage.forEach((x, t) => expect(x).toBeCloseTo(outcome.coverage[t]!, 12));
    const own = r.own.reduce((acc, o) => acc.map((x, t) => x + o[t]!), [0, 0, 0, 0, 0]);
    own.forEach((x, t) => expect(x).toBeCloseTo(outcome.coverage[t]!, 12)); // the plan never double-covers
  });

  it("match the marginals of the modified joint distribution, for a pure change", () => {
    for (let i = 0; i < 3; i++)
      for (let t = 0; t < 5; t++) {
        const d = indicator([t], 5);
        const plays = [null, null, null].map((_, j) => (j === i ? d : null));
        const r = playedMarginals(dist, 5, told, plays);
        const direct = jointMarginals(replaceWhenTold(dist, i, told[i]!, [t]), 5);
        r.coverage.forEach((x, u) => expect(x).toBeCloseTo(direct[u]!, 12));
      }
  });

  it("are the affine map base + coef ∘ d the browser previews, for a mixed change", () => {
    const rng = makeRng(seedFrom("affine"));
    for (let i = 0; i < 3; i++) {
      const d = Array.from({ length: 5 }, () => rng.next() / 5);
      const { base, coef } = modificationMap(dist, 5, i, told[i]!);
      const r = playedMarginals(dist, 5, told, [0, 1, 2].map((j) => (j === i ? d : null)));
      r.coverage.forEach((x, t) => expect(x).toBeCloseTo(base[t]! + coef[t]! * d[t]!, 12));
    }
  });
});
