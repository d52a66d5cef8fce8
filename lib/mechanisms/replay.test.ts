import { describe, expect, it } from "vitest";
import { mechanismUnits } from "./registry";
import { compareValues, FLOAT_TOLERANCE, replayRound } from "./replay";
import { unitKey } from "./unit";

describe("comparing recorded and recomputed outputs", () => {
  it("is exact for whole numbers, strings, booleans and null", () => {
    expect(compareValues({ a: 3, s: "x", b: true, n: null }, { a: 3, s: "x", b: true, n: null })).toEqual([]);
    expect(compareValues({ a: 3 }, { a: 4 })).toEqual([{ path: "a", recorded: 3, recomputed: 4 }]);
    expect(compareValues({ s: "x" }, { s: "y" })).toHaveLength(1);
    expect(compareValues([true], [false])).toEqual([{ path: "[0]", recorded: true, recomputed: false }]);
    expect(compareValues({ n: null }, { n: 0 })).toHaveLength(1);
  });

  it("lets other numbers differ by the relative tolerance only", () => {
    const x = 1234.5678;
    expect(compareValues(x, x * (1 + FLOAT_TOLERANCE / 2))).toEqual([]);
    expect(compareValues(x, x * (1 + FLOAT_TOLERANCE * 4))).toHaveLength(1);
    expect(compareValues(0.1, 0.1 + 1e-12)).toEqual([]);
    expect(compareValues(0.1, 0.1 + 1e-6)).toHaveLength(1);
  });

  it("names the path of nested differences, missing keys and different lengths", () => {
    const d = compareValues({ o: { cis: [{ p: 1.5 }, { p: 2.5 }] }, k: 1 }, { o: { cis: [{ p: 1.5 }, { p: 2.75 }, { p: 1 }] } });
    expect(d).toEqual([
      { path: "o.cis", recorded: "2 entries", recomputed: "3 entries", note: "different lengths" },
      { path: "o.cis[1].p", recorded: 2.5, recomputed: 2.75 },
      { path: "k", recorded: 1, recomputed: "(missing)" },
    ]);
  });
});

describe("the registry", () => {
  it("lists every unit once, with a title", () => {
    const keys = mechanismUnits.map(unitKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(
      expect.arrayContaining(["ids-unregulated@1.0.0", "ids-pivotal-incomplete@1.0.0", "ids-pivotal-full@1.0.0", "ids-externality@1.0.0", "ssg-uncoordinated@2.0.0", "ssg-csw-max@2.0.0", "ssg-csw-max-nse@2.0.0", "ssg-dictatorship@2.0.0", "cip-algorithm1@1.0.0", "cip-equal-split@1.0.0"]),
    );
    for (const u of mechanismUnits) expect(u.title.length).toBeGreaterThan(10);
  });

  it("reports an unknown id@version instead of guessing", () => {
    expect(replayRound({ mechanism: { id: "ids-unregulated", version: "9.9.9" }, input: {}, output: {} })).toEqual([
      { path: "mechanism", recorded: "ids-unregulated@9.9.9", recomputed: null, note: "no mechanism unit ids-unregulated@9.9.9 in this version of mechlab" },
    ]);
  });
});
