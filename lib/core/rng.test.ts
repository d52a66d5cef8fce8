import { describe, expect, it } from "vitest";
import { deriveState, makeRng, RngStateSchema, sameRngState, seedFrom, shuffle, splitRng, upgradeRngState, type RngState } from "./rng";

const draws = (st: RngState, n: number) => {
  const r = makeRng(st);
  return Array.from({ length: n }, () => r.int(2 ** 32));
};

describe("seeded RNG (xoroshiro128+)", () => {
  it("keeps 128 bits of state: seeds equal in their low 32 bits still give different streams", () => {
    const a: RngState = { xoroshiro128plus: [1, 2, 3, 42] };
    const b: RngState = { xoroshiro128plus: [7, 2, 3, 42] };
    const c: RngState = { xoroshiro128plus: [1, 2, 9, 42] };
    expect(draws(a, 8)).not.toEqual(draws(b, 8));
    expect(draws(a, 8)).not.toEqual(draws(c, 8));
    // a seed string fills all four words
    const words = seedFrom("pilot-1").xoroshiro128plus;
    expect(new Set(words).size).toBe(4);
    expect(words.every((w) => Number.isInteger(w) && w >= -(2 ** 31) && w < 2 ** 31)).toBe(true);
  });

  it("continues the same stream after a JSON round-trip of its state", () => {
    const r = makeRng(seedFrom("round-trip"));
    for (let i = 0; i < 5; i++) r.next();
    const saved = JSON.parse(JSON.stringify(r.state())) as RngState;
    const expected = Array.from({ length: 20 }, () => [r.next(), r.int(13)]);
    const resumed = makeRng(saved);
    expect(Array.from({ length: 20 }, () => [resumed.next(), resumed.int(13)])).toEqual(expected);
    expect(sameRngState(resumed.state(), r.state())).toBe(true);
  });

  it("draws every order of 4 seats with about equal frequency (chi-square, fixed seed)", () => {
    const rng = makeRng(seedFrom("shuffle-4"));
    const counts = new Map<string, number>();
    const N = 24_000;
    for (let i = 0; i < N; i++) {
      const k = shuffle([0, 1, 2, 3], rng).join("");
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    expect(counts.size).toBe(24);
    const expected = N / 24;
    const chi2 = [...counts.values()].reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    // 23 degrees of freedom: P(chi2 > 60) < 1e-4 for a fair shuffle
    expect(chi2).toBeLessThan(60);
  });

  it("gives floats in [0, 1) and unbiased integers in [0, n), and refuses a bad n", () => {
    const r = makeRng(seedFrom("ranges"));
    const seen = new Array<number>(3).fill(0);
    for (let i = 0; i < 30_000; i++) {
      const x = r.next();
      expect(x >= 0 && x < 1).toBe(true);
      seen[r.int(3)]! += 1;
    }
    for (const c of seen) expect(Math.abs(c - 10_000)).toBeLessThan(400);
    expect(() => r.int(0)).toThrow(/whole number/);
    expect(() => r.int(2.5)).toThrow(/whole number/);
  });

  it("derives independent streams without advancing the parent", () => {
    const st = seedFrom("parent");
    const before = JSON.stringify(st);
    const bot1 = deriveState(st, "bot", 1, 3);
    const bot2 = deriveState(st, "bot", 2, 3);
    expect(JSON.stringify(st)).toBe(before);
    expect(draws(bot1, 4)).not.toEqual(draws(bot2, 4));
    expect(deriveState(st, "bot", 1, 3)).toEqual(bot1);
  });

  it("converts a legacy 32-bit { s } state deterministically", () => {
    const up = upgradeRngState({ s: 123456789 });
    expect(up).toEqual(upgradeRngState({ s: 123456789 }));
    expect(up).not.toEqual(upgradeRngState({ s: 123456790 }));
    expect(draws(up, 5)).toEqual(draws(upgradeRngState({ s: 123456789 }), 5));
    // makeRng accepts the legacy state directly and continues as its upgraded form
    expect(makeRng({ s: 123456789 }).state()).toEqual(up);
  });
});

describe("splitRng", () => {
  it("advances the parent and gives a replayable child stream", () => {
    const parent = makeRng(seedFrom("split"));
    const before = parent.state();
    const child = splitRng(parent);
    expect(sameRngState(parent.state(), before)).toBe(false);
    expect(RngStateSchema.parse(JSON.parse(JSON.stringify(child)))).toEqual(child);
    expect(draws(child, 5)).toEqual(draws(child, 5));
    const again = makeRng(before);
    expect(splitRng(again)).toEqual(child);
  });
});
