import { describe, expect, it } from "vitest";
import type { PivotalView } from "@/lib/games/ids-pivotal/views";
import { lonerPreview, readReport, shownBounds, truthfulDraft } from "./preview";

const view = (protection: number | null, q = 0): PivotalView => ({
  n: 3,
  me: { index: 1, alpha: 10, c: 1.2, q, ownWeight: 1, othersWeights: [{ member: 0, weight: 0.5 }] },
  rules: { information: "incomplete", participation: "choice", loner: "free", feedback: "investments", xMax: 10, endowment: 10, pointsScale: 10 },
  reportBounds: { alpha: [5, 20], c: [0.6, 2.4], q: q > 0 ? [q / 2, 2 * q] : null },
  myJoin: false,
  myReport: null,
  myLonerX: null,
  announcement: protection === null ? null : { joined: [true, false, true], prescribed: [2, null, 1], myPrescribed: null, myTax: null, protectionAnnounced: protection },
  lastJoined: null,
  last: null,
  results: null,
});

describe("Pivotal UI helpers", () => {
  it("loner preview: f = α·exp(−(W_ii·x + announced protection)), h = c·x + q·x²/2, points = scale·(endowment − f − h)", () => {
    const p = lonerPreview(view(1.5, 0.2), 2);
    const f = 10 * Math.exp(-(2 + 1.5));
    const h = 1.2 * 2 + (0.2 * 4) / 2;
    expect(p.risk).toBeCloseTo(f, 12);
    expect(p.invest).toBeCloseTo(h, 12);
    expect(p.points).toBeCloseTo(10 * (10 - f - h), 12);
    expect(lonerPreview(view(null), 0).risk).toBeCloseTo(10, 12);
  });

  it("reads the report form with the server's bounds", () => {
    const v = view(0);
    expect(readReport(v, truthfulDraft(v))).toEqual({ alpha: 10, c: 1.2, q: 0 });
    expect(readReport(v, { alpha: "12,5", c: "0.6", q: "" })).toEqual({ alpha: 12.5, c: 0.6, q: 0 }); // q_i = 0: nothing to report
    expect(readReport(v, { alpha: "25", c: "1", q: "0" })).toBeNull(); // α above 2·10
    expect(readReport(v, { alpha: "10", c: "abc", q: "0" })).toBeNull();
    const withQ = view(0, 0.2);
    expect(readReport(withQ, { alpha: "10", c: "1.2", q: "0.5" })).toBeNull(); // q above 2·0.2
    expect(readReport(withQ, { alpha: "10", c: "1.2", q: "0,3" })).toEqual({ alpha: 10, c: 1.2, q: 0.3 });
    expect(shownBounds([0.33333333, 1.6666666])).toEqual([0.3334, 1.6666]);
  });
});
