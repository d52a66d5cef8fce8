/**
 * Regression tests for the CIP menu's numerics (verifier findings F1–F3, /work/coord/findings-mechanisms.md):
 * - F1: feasible menus with utility coefficients |τa − cρ| of 100–700 were reported infeasible
 *   ("IC/IR rows cannot hold … for any budget", or a "solver" / "verification" refusal);
 * - F2: at R < 1 the "verified" menus broke IC by up to 4e-4 relative;
 * - F3: a budget 1e-9 below Σ β·r_min gave a menu spending more than R.
 * Every check here recomputes budget, minimums, IR and global IC from the returned resources in the
 * instance's own units (no call to verifyMenu).
 */
import { describe, expect, it } from "vitest";
import { diagnoseInfeasibility } from "./diagnose";
import { designMenu, type MenuSolution } from "./menu";
import { populationWeights, type CipInstance, type MenuWeights } from "./model";

interface Checked {
  /** max over k≠j of (U(k,j) − U(k,k)) / |U(k,k)| (≤ 0 when IC holds). */
  icExcess: number;
  /** min over k of U(k,k) / |U(k,k)| sign (IR): the smallest own utility. */
  minOwnUtility: number;
  spent: number;
  /** max over k of (r_min_k − r_k) / r_min_k. */
  minShortfall: number;
}

function independentCheck(inst: CipInstance, beta: readonly number[], r: readonly number[]): Checked {
  const a = inst.evaluationRate;
  const c = inst.paymentCost;
  const U = (k: number, j: number) => {
    const tk = inst.types[k]!;
    const tj = inst.types[j]!;
    return ((tk.theta + tk.phi) * a - c * tj.rewardRate) * r[j]!;
  };
  let icExcess = -Infinity;
  let minOwnUtility = Infinity;
  let minShortfall = -Infinity;
  inst.types.forEach((t, k) => {
    const own = U(k, k);
    minOwnUtility = Math.min(minOwnUtility, own);
    inst.types.forEach((_, j) => {
      if (j !== k) icExcess = Math.max(icExcess, (U(k, j) - own) / Math.abs(own));
    });
    if (t.minResources > 0) minShortfall = Math.max(minShortfall, (t.minResources - r[k]!) / t.minResources);
  });
  const spent = r.reduce((s, x, k) => s + beta[k]! * x, 0);
  return { icExcess, minOwnUtility, spent, minShortfall };
}

function solvedMenu(inst: CipInstance, weights: MenuWeights): MenuSolution {
  const m = designMenu(inst, { weights });
  if (!m.feasible) throw new Error(`expected a feasible menu, got ${m.family}: ${m.reason}`);
  return m;
}

/** Assert the menu is feasible in original units: IC/IR to 1e-9 relative, r ≥ r_min, R never exceeded. */
function expectValidMenu(inst: CipInstance, weights: MenuWeights, m: MenuSolution) {
  const ch = independentCheck(inst, weights.beta, m.resources);
  expect(ch.icExcess).toBeLessThanOrEqual(1e-9);
  expect(ch.minOwnUtility).toBeGreaterThanOrEqual(0);
  expect(ch.minShortfall).toBeLessThanOrEqual(1e-12);
  expect(ch.spent).toBeLessThanOrEqual(inst.resources);
  expect(ch.spent).toBeGreaterThanOrEqual(inst.resources * (1 - 1e-12)); // exact budget
  return ch;
}

// F1, instance 1: θ = (3, 3), φ = (0.6, 0.8), a = 180.5, ρ = (113.6, 197.3), R = 0.4955.
const f1: CipInstance = {
  types: [
    { theta: 3, phi: 0.6, probability: 0.20434801129896135, minResources: 0.13393746621272584, rewardRate: 113.57288326066217 },
    { theta: 3, phi: 0.8, probability: 0.7956519887010387, minResources: 0.13393746621272584, rewardRate: 197.34528700683964 },
  ],
  resources: 0.49550539130810506,
  weighting: "slot",
  evaluationRate: 180.52865023087895,
  paymentCost: 0.7674655709753424,
};

describe("CIP menu with utility coefficients of 100–700 (F1)", () => {
  it("the verifier's instance 1 is feasible: r ≈ (0.2327425, 0.2627629), the HiGHS optimum", () => {
    const w = populationWeights(f1);
    const m = solvedMenu(f1, w);
    expectValidMenu(f1, w, m);
    expect(m.resources[0]).toBeCloseTo(0.2327425, 6);
    expect(m.resources[1]).toBeCloseTo(0.2627629, 6);
    // the feasible ratio band r₂/r₁ ∈ [1.1203, 1.1290]
    const ratio = m.resources[1]! / m.resources[0]!;
    expect(ratio).toBeGreaterThan(1.1202);
    expect(ratio).toBeLessThan(1.1291);
  });

  it("gives the same menu when a and ρ are scaled by 0.1 (the IC/IR rows are homogeneous in (a, ρ))", () => {
    const scaled: CipInstance = {
      ...f1,
      evaluationRate: f1.evaluationRate * 0.1,
      types: f1.types.map((t) => ({ ...t, rewardRate: t.rewardRate * 0.1 })),
    };
    const m1 = solvedMenu(f1, populationWeights(f1));
    const m2 = solvedMenu(scaled, populationWeights(scaled));
    m1.resources.forEach((r, k) => expect(r / m2.resources[k]!).toBeCloseTo(1, 9));
  });

  it("the round-number version (a = 180, ρ = 113/197, R = 50) is feasible", () => {
    const inst: CipInstance = {
      types: [
        { theta: 3, phi: 0.6, probability: 0.5, minResources: 13, rewardRate: 113 },
        { theta: 3, phi: 0.8, probability: 0.5, minResources: 13, rewardRate: 197 },
      ],
      resources: 50,
      weighting: "slot",
      evaluationRate: 180,
      paymentCost: 0.77,
    };
    const w = populationWeights(inst);
    const m = solvedMenu(inst, w);
    expectValidMenu(inst, w, m);
    const ratio = m.resources[1]! / m.resources[0]!;
    expect(ratio).toBeGreaterThan(1.1214);
    expect(ratio).toBeLessThan(1.1304);
  });

  // From /tmp/mech/cip_out2_falseinfeasible.json: one per wrong family the old code gave.
  const wrongly: { family: string; inst: CipInstance; n: number }[] = [
    {
      family: "ic-ir ('cannot hold for any budget')",
      n: 5,
      inst: {
        types: [
          { theta: 1, phi: 0.2, probability: 0.5249221554091498, minResources: 9163.289238763455, rewardRate: 0.20378337292852033 },
          { theta: 3, phi: 0.5, probability: 0.03137699740826432, minResources: 20511.717639806466, rewardRate: 0.4910207859644073 },
          { theta: 4, phi: 0, probability: 0.04411196713159222, minResources: 28761.928964789615, rewardRate: 0.8017302793763943 },
          { theta: 4, phi: 0.3, probability: 0.1037307165711034, minResources: 28761.928964789615, rewardRate: 1.0312703346981447 },
          { theta: 7, phi: 0, probability: 0.12305907863073413, minResources: 8087.95978761862, rewardRate: 1.074263943509094 },
          { theta: 7, phi: 0.9, probability: 0.17279908484915626, minResources: 8087.95978761862, rewardRate: 1.3585763944714324 },
        ],
        resources: 207694.687496521,
        weighting: "slot",
        evaluationRate: 558.9364282276803,
        paymentCost: 0.7219067697410391,
        integerResources: false,
      },
    },
    {
      family: "solver",
      n: 6,
      inst: {
        types: [
          { theta: 3, phi: 0.7, probability: 0.2928067228686262, minResources: 36763.12959702714, rewardRate: 0.10953784973330741 },
          { theta: 5, phi: 0.6, probability: 0.29741310306293395, minResources: 91895.90004817318, rewardRate: 0.5324825071885962 },
          { theta: 5, phi: 0.8, probability: 0.11878755114171034, minResources: 91895.90004817318, rewardRate: 0.728465200548729 },
          { theta: 6, phi: 0, probability: 0.13356733203876553, minResources: 150886.50656582494, rewardRate: 1.0704349548273757 },
          { theta: 6, phi: 0.6, probability: 0.02953944764934747, minResources: 150886.50656582494, rewardRate: 1.9546623014276134 },
          { theta: 7, phi: 0.6, probability: 0.12788584323861663, minResources: 44827.24944990092, rewardRate: 2.0930007361824488 },
        ],
        resources: 1777759.1938093547,
        weighting: "expected",
        evaluationRate: 746.7662506241539,
        paymentCost: 0.5406710299281541,
        integerResources: false,
      },
    },
    {
      family: "verification (IC 4→2)",
      n: 6,
      inst: {
        types: [
          { theta: 1, phi: 0.3, probability: 0.005093992448780922, minResources: 5.281995398934775e-6, rewardRate: 0.0076750281564823735 },
          { theta: 2, phi: 0.2, probability: 0.1000893189109851, minResources: 1.3582129159290583e-5, rewardRate: 0.05435596237729076 },
          { theta: 3, phi: 0.3, probability: 0.0389111274542517, minResources: 2.1883972138134468e-5, rewardRate: 0.07170159827195899 },
          { theta: 3, phi: 0.6, probability: 0.007658211048964618, minResources: 2.1883972138134468e-5, rewardRate: 0.0792375269934588 },
          { theta: 5, phi: 0.4, probability: 0.5151341976090353, minResources: 3.166668006281913e-5, rewardRate: 0.1218596544828536 },
          { theta: 6, phi: 0.4, probability: 0.33311315252798246, minResources: 3.548793134381855e-5, rewardRate: 0.13419548676532703 },
        ],
        resources: 0.0007212186218098571,
        weighting: "expected",
        evaluationRate: 41.747747237181514,
        paymentCost: 0.4494632126929742,
        integerResources: false,
      },
    },
  ];
  for (const { family, inst, n } of wrongly) {
    it(`a feasible instance the old code refused as ${family} now gets a valid menu`, () => {
      const w = populationWeights(inst, n);
      expectValidMenu(inst, w, solvedMenu(inst, w));
    });
  }

  it("diagnoseInfeasibility no longer claims the IC/IR rows cannot hold for the feasible instance 1", () => {
    const d = diagnoseInfeasibility(f1, populationWeights(f1));
    expect(d.family).toBe("solver"); // i.e. no family conflicts: the instance is feasible
    expect(d.reason).not.toMatch(/cannot hold/);
  });

  it("below the cheapest IC/IR spend the diagnosis names it with the right amount", () => {
    // cheapest menu: r₁ = r_min, r₂ = r₁ · (τ₂a − cρ₁)/(τ₂a − cρ₂) (type 2's DLIC binds)
    const t1 = f1.types[0]!;
    const t2 = f1.types[1]!;
    const a = f1.evaluationRate;
    const c = f1.paymentCost;
    const cheapest = t1.minResources * (1 + ((t2.theta + t2.phi) * a - c * t1.rewardRate) / ((t2.theta + t2.phi) * a - c * t2.rewardRate));
    const inst = { ...f1, resources: cheapest * 0.95 };
    const m = designMenu(inst);
    expect(m.feasible).toBe(false);
    if (m.feasible) return;
    expect(m.family).toBe("ic-ir");
    const need = Number(/needs Σ β·r = ([0-9.e+-]+) > R/.exec(m.reason)?.[1]);
    expect(need / cheapest).toBeCloseTo(1, 5);
  });
});

describe("CIP menu at small resource scales (F2)", () => {
  const inst: CipInstance = {
    types: [
      { theta: 1, phi: 0.1, probability: 0.2500352349789277, minResources: 2.4300161016333645e-6, rewardRate: 0.35737485833680693 },
      { theta: 1, phi: 0.2, probability: 0.27999754526280024, minResources: 2.4300161016333645e-6, rewardRate: 0.8327990005142301 },
      { theta: 1, phi: 0.4, probability: 0.19430935669765834, minResources: 2.4300161016333645e-6, rewardRate: 1.3168622416382882 },
      { theta: 4, phi: 0.3, probability: 0.14907702760630262, minResources: 1.972271913482418e-6, rewardRate: 2.1856137039822165 },
      { theta: 7, phi: 0, probability: 0.06494814187835199, minResources: 5.854130319401701e-6, rewardRate: 2.887631727672697 },
      { theta: 7, phi: 0.7, probability: 0.06163269357595924, minResources: 5.854130319401701e-6, rewardRate: 3.8287941793471783 },
    ],
    resources: 6.098425980130292e-5,
    weighting: "expected",
    evaluationRate: 1.9766012186179829,
    paymentCost: 0.6133024340436173,
    integerResources: false,
  };
  it("R = 6.1e-5: every type weakly prefers its own contract to a relative 1e-9 (was violated by 3.8e-4)", () => {
    const w = populationWeights(inst, 6);
    const m = solvedMenu(inst, w);
    const ch = expectValidMenu(inst, w, m);
    expect(ch.icExcess).toBeLessThanOrEqual(1e-9);
  });
  it("is the same menu as the instance scaled by 1e6 (resources and minimums), scaled back", () => {
    const big: CipInstance = { ...inst, resources: inst.resources * 1e6, types: inst.types.map((t) => ({ ...t, minResources: t.minResources * 1e6 })) };
    const m = solvedMenu(inst, populationWeights(inst, 6));
    const mb = solvedMenu(big, populationWeights(big, 6));
    m.resources.forEach((r, k) => expect((r * 1e6) / mb.resources[k]!).toBeCloseTo(1, 9));
  });
});

describe("CIP menu never spends more than R (F3)", () => {
  it("a budget 1e-9 below Σ β·r_min is refused as minimum-resources, not answered with an overspending menu", () => {
    const inst: CipInstance = {
      types: [{ theta: 2, phi: 0.9, probability: 1, minResources: 46671795, rewardRate: 1.581008446820316 }],
      resources: 373374359.62662566,
      weighting: "expected",
      evaluationRate: 2,
      paymentCost: 0.13233652440495858,
      budget: "exact",
    };
    const m = designMenu(inst, { weights: populationWeights(inst, 8) });
    expect(m.feasible).toBe(false);
    if (!m.feasible) expect(m.family).toBe("minimum-resources");
  });
  it("exactly at the threshold it is feasible and spends at most R", () => {
    const inst: CipInstance = {
      types: [{ theta: 2, phi: 0.9, probability: 1, minResources: 46671795, rewardRate: 1.581008446820316 }],
      resources: 373374360,
      weighting: "expected",
      evaluationRate: 2,
      paymentCost: 0.13233652440495858,
    };
    const w = populationWeights(inst, 8);
    const m = solvedMenu(inst, w);
    expect(8 * m.resources[0]!).toBeLessThanOrEqual(inst.resources);
  });
});
