import { describe, expect, it } from "vitest";
import { attackerUtility, bestResponseSet, combineCoverage, defenderUtility } from "@/lib/mechanisms/ssg";
import type { SsgView } from "@/lib/games/ssg-defense/views";
import { chanceRow, evenly, previewAllocation, previewChange, readCoverage, setCoverage, usedUnits } from "./preview";

const attacker = { reward: [9, 7, 6, 5], penalty: [-3, -3, -2, -2] };
const me = { index: 0, resources: 1, reward: [6, 3, 1, 1], penalty: [-9, -5, -1, -1] };
const g = { attacker, defenders: [me] };

const view = (over: Partial<SsgView> = {}): SsgView => ({
  mode: "uncoordinated",

  targets: ["A", "B", "C", "D"],
  me,
  resources: [1, 1, 1],
  attacker,
  mechanism: null,
  pay: "expected",
  pointsScale: 10,
  pointsOffset: 100,
  join: null,
  task: "allocate",
  mySubmission: { coverage: null },
  last: { own: null, others: null },
  recommendation: null,
  results: null,
  ...over,
});

describe("the allocation widget", () => {
  it("never lets coverage leave [0, 1] or exceed the resources", () => {
    let c = [0, 0, 0, 0];
    c = setCoverage(c, 0, 0.7, 1);
    c = setCoverage(c, 1, 0.6, 1);
    expect(c).toEqual([0.7, 0.3, 0, 0]);
    expect(setCoverage(c, 2, -1, 1)[2]).toBe(0);
    expect(setCoverage([0, 0, 0], 0, 1.5, 2)).toEqual([1, 0, 0]);
    expect(usedUnits(setCoverage(c, 3, 1, 1))).toBe(1);
    expect(setCoverage(c, 0, Number.NaN, 1)[0]).toBe(0);
    expect(evenly(3, 1)).toEqual([0.33, 0.33, 0.33]);
    expect(evenly(4, 2)).toEqual([0.5, 0.5, 0.5, 0.5]);
    expect(readCoverage("[0.5,0.25]", 2)).toEqual([0.5, 0.25]);
    for (const junk of ["", "{", "[0.5]", "[2,0]", '["a",0]']) expect(readCoverage(junk, 2)).toEqual([0, 0]);
  });

  it("previews eq. (2) with last round's coverage of the others, the attacker's best response and my expected utility", () => {
    const others = [0.5, 0.2, 0.1, 0];
    const own = [0.4, 0.3, 0.2, 0.1];
    const p = previewAllocation(view({ last: { own: null, others } }), own);
    const c = combineCoverage([own, others], 4);
    p.combined.forEach((x, t) => expect(x).toBeCloseTo(c[t]!, 12));
    p.attackerValues!.forEach((u, t) => expect(u).toBeCloseTo(attackerUtility(g, c, t), 12));
    expect(p.likely).toEqual(bestResponseSet(g, c));
    expect(p.myExpected).toBeCloseTo(defenderUtility(g, 0, c, p.likely[0]!), 12);
  });

  it("counts only my own coverage when nothing is known of the others, shows ties, and predicts nothing with a hidden attacker", () => {
    const p = previewAllocation(view(), [0, 0, 0, 0]);
    expect(p.combined).toEqual([0, 0, 0, 0]);
    expect(p.likely).toEqual([0]);
    const tie = previewAllocation(view({ attacker: { reward: [1, 1, 1, 1], penalty: [0, 0, 0, 0] } }), [0.5, 0, 0, 0.5]);
    expect(tie.likely).toEqual([1, 2]);
    expect(tie.myExpected).toBeNull();
    const hidden = previewAllocation(view({ attacker: null }), [0.5, 0, 0, 0.5]);
    expect([hidden.attackerValues, hidden.likely, hidden.myExpected]).toEqual([null, [], null]);
  });

  it("previews a changed recommendation as base + coef ∘ d and keeps the plan's target while it is a best response", () => {
    const rec = { mine: [0], plan: [0.75, 0.75, 0.5, 0.5], planTarget: 2, base: [0.5, 0.75, 0.5, 0.5], coef: [0.25, 0, 0.1, 0.1], fallback: false, myPlay: null };
    const v = view({ task: null, attacker: { reward: [1, 1, 1, 1], penalty: [0, 0, 0, 0] }, recommendation: rec });
    const follow = previewChange(v, [1, 0, 0, 0])!;
    expect(follow.combined).toEqual([0.75, 0.75, 0.5, 0.5]);
    expect(follow.likely).toEqual([2]); // C and D tie; the plan names C
    const away = previewChange(v, [0, 0, 0, 1])!;
    expect(away.combined).toEqual([0.5, 0.75, 0.5, 0.6]);
    expect(away.likely).toEqual([2]);
    const lure = previewChange(v, [0, 0, 1, 0])!;
    expect(lure.likely).toEqual([0, 3]);
  });
});

describe("the results row \"Chance <target> was protected\"", () => {
  it("shows the number, says why it is withheld (othersFeedback pooled), or is left out (feedback outcome)", () => {
    expect(chanceRow({ coverage: [0.5, 0.5], coverageWithheld: false })).toBe("shown");
    expect(chanceRow({ coverage: null, coverageWithheld: true })).toBe("withheld");
    expect(chanceRow({ coverage: null, coverageWithheld: false })).toBe("none");
  });
});
