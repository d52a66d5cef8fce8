import { describe, expect, it } from "vitest";
import { firstNonFinite } from "../core/finite";
import type { RoundScore } from "../core/game";
import { finiteScore } from "./finite-score";

describe("the final guard against non-finite numbers", () => {
  it("firstNonFinite names the path of the first Infinity or NaN", () => {
    expect(firstNonFinite({ a: [1, 2, { b: Number.NaN }] })).toBe("a[2].b");
    expect(firstNonFinite({ a: [1, -Infinity] })).toBe("a[1]");
    expect(firstNonFinite({ a: [1, null, "x", { b: 1e308 }] })).toBeNull();
  });

  it("replaces non-finite scores by null (payoff 0), keeps everything else, and lists what it replaced", () => {
    const score: RoundScore = {
      players: {
        p1: { decision: { x: 1 }, outcome: { cost: Infinity, tax: 2 }, payoff: Number.NaN },
        p2: { decision: { x: 2 }, outcome: { cost: 3, tax: -2 }, payoff: 7 },
      },
      mechanism: { id: "m", version: "1", input: { a: 1 }, output: { t: [1, -Infinity] } },
      group: { budget: Number.NaN, distance: 0.5 },
    };
    const { score: s, problems } = finiteScore(score);
    expect(problems).toEqual(["p1.payoff", "p1.outcome.cost", "group.budget", "mechanism.output.t[1]"]);
    expect(s.players.p1).toEqual({ decision: { x: 1 }, outcome: { cost: null, tax: 2 }, payoff: 0 });
    expect(s.players.p2).toEqual(score.players.p2);
    expect(s.group).toEqual({ budget: null, distance: 0.5 });
    expect(s.mechanism).toEqual({ id: "m", version: "1", input: { a: 1 }, output: { t: [1, null] } });
  });

  it("returns a finite score unchanged", () => {
    const score: RoundScore = { players: { p1: { decision: {}, outcome: { a: 1 }, payoff: 1 } }, mechanism: { id: "m", version: "1", input: 1, output: 2 }, group: {} };
    expect(finiteScore(score)).toEqual({ score, problems: [] });
  });
});
