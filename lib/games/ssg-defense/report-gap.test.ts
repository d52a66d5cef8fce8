/**
 * The report's minimum gap (reward − penalty ≥ MIN_PAYOFF_GAP = 0.001) is decided on the decimal values
 * people type, not on their binary difference (findings A5): 1000 / 999.999 has a gap of exactly 0.001
 * although 1000 − 999.999 = 0.000999999999976 in doubles. What the report check accepts the mechanism's
 * own range check accepts too (else the group would fall back to the status quo).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadTreatment } from "../../engine";
import { gapAtLeast, decimalDifference, payoffRangeProblems } from "../../mechanisms/ssg";
import { games } from "../registry";
import { unsolvableReports } from "./coordination";
import { MIN_PAYOFF_GAP, SsgParams } from "./params";
import { checkReport } from "./state";

const file = join(import.meta.dirname, "../../../examples/treatments/ssg-defense-coordinated-join.json");
const treatment = () => JSON.parse(readFileSync(file, "utf8")) as { params: Record<string, unknown> } & Record<string, unknown>;
const P = SsgParams.parse(treatment().params);
const report = (r: number, p: number) => ({ reward: [r, 6, 3, 1], penalty: [p, -9, -5, -1] });

describe("report gap of at least 0.001, in decimal (A5)", () => {
  it.each([
    [1000, 999.999],
    [-999.999, -1000],
    [0.3, 0.299],
    [0.001, 0],
    [5.001, 5],
  ])("accepts %s / %s (gap exactly 0.001)", (r, p) => {
    expect(checkReport(P, report(r, p))).toEqual({ ok: true });
    // the mechanism can solve what the check accepts: no fallback for the group
    expect(unsolvableReports(P.attacker, [{ resources: 1, ...report(r, p) }, ...P.defenders.slice(1)])).toBeNull();
  });

  it.each([
    [1000, 999.9995],
    [0.3, 0.2991],
    [-999.9991, -1000],
    [1, 0.9990000000000001],
  ])("refuses %s / %s (gap below 0.001) with the exact minimum in the message", (r, p) => {
    const c = checkReport(P, report(r, p));
    expect(c.ok).toBe(false);
    if (!c.ok) {
      expect(c.message).toBe(`For ${P.targets![0]}, the reward (protected) must be greater than the penalty (unprotected) by at least 0.001.`);
      expect(c.wording).toEqual({ key: "payoffGap", values: { target: P.targets![0], min: 0.001 } });
    }
  });

  it("gapAtLeast and decimalDifference work on the typed decimals", () => {
    expect(MIN_PAYOFF_GAP).toBe(0.001);
    expect(1000 - 999.999 < 0.001).toBe(true); // the float noise this is about
    expect(gapAtLeast(1000, 999.999, 0.001)).toBe(true);
    expect(gapAtLeast(1000, 999.9990000001, 0.001)).toBe(false);
    expect(gapAtLeast(1e-300, -1e-300, 2e-300)).toBe(true);
    expect(gapAtLeast(1e300, 0, 1e301)).toBe(false);
    expect(gapAtLeast(NaN, 0, 0.001)).toBe(false);
    expect(decimalDifference(1000, 999.999)).toBe("0.001");
    expect(decimalDifference(1000, 999.9995)).toBe("0.0005");
    expect(decimalDifference(-3, 5)).toBe("-8");
    expect(decimalDifference(1.5e21, 1e21)).toBe("500000000000000000000");
    // the solver's own range check: 1000 / 999.999 next to payoffs up to 1000 is fine, 999.9995 is not
    const g = (r: number, p: number) => ({ attacker: P.attacker, defenders: [{ resources: 1, ...report(r, p) }] });
    expect(payoffRangeProblems(g(1000, 999.999))).toEqual([]);
    expect(payoffRangeProblems(g(1000, 999.9995))).toHaveLength(1);
  });

  it("treatment validation with reports: a gap of exactly 0.001 at ±1000 is accepted, a smaller one refused with its decimal gap", () => {
    const t = treatment();
    const params = t.params as { attacker: { reward: number[]; penalty: number[] } };
    const ok = { ...t, params: { ...t.params, attacker: { reward: [1000, ...params.attacker.reward.slice(1)], penalty: [999.999, ...params.attacker.penalty.slice(1)] } } };
    const r = loadTreatment(ok, games);
    expect(r.ok, r.ok ? "" : r.errors.join("; ")).toBe(true);
    const bad = { ...t, params: { ...t.params, attacker: { reward: [1000, ...params.attacker.reward.slice(1)], penalty: [999.9995, ...params.attacker.penalty.slice(1)] } } };
    const b = loadTreatment(bad, games);
    expect(b.ok).toBe(false);
    if (!b.ok) expect(b.errors.join("\n")).toMatch(/^params: attacker\.reward\[0\] − penalty\[0\] = 0\.0005 is too small next to the payoff scale 1000: every reward − penalty gap must be at least 0\.000001 × 1000 = 0\.001 /);
    // the reports' own minimum, where the payoff scale is small
    const small = { ...t, params: { ...t.params, attacker: { reward: [9, ...params.attacker.reward.slice(1)], penalty: [8.9995, ...params.attacker.penalty.slice(1)] } } };
    const s = loadTreatment(small, games);
    expect(s.ok).toBe(false);
    if (!s.ok) expect(s.errors.join("\n")).toMatch(/params\.attacker\.reward\[0\]: reward − penalty = 0\.0005 is too small: with payoff reports every reward − penalty gap must be at least 0\.001 /);
    const exact = loadTreatment({ ...t, params: { ...t.params, attacker: { reward: [9, ...params.attacker.reward.slice(1)], penalty: [8.999, ...params.attacker.penalty.slice(1)] } } }, games);
    expect(exact.ok, exact.ok ? "" : exact.errors.join("; ")).toBe(true);
  });
});
