import { describe, expect, it } from "vitest";
import type { IdsView } from "@/lib/games/ids-investment/views";
import { previewCost } from "./preview";

const view = (protection: number | null): IdsView => ({
  me: { index: 0, alpha: 10, c: 1, q: 0.5, ownWeight: 1, othersWeights: [{ member: 1, weight: 0.5 }] },
  xMax: 5,
  endowment: 10,
  pointsScale: 10,
  myDecision: null,
  last: protection === null ? null : { x: 1, protection, points: 50, bot: false },
  results: null,
});

describe("IDS cost preview", () => {
  it("uses f = α·exp(−(W_ii·x + protection)), h = c·x + q·x²/2 and points = scale·(endowment − f − h)", () => {
    const p = previewCost(view(0.75), 2);
    const f = 10 * Math.exp(-(2 + 0.75));
    const h = 2 + (0.5 * 4) / 2;
    expect(p.risk).toBeCloseTo(f, 12);
    expect(p.invest).toBeCloseTo(h, 12);
    expect(p.total).toBeCloseTo(f + h, 12);
    expect(p.points).toBeCloseTo(10 * (10 - f - h), 12);
  });

  it("assumes no protection from others in the first round", () => {
    expect(previewCost(view(null), 0).risk).toBeCloseTo(10, 12);
  });
});
