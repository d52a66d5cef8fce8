/**
 * The advice of the payoff-range check matches the problem (findings A3): payoffs too small in absolute
 * terms (the scale is never below 1, docs/solvers.md) call for multiplying every payoff up; gaps too small
 * next to large payoffs call for widening the gap or shrinking the largest payoffs.
 */
import { describe, expect, it } from "vitest";
import { payoffRangeProblems, type SsgInstance } from "./model";

const base: SsgInstance = {
  attacker: { reward: [9, 7, 6, 5], penalty: [-3, -3, -2, -2] },
  defenders: [
    { resources: 1, reward: [6, 3, 1, 1], penalty: [-9, -5, -1, -1] },
    { resources: 1, reward: [1, 6, 3, 1], penalty: [-1, -9, -5, -1] },
  ],
};
const scaled = (g: SsgInstance, f: number): SsgInstance => ({
  attacker: { reward: g.attacker.reward.map((v) => v * f), penalty: g.attacker.penalty.map((v) => v * f) },
  defenders: g.defenders.map((d) => ({ resources: d.resources, reward: d.reward.map((v) => v * f), penalty: d.penalty.map((v) => v * f) })),
});

describe("payoffRangeProblems: the remedy matches the problem", () => {
  it("payoffs too small (all × 1e-9): scale every payoff up, never 'shrink'", () => {
    const errs = payoffRangeProblems(scaled(base, 1e-9));
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(/^the payoffs are too small: the largest \|payoff\| is 9\.0*1?e-9/);
    expect(errs[0]).toContain("multiply every payoff by the same factor so that the largest is at least 1 (e.g. × 1000000000;");
    expect(errs[0]).not.toMatch(/shrink/);
    // the advice works: the same game × 1e9 passes
    expect(payoffRangeProblems(scaled(scaled(base, 1e-9), 1e9))).toEqual([]);
  });

  it("gap too small next to large payoffs: widen the gap or shrink the largest payoffs, never 'multiply'", () => {
    const g = scaled(base, 100); // largest 900
    const errs = payoffRangeProblems({ ...g, attacker: { reward: [900, 7, 6, 5], penalty: [899.9999, -3, -2, -2] } });
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(/^attacker\.reward\[0\] − penalty\[0\] = .* is too small next to the payoff scale 900: .*widen the gap or shrink the largest payoffs$/);
    expect(errs[0]).not.toMatch(/multiply/);
  });

  it("tiny payoffs whose gaps are also too small relative to the largest: both remedies", () => {
    const g = scaled(base, 1e-3);
    const errs = payoffRangeProblems({ ...g, attacker: { reward: [9e-3, 7e-3, 6e-3, 5e-3], penalty: [9e-3 - 1e-12, -3e-3, -2e-3, -2e-3] } });
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(/^the payoffs are too small: .*; widen the gap, and multiply every payoff by the same factor so that the largest is at least 1$/);
  });
});
