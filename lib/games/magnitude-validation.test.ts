/**
 * Treatments whose numbers could overflow (issue 11, item 2) are refused at validation with the
 * field named, for every IDS and CIP game; the mechanism core never sees them.
 */
import { describe, expect, it } from "vitest";
import { loadErrors as cipErrors } from "./cip-contracts/testing";
import { REF_PARAMS } from "./cip-contracts/testing";
import { loadErrors } from "./ids-mechanisms-common/testing";

const ids = { alpha: [2, 3, 4], W: [[1, 0.2, 0.1], [0.2, 1, 0.3], [0.1, 0.3, 1]], c: [0.3, 0.5, 0.7] };

describe("IDS treatments: magnitudes", () => {
  it("ids-investment loads in range and refuses alpha, c, q, W outside [1e-30, 1e30] and huge point scales", () => {
    expect(loadErrors("ids-investment", ids)).toEqual([]);
    expect(loadErrors("ids-investment", { ...ids, alpha: [1e-31, 3, 4] }).join("\n")).toMatch(/params\.alpha\[0\]: .*must be 0 or between 1e-30 and 1e\+30/);
    // (numbers above 1e9 are refused for every game by the engine's treatment limits)
    expect(loadErrors("ids-investment", { ...ids, alpha: [1e300, 3, 4] }).join("\n")).toMatch(/params\.alpha\[0\]/);
    expect(loadErrors("ids-investment", { ...ids, c: [0.3, 1e-40, 0.7] }).join("\n")).toMatch(/params\.c\[1\]: .*must be 0 or between/);
    expect(loadErrors("ids-investment", { ...ids, q: [0, 0, 1e-35] }).join("\n")).toMatch(/params\.q\[2\]: .*must be 0 or between/);
    expect(loadErrors("ids-investment", { ...ids, W: [[1, 1e-300, 0], [0, 1, 0], [0, 0, 1]] }).join("\n")).toMatch(/params\.W\[0\]\[1\]: .*must be 0 or between/);
    expect(loadErrors("ids-investment", { ...ids, pointsScale: 1e8 }).join("\n")).toMatch(/params\.pointsScale: pointsScale must be at most/);
  });

  it("the mechanism games refuse the same magnitudes", () => {
    for (const game of ["ids-pivotal", "ids-externality"])
      expect(loadErrors(game, { ...ids, alpha: [2, 3, 1e-31] }).join("\n")).toMatch(/params\.alpha\[2\]: .*must be 0 or between/);
  });
});

describe("CIP treatments: magnitudes", () => {
  it("refuses reward rates, evaluation rates, types and point scales that could overflow", () => {
    expect(cipErrors(REF_PARAMS)).toEqual([]);
    const types = (REF_PARAMS.types as Record<string, unknown>[]).map((t, i) => (i === 0 ? { ...t, rewardRate: 1e8 } : t));
    expect(cipErrors({ ...REF_PARAMS, types }).join("\n")).toMatch(/rewardRate must be at most/);
    expect(cipErrors({ ...REF_PARAMS, evaluationRate: 1e8 }).join("\n")).toMatch(/evaluationRate must be at most/);
    expect(cipErrors({ ...REF_PARAMS, pointsScale: 1e8 }).join("\n")).toMatch(/pointsScale must be at most/);
  });
});
