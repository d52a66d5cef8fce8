import { describe, expect, it } from "vitest";
import { designMenu, type MenuSolution } from "./menu";
import { populationWeights, type CipInstance, type CipType } from "./model";
import { verifyMenu } from "./verify";

/** The spec's reference setting: θ_k = k, φ = 0, ρ_k = 2θ_k, a = 2, c = 0.5, uniform p. */
function reference(minResources: number[], resources: number, extra: Partial<CipInstance> = {}): CipInstance {
  const types: CipType[] = minResources.map((m, i) => ({
    theta: i + 1,
    phi: 0,
    probability: 1 / minResources.length,
    minResources: m,
    rewardRate: 2 * (i + 1),
  }));
  return { types, evaluationRate: 2, paymentCost: 0.5, resources, weighting: "slot", ...extra };
}

function solved(instance: CipInstance, weights?: Parameters<typeof designMenu>[1]): MenuSolution {
  const m = designMenu(instance, weights);
  if (!m.feasible) throw new Error(`expected a feasible menu, got ${m.family}: ${m.reason}`);
  return m;
}

const close = (actual: readonly number[], expected: readonly number[], digits = 6) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((x, i) => expect(x).toBeCloseTo(expected[i] as number, digits));
};

describe("designMenu: two-CI reference (r_min = 20, 60; R = 200)", () => {
  const m = solved(reference([20, 60], 200));
  it("gives the low type its minimum and the rest to the high type", () => {
    close(m.resources, [20, 180]);
    close(m.contracts.map((c) => c.reward), [40, 720]);
  });
  it("has CC objective 550 and matches the LP objective", () => {
    expect(m.ccUtility).toBeCloseTo(550, 6);
    expect(m.lpObjective).toBeCloseTo(550, 6);
  });
  it("has the reference CI utility matrix", () => {
    close(m.ciUtility[0] ?? [], [20, 0]);
    close(m.ciUtility[1] ?? [], [60, 360]);
  });
  it("is verified with tiny residuals", () => {
    expect(m.verification.ok).toBe(true);
    expect(m.verification.budgetResidual).toBeLessThan(1e-8);
    expect(m.verification.icViolation).toBe(0);
    expect(m.verification.irViolation).toBe(0);
  });
});

describe("a utility that overflows is never a pass (fresh-clone review C2)", () => {
  // a = 1e308 (the library takes it; the CLI and treatments cap it far lower): τ·a·r is Infinity, every residual
  // NaN, and NaN > tolerance is false, so the menu was "verified" and returned with NaN utilities
  const huge = reference([20, 60], 200, { evaluationRate: 1e308 });
  it("verifyMenu names the utilities that are not numbers and fails", () => {
    const v = verifyMenu(huge, populationWeights(huge), [20, 180]);
    expect(v.ok).toBe(false);
    expect(v.violations).toContain("utility of type 1 under contract 1 is not a finite number (Infinity): the payoffs overflow");
  });
  it("designMenu refuses it instead of returning a menu", () => {
    const m = designMenu(huge);
    expect(m.feasible).toBe(false);
    if (!m.feasible) expect(m.reason).toMatch(/not a finite number/);
  });
  it("a menu that breaks IC is still caught at ordinary sizes", () => {
    const ok = reference([20, 60], 200);
    expect(verifyMenu(ok, populationWeights(ok), [180, 20]).violations).toEqual(expect.arrayContaining(["min 2", "IC 2→1"]));
  });
});

describe("designMenu: the paper's two-CI solution is conditional", () => {
  it("with c = 0.25 the ULIC of type 1 binds (r₂ ≤ 1.5 r₁), so r₁ rises above r_min: r = (80, 120)", () => {
    const m = solved(reference([20, 60], 200, { paymentCost: 0.25 }));
    close(m.resources, [80, 120]);
    expect(m.indifferences[0]).toEqual([1]);
  });
});

describe("designMenu: four-CI reference (Fig. 2–3 setting, R = 650)", () => {
  const m = solved(reference([20, 60, 100, 140], 650));
  it("solves r = (20, 105, 210, 315) with CC objective 3155", () => {
    close(m.resources, [20, 105, 210, 315]);
    expect(m.ccUtility).toBeCloseTo(3155, 5);
  });
  it("gives own-contract utilities 20, 210, 630, 1260 (Lemma 2)", () => {
    close(m.ciUtility.map((row, k) => row[k] as number), [20, 210, 630, 1260]);
  });
  it("has the full reference utility matrix", () => {
    close(m.ciUtility[0] ?? [], [20, 0, -210, -630], 5);
    close(m.ciUtility[1] ?? [], [60, 210, 210, 0], 5);
    close(m.ciUtility[2] ?? [], [100, 420, 630, 630], 5);
    close(m.ciUtility[3] ?? [], [140, 630, 1050, 1260], 5);
  });
  it("reports the indifferences where a ULIC binds (type 2 ~ contract 3, type 3 ~ contract 4)", () => {
    expect(m.indifferences).toEqual([[], [2], [3], []]);
  });
  it("gives the same r under the 'expected' weighting with uniform p and one CI per type", () => {
    const e = solved(reference([20, 60, 100, 140], 650, { weighting: "expected" }));
    close(e.resources, [20, 105, 210, 315]);
    expect(e.weights.beta).toEqual([1, 1, 1, 1]);
  });
});

describe("designMenu: infeasibility is explained by family", () => {
  it("R = 70 with r_min = (20, 60): minimum resources exceed the budget", () => {
    const m = designMenu(reference([20, 60], 70));
    expect(m.feasible).toBe(false);
    if (m.feasible) return;
    expect(m.family).toBe("minimum-resources");
    expect(m.reason).toContain("80");
    expect(m.reason).toContain("70");
  });
  it("IR of the lowest type impossible: τ₁a − cρ₁ < 0", () => {
    const inst = reference([20, 60], 200, { paymentCost: 0.9 });
    const types = inst.types.map((t, i) => ({ ...t, rewardRate: 3 + i }));
    const m = designMenu({ ...inst, types });
    expect(m.feasible).toBe(false);
    if (m.feasible) return;
    expect(m.family).toBe("ic-ir");
    expect(m.blockingRows).toContain("IR 1");
  });
  it("IC raises the effective minimum above R: DLIC 2 forces r₂ ≥ 1.5 r₁", () => {
    const m = designMenu(reference([20, 20], 45));
    expect(m.feasible).toBe(false);
    if (m.feasible) return;
    expect(m.family).toBe("ic-ir");
    expect(m.reason).toContain("50");
    expect(m.blockingRows).toEqual(["DLIC 2"]);
  });
  it("integer resources that cannot meet a fractional budget exactly: integrality", () => {
    const inst = reference([20, 60], 70.25, { weighting: "expected", integerResources: true, budget: "exact" });
    const m = designMenu(inst, { weights: populationWeights(inst, 1) });
    expect(m.feasible).toBe(false);
    if (m.feasible) return;
    expect(m.family).toBe("integrality");
  });
  it("integer resources with fractional minimums: each minimum is a whole unit, so a budget below them is the minimums' fault", () => {
    // review D1: every r_min in (0, 1) and R = 0.0072 was refused as a "verification" failure with advice
    // to rescale; with integers each r_k ≥ 1, so Σ β·⌈r_min⌉ = 6 > R: no menu can exist
    const inst: CipInstance = {
      types: [
        { theta: 2, phi: 0, probability: 0, minResources: 0.0006319921934139294, rewardRate: 0.21973511113525385 },
        { theta: 4, phi: 0, probability: 0.8898271178022737, minResources: 0.0005081974301848018, rewardRate: 2.3734404866344585 },
        { theta: 7, phi: 0.939, probability: 0.11017288219772625, minResources: 4.6712541017322585e-5, rewardRate: 3.5719754799188963 },
      ],
      evaluationRate: 1.6992400728726327,
      paymentCost: 0.6875919009936919,
      resources: 0.0072051126180348625,
      weighting: "expected",
      integerResources: true,
    };
    const m = designMenu(inst);
    expect(m.feasible).toBe(false);
    if (m.feasible) return;
    expect(m.family).toBe("minimum-resources");
    // β = (0, 2.67, 0.33): the two types that occur need a whole unit each
    expect(m.reason).toMatch(/Σ β·⌈r_min⌉ \(whole units: resources are integers\) = 3 > R = 0\.0072/);
    // a budget of 3 meets the minimums (IC/IR then need more: another family); 20 is enough for a whole menu
    const three = designMenu({ ...inst, resources: 3 });
    expect(!three.feasible && three.family).toBe("integrality");
    const twenty = designMenu({ ...inst, resources: 20 });
    expect(twenty.feasible && twenty.resources.every(Number.isInteger)).toBe(true);
    // and without integer resources the tiny budget is enough
    expect(designMenu({ ...inst, integerResources: false }).feasible).toBe(true);
  });
  it("rejects a structurally invalid instance naming the field", () => {
    const inst = reference([20, 60], 200);
    const types = inst.types.map((t, i) => ({ ...t, rewardRate: 4 - i }));
    expect(() => designMenu({ ...inst, types })).toThrow(/types\[1\]\.rewardRate must be larger/);
  });
});

describe("designMenu: integer resources", () => {
  it("defaults to an 'at most R' budget and reports what is left unspent", () => {
    const inst = reference([20, 60], 70.25, { weighting: "expected", integerResources: true });
    const m = solved(inst, { weights: populationWeights(inst, 1) });
    for (const r of m.resources) expect(Number.isInteger(r)).toBe(true);
    expect(m.verification.unspent).toBeGreaterThanOrEqual(0);
    expect(m.verification.unspent).toBeLessThan(1);
  });
  it("with an exact budget returns integer, verified resources no better than the continuous optimum", () => {
    const cont = solved(reference([20, 60, 100, 140], 651));
    const int = solved(reference([20, 60, 100, 140], 651, { integerResources: true, budget: "exact" }));
    for (const r of int.resources) expect(Number.isInteger(r)).toBe(true);
    expect(int.resources.reduce((s, r) => s + r, 0)).toBe(651);
    expect(int.verification.ok).toBe(true);
    expect(int.ccUtility).toBeLessThanOrEqual(cont.ccUtility + 1e-6);
    expect(cont.resources.some((r) => !Number.isInteger(Math.round(r * 1e6) / 1e6))).toBe(true);
  });
});

describe("verifyMenu", () => {
  it("catches a menu that violates IC (equal split 100/100: type 2 prefers contract 1)", () => {
    const inst = reference([20, 60], 200);
    const v = verifyMenu(inst, populationWeights(inst), [100, 100]);
    expect(v.ok).toBe(false);
    expect(v.violations).toContain("IC 2→1");
    expect(v.icViolation).toBeGreaterThan(0);
  });
  it("catches budget and minimum violations", () => {
    const inst = reference([20, 60], 200);
    const v = verifyMenu(inst, populationWeights(inst), [10, 150]);
    expect(v.violations).toEqual(expect.arrayContaining(["min 1"]));
    expect(v.violations.some((s) => s.startsWith("budget"))).toBe(true);
  });
});
