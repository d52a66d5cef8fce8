import { describe, expect, it } from "vitest";
import { example4AllParticipate, idsPaperFigures, spreadCosts } from "./ids";
import { figureCsvColumns } from "./figure";

const figs = idsPaperFigures();
const rows = [...figs[0]!.rows, ...figs[1]!.rows];
const n = (v: unknown) => v as number;

describe("IDS figures (Naghizadeh & Liu, total-effort examples)", () => {
  it("the cost family: c_1 < … < c_N with (c_N − c_1)/c_1 = d", () => {
    const c = spreadCosts(5, 3, 1);
    expect(c[0]).toBeCloseTo(1.5, 12);
    expect(c[4]).toBe(3);
    for (let i = 1; i < 5; i++) expect(c[i]!).toBeGreaterThan(c[i - 1]!);
  });

  it("Pivotal (eq. 6) runs a deficit or breaks even at every point and never exceeds the paper's bound (5) where it applies", () => {
    let bounded = 0;
    for (const r of rows) {
      expect(n(r.pivotal_budget)).toBeLessThanOrEqual(1e-9);
      if (r.paper_bound_eq5 !== null) {
        bounded++;
        expect(n(r.pivotal_budget)).toBeLessThanOrEqual(n(r.paper_bound_eq5) + 1e-9);
      }
    }
    expect(bounded).toBeGreaterThan(10);
    expect(rows.some((r) => n(r.pivotal_budget) < -1)).toBe(true);
  });

  it("full information collects at least as much as incomplete information (eq. 9); the Externality budget is zero", () => {
    for (const r of rows) {
      expect(n(r.pivotal_full_info_budget)).toBeGreaterThanOrEqual(n(r.pivotal_budget) - 1e-9);
      expect(Math.abs(n(r.externality_budget))).toBeLessThan(1e-9);
    }
  });

  it("Pivotal: everyone participates (Prop. 2); Externality: everyone participates exactly where Example 4's condition says so", () => {
    let compared = 0;
    for (const r of rows) {
      expect(r.pivotal_participation).toBe(1);
      expect(r.pivotal_full_info_participation).toBe(1);
      const c = [n(r.c_1), n(r.c_2)];
      if (r.paper_example4_participation !== null) {
        compared++;
        expect(r.externality_participation === 1, JSON.stringify(r)).toBe(r.paper_example4_participation === 1);
      }
      expect(c[0]!).toBeLessThan(c[1]!);
    }
    expect(compared).toBeGreaterThan(10);
    // both outcomes occur along the sweeps
    expect(rows.some((r) => r.externality_participation === 1)).toBe(true);
    expect(rows.some((r) => n(r.externality_participation) < 1)).toBe(true);
  });

  it("more users deepen the Pivotal deficit in this family (measured)", () => {
    const b = figs[0]!.rows.map((r) => n(r.pivotal_budget));
    for (let i = 1; i < b.length; i++) expect(b[i]!).toBeLessThanOrEqual(b[i - 1]! + 1e-9);
  });

  it("Example 4's condition is null outside its premise", () => {
    expect(example4AllParticipate([2.9, 2.95])).toBeNull(); // N = 2: empty premise
    expect(example4AllParticipate([2.9, 2.95, 2.97, 2.99])).toBe(true);
    expect(example4AllParticipate([0.5, 0.9, 0.95, 0.99])).toBe(false);
  });

  it("CSV columns: x, the series, then the context", () => {
    for (const f of figs) expect(figureCsvColumns(f).slice(0, 5)).toEqual([f.x.field, ...f.series.map((s) => s.field)]);
  });
});
