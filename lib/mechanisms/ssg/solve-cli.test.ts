import { describe, expect, it } from "vitest";
import { solveSsgCommand } from "./solve-cli";
import { example52 } from "./testing";

const valid = {
  attacker: { reward: [1, 1, 1, 0.7, 0.7], penalty: [0, 0, 0, 0, 0] },
  defenders: example52.defenders.map((d) => ({ resources: 1, reward: [...d.reward], penalty: [...d.penalty] })),
};

describe("solveSsgCommand", () => {
  it("solves Example 5.2 and reports the NSE and the CSW-Max outcome", () => {
    const r = solveSsgCommand(valid);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const o = r.output as {
      nse: { target: number; coverage: number[]; defenderCoverage: number[][]; defenderUtilities: number[]; attackerUtility: number; certificate: { ok: boolean } };
      cswMax: { target: number; coverage: number[]; defenderUtilities: number[]; welfare: number; checks: Record<string, boolean> };
    };
    expect(o.nse.target).toBe(1);
    expect(o.nse.certificate.ok).toBe(true);
    expect(o.nse.defenderCoverage).toHaveLength(3);
    // combined coverage is the product rule of the per-defender coverages
    o.nse.coverage.forEach((c, t) => expect(c).toBeCloseTo(1 - o.nse.defenderCoverage.reduce((q, ci) => q * (1 - ci[t]!), 1), 12));
    expect(o.cswMax.target).toBe(1);
    expect(o.cswMax.coverage[1]).toBeCloseTo(27 / 41, 10);
    expect(o.cswMax.welfare).toBeCloseTo(o.cswMax.defenderUtilities.reduce((s, x) => s + x, 0), 12);
    expect(Object.values(o.cswMax.checks).every((x) => x === true)).toBe(true);
    expect(JSON.parse(JSON.stringify(r.output))).toEqual(r.output);
  });

  it("names the wrong field", () => {
    const bad = structuredClone(valid);
    bad.defenders[1]!.reward[2] = -5;
    const r = solveSsgCommand(bad);
    expect(r).toEqual({ ok: false, error: "defenders[1].reward[2] must be greater than penalty[2]" });
    const r2 = solveSsgCommand({ ...valid, defenders: [{ resources: 1.5, reward: [1, 1], penalty: [0, 0] }] });
    expect(r2.ok).toBe(false);
    if (r2.ok) return;
    expect(r2.error).toContain("defenders[0].resources must be a whole number");
    // cross-field rules are reported once the fields themselves are well formed
    const r2b = solveSsgCommand({ ...valid, defenders: [{ resources: 1, reward: [1, 1], penalty: [0, 0] }] });
    expect(r2b).toEqual({
      ok: false,
      error: "defenders[0].reward must have 5 entries (one per target), has 2\ndefenders[0].penalty must have 5 entries (one per target), has 2",
    });
    const r3 = solveSsgCommand({ attacker: { reward: [1], penalty: [0] }, defenders: [{ resources: 1, reward: [1], penalty: ["x"] }], extra: 1 });
    expect(r3.ok).toBe(false);
    if (r3.ok) return;
    expect(r3.error).toContain("defenders[0].penalty[0] must be a number");
    expect(r3.error).toContain("has unknown field(s): extra");
    expect(solveSsgCommand("nope")).toEqual({ ok: false, error: "the instance must be a JSON object" });
    expect(solveSsgCommand({ attacker: { reward: [1, 2], penalty: [0, 2] }, defenders: [] })).toEqual({
      ok: false,
      error: "defenders must list at least one defender\nattacker.reward[1] must be greater than penalty[1]",
    });
    expect(solveSsgCommand({ attacker: { reward: [1, 2], penalty: [0, 2] }, defenders: [{ resources: 0, reward: [1, 1], penalty: [0, 0] }] })).toEqual({
      ok: false,
      error: "attacker.reward[1] must be greater than penalty[1]",
    });
  });

  describe("payoff magnitudes (overflow, scale)", () => {
    type Out = { nse: { coverage: number[]; target: number; defenderUtilities: number[]; attackerUtility: number }; cswMax: { coverage: number[]; target: number; welfare: number; defenderUtilities: number[]; lpWelfare: (number | null)[] } };
    const scaled = (f: number) => ({
      attacker: { reward: valid.attacker.reward.map((v) => v * f), penalty: valid.attacker.penalty.map((v) => v * f) },
      defenders: valid.defenders.map((d) => ({ resources: d.resources, reward: d.reward.map((v) => v * f), penalty: d.penalty.map((v) => v * f) })),
    });
    const solved = (raw: unknown): Out => {
      const r = solveSsgCommand(raw);
      if (!r.ok) throw new Error(r.error);
      return r.output as Out;
    };

    it("refuses payoffs near the largest double with a message naming the field (no NaN, no crash)", () => {
      const bad = structuredClone(valid);
      bad.attacker.reward[0] = 1e308;
      bad.attacker.penalty[3] = -1.5e308;
      const r = solveSsgCommand(bad);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error).toContain("attacker.reward[0] is too large: use payoffs between -1e300 and 1e300");
      expect(r.error).toContain("attacker.penalty[3] is too large");
      expect(r.error).not.toMatch(/NaN|level/);
    });

    it("refuses resources beyond 1,000,000 (also 2^53, where whole numbers are no longer exact) with the limit named", () => {
      for (const resources of [2 ** 53, 1e300, 1_000_001]) {
        const bad = structuredClone(valid);
        bad.defenders[0]!.resources = resources;
        const r = solveSsgCommand(bad);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.error).toContain("defenders[0].resources must be at most 1000000");
      }
      const many = structuredClone(valid);
      many.defenders[0]!.resources = 1_000_000;
      expect(solveSsgCommand(many).ok).toBe(true);
    });

    it("refuses a reward − penalty gap too small for the payoff scale", () => {
      const bad = structuredClone(valid);
      bad.attacker.reward[0] = 1e6;
      bad.defenders[2]!.reward[4] = bad.defenders[2]!.penalty[4]! + 1e-3;
      const r = solveSsgCommand(bad);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      // in the input's units (the solver works in units where the largest payoff is about 1)
      const gap = bad.defenders[2]!.reward[4]! - bad.defenders[2]!.penalty[4]!;
      expect(r.error).toContain(`defenders[2].reward[4] − penalty[4] = ${gap} is too small next to the payoff scale 1000000:`);
      expect(r.error).toContain("widen the gap or shrink the largest payoffs");
    });

    it("huge and tiny payoffs give the same equilibrium as unit payoffs, with utilities in the input's units", () => {
      const unit = solved(valid);
      for (const f of [2 ** 900, 1e299, 1e-300, 3e-12]) {
        const o = solved(scaled(f));
        expect(o.nse.target).toBe(unit.nse.target);
        expect(o.cswMax.target).toBe(unit.cswMax.target);
        o.nse.coverage.forEach((c, t) => expect(c).toBeCloseTo(unit.nse.coverage[t]!, 9));
        o.cswMax.coverage.forEach((c, t) => expect(c).toBeCloseTo(unit.cswMax.coverage[t]!, 9));
        expect(o.cswMax.welfare / f).toBeCloseTo(unit.cswMax.welfare, 9);
        o.nse.defenderUtilities.forEach((u, i) => expect(u / f).toBeCloseTo(unit.nse.defenderUtilities[i]!, 9));
        expect(o.nse.attackerUtility / f).toBeCloseTo(unit.nse.attackerUtility, 9);
        // every number survives JSON (NaN and ±Infinity would become null); null only for infeasible LP-t
        expect(JSON.parse(JSON.stringify(o))).toEqual(o);
        expect(o.cswMax.lpWelfare.map((w) => w === null)).toEqual(unit.cswMax.lpWelfare.map((w) => w === null));
      }
    });
  });
});

