import { describe, expect, it } from "vitest";
import { byRound, histogram, mean, numberArray, quantile, ratePoint, summary } from "./stats";

describe("chart statistics", () => {
  it("mean and type-7 quantiles by hand", () => {
    expect(mean([1, 2, 3, 6])).toBe(3);
    expect(mean([])).toBeNull();
    // sorted 1 2 3 6: h = 3·0.1 = 0.3 → 1 + 0.3·(2−1); h = 3·0.9 = 2.7 → 3 + 0.7·(6−3)
    expect(quantile([6, 1, 3, 2], 0.1)).toBeCloseTo(1.3, 12);
    expect(quantile([6, 1, 3, 2], 0.9)).toBeCloseTo(5.1, 12);
    expect(quantile([4], 0.9)).toBe(4);
    expect(summary(2, [6, 1, 3, 2])).toEqual({ x: 2, y: 3, lo: 1.3, hi: 5.1, n: 4 });
  });

  it("histogram: equal bins, left-closed, the last closed, outliers clamped into the end bins", () => {
    expect(histogram([0, 0.5, 1, 1, 9, -3], 0, 1, 2)).toEqual([
      { label: "0–0.5", share: Math.round((2 / 6) * 1e9) / 1e9, n: 2 },
      { label: "0.5–1", share: Math.round((4 / 6) * 1e9) / 1e9, n: 4 },
    ]);
    expect(histogram([], 0, 1, 2).map((b) => b.share)).toEqual([null, null]);
  });

  it("rates count true among the flags, null without any", () => {
    expect(ratePoint(1, [true, false, true, true])).toEqual({ x: 1, y: 0.75, n: 4 });
    expect(ratePoint(1, [])).toEqual({ x: 1, y: null, n: 0 });
  });

  it("reads JSON vectors from record cells and groups rounds in order", () => {
    expect(numberArray("[0.5,0.25]")).toEqual([0.5, 0.25]);
    expect(numberArray("[\"a\"]")).toBeNull();
    expect(numberArray("not json")).toBeNull();
    const r = (round: number, groupId: string) => ({ round, groupId, group: {}, players: [] });
    expect(byRound([r(2, "g1"), r(1, "g1"), r(1, "g2")]).map(([k, v]) => [k, v.map((x) => x.groupId)])).toEqual([
      [1, ["g1", "g2"]],
      [2, ["g1"]],
    ]);
  });
});
