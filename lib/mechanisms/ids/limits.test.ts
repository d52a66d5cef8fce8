import { describe, expect, it } from "vitest";
import { IdsInputError, validateInstance } from "./model";
import { IDS_SOLVE_MAX_USERS, solveIdsCommand } from "./solve-cli";

const three = { alpha: [1, 1, 1], W: [[1, 1, 1], [1, 1, 1], [1, 1, 1]], c: [0.5, 0.9, 0.95] };
const errorOf = (raw: unknown) => {
  const r = solveIdsCommand(raw);
  if (r.ok) throw new Error("expected a refusal");
  return r.error;
};

describe("IDS magnitude ranges (no overflow can reach a result)", () => {
  it("refuses the issue's alpha = 1e300 and anything outside [1e-30, 1e30] (other than 0), naming the field", () => {
    expect(errorOf({ ...three, alpha: [1e300, 1, 1] })).toMatch(/^alpha\[0\] must be 0 or between 1e-30 and 1e\+30 \(got 1e\+300\); rescale/m);
    expect(errorOf({ ...three, c: [0.5, 1e-31, 1] })).toMatch(/^c\[1\] must be 0 or between/m);
    expect(errorOf({ ...three, q: [0, 0, 2e30] })).toMatch(/^q\[2\] must be 0 or between/m);
    expect(errorOf({ ...three, W: [[1, 1, 1], [1, 1, 1e-40], [1, 1, 1]] })).toMatch(/^W\[1\]\[2\] must be 0 or between/m);
    expect(() => validateInstance({ ...three, alpha: [1, 1e31, 1] })).toThrow(IdsInputError);
    expect(() => validateInstance({ ...three, alpha: [1, 1e30, 0] })).not.toThrow();
  });

  it("answers at the edges of the range with finite numbers", () => {
    const r = solveIdsCommand({ ...three, alpha: [1e30, 1e-30, 0], c: [1e-30, 1e30, 1] });
    expect(r.ok).toBe(true);
    if (r.ok) expect(JSON.stringify(r.output)).not.toMatch(/null|Infinity|NaN/);
  });
});

describe("solve ids size limit", () => {
  it(`refuses more than ${IDS_SOLVE_MAX_USERS} users before solving`, () => {
    const n = IDS_SOLVE_MAX_USERS + 1;
    const big = { alpha: new Array(n).fill(1), c: new Array(n).fill(1), W: Array.from({ length: n }, () => new Array(n).fill(0.01)) };
    expect(errorOf(big)).toMatch(/^alpha must list at most 200 users \(the size limit of solve ids\)/m);
  });
});
