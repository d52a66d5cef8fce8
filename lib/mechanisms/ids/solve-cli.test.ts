import { describe, expect, it } from "vitest";
import { solveIdsCommand } from "./solve-cli";

const good = { alpha: [1, 1, 1], W: [[1, 1, 1], [1, 1, 1], [1, 1, 1]], c: [0.5, 0.9, 0.95] };

describe("solveIdsCommand", () => {
  it("returns every documented field for a valid instance", () => {
    const r = solveIdsCommand(good);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const o = r.output as Record<string, Record<string, unknown>>;
    expect((o.socialOptimum!.x as number[])[0]).toBeCloseTo(Math.log(3 / 0.5), 9);
    expect(typeof o.socialOptimum!.cost).toBe("number");
    expect(o.nash!.x).toHaveLength(3);
    for (const k of ["pivotal", "pivotalFullInfo", "externality"]) {
      expect(o[k]!.taxes).toHaveLength(3);
      expect(typeof o[k]!.budget).toBe("number");
    }
    expect(o.pivotal!.participation).toEqual([true, true, true]);
    expect((o.externality!.participation as boolean[]).every((p) => typeof p === "boolean")).toBe(true);
    expect(JSON.parse(JSON.stringify(r.output))).toEqual(r.output);
  });

  it("accepts q and rejects bad input with messages naming the field", () => {
    expect(solveIdsCommand({ ...good, q: [0, 0.1, 0.2] }).ok).toBe(true);
    const cases: [unknown, RegExp][] = [
      [{ ...good, W: [[1, 1, 1], [1, 1, 1], [1, 1]] }, /^W\[2\] must have 3 entries/m],
      [{ ...good, W: [[1, 1, 1], [1, -1, 1], [1, 1, 1]] }, /^W\[1\]\[1\] must be >= 0/m],
      [{ ...good, c: [1, 2] }, /^c must have 3 entries/m],
      [{ ...good, q: [1] }, /^q must have 3 entries/m],
      [{ ...good, alpha: [1, "x", 1] }, /^alpha\[1\] must be a finite number/m],
      [{ ...good, c: [0, 1, 1] }, /^c\[0\] must be > 0 when q is 0/m],
      [{ alpha: [1], c: [1] }, /^W is required/m],
      [{ ...good, extra: 1 }, /unknown field\(s\): extra/],
      [{ ...good, alpha: [] }, /^alpha must list at least one user/m],
      [[1, 2], /the instance must be a JSON object/],
      [{ ...good, W: [[1, 1, 1], [1, 1, 1], "row"] }, /^W\[2\] must be a list of numbers/m],
    ];
    for (const [input, re] of cases) {
      const r = solveIdsCommand(input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(re);
    }
  });
});
