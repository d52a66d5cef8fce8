import { describe, expect, it } from "vitest";
import { loadTreatment } from "../engine";
import { games } from "../games/registry";
import { readFileSync } from "node:fs";
import { cipFigure1, cipFigure2, cipFigure3, cipPaperFigures, cipPaymentCostSweep, cipResourcesSweep, cipTypeMixSweep, paperCipInstance, withTopTypeProbability } from "./cip";
import { figureCsvColumns, seriesValues, type Figure } from "./figure";
import { launchFigures } from "./launch";
import { launchCheck } from "../study/launch-check";

const num = (v: unknown) => (typeof v === "number" ? v : null);
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));

/** Each feasible row: the optimal menu's CC utility is at least the equal split's (measured, not a theorem). */
function menuBeatsEqualSplit(f: Figure, menu = "optimal_menu", equal = "equal_allocation") {
  let feasible = 0;
  for (const r of f.rows) {
    const m = num(r[menu]);
    const e = num(r[equal]);
    if (m === null) continue;
    feasible++;
    expect(m, `${f.id} at ${JSON.stringify(r)}`).toBeGreaterThanOrEqual(e! - 1e-9 * Math.abs(e!));
  }
  return feasible;
}

function nonDecreasing(values: (number | null)[], what: string) {
  const v = values.filter((x): x is number => x !== null);
  for (let i = 1; i < v.length; i++) expect(v[i]!, `${what} at ${i}`).toBeGreaterThanOrEqual(v[i - 1]! - 1e-9 * Math.abs(v[i - 1]!));
}

const base = { instance: paperCipInstance([20, 60, 100, 140], 650, "slot"), markerLabel: "paper" };

describe("CIP figures (reconstructed model, paper's parameters)", () => {
  it("Fig. 1: the menu beats equal allocation for every N it can serve; R fixed: the gain shrinks as N grows and no menu exists once N·mean(r_min) > R", () => {
    const f = cipFigure1();
    const fixed = seriesValues(f, "ratio_fixed_resources");
    const growing = seriesValues(f, "ratio_growing_resources");
    expect(fixed.filter((x) => x !== null).length).toBeGreaterThan(5);
    for (const x of [...fixed, ...growing]) if (x !== null) expect(x).toBeGreaterThan(1);
    const v = fixed.filter((x): x is number => x !== null);
    for (let i = 1; i < v.length; i++) expect(v[i]!).toBeLessThanOrEqual(v[i - 1]! + 1e-12);
    for (const r of f.rows) {
      const n = r.cis as number;
      // the minimum-resources row: Σ_k n p_k r_min = n · 60 must fit into R = 600
      if (n * 60 > 600) {
        expect(r.feasible_fixed).toBe(false);
        expect(r.served_by_algorithm1_fixed as number).toBeLessThan(n);
      }
    }
    // with R growing the CC's utility keeps increasing (the paper's second case)
    nonDecreasing(seriesValues(f, "menu_cc_growing"), "menu CC utility, R growing");
    expect(growing.every((x) => x !== null)).toBe(true);
  });

  it("Fig. 1 also shows what is played (truthful CIs, over-budget rule): never above the plan, below the equal split at N = 1 (findings B4)", () => {
    const f = cipFigure1();
    expect(f.series.map((s) => s.field)).toEqual(["ratio_fixed_resources", "ratio_growing_resources", "played_ratio_fixed", "played_ratio_growing", "equal_split"]);
    expect(f.caption).toMatch(/as if every contract were paid in full/);
    const planned = seriesValues(f, "ratio_fixed_resources");
    const played = seriesValues(f, "played_ratio_fixed");
    expect(played[0]!).toBeLessThan(1); // one CI: the type-3 contract (r ≈ 1198 > R = 600) is cut to R
    planned.forEach((x, i) => {
      if (x !== null) expect(played[i]!).toBeLessThan(x);
    });
    expect(played.every((x) => x !== null)).toBe(true); // Algorithm 1 serves somebody at every N
    expect(f.rows[0]!.rationed_probability_fixed).toBeCloseTo(1 / 3, 9);
  });

  it("Fig. 2: utilities increase with the type (Lemma 2); the top type gains and the bottom type loses against equal allocation", () => {
    const f = cipFigure2();
    const menu = seriesValues(f, "optimal_contract") as number[];
    const equal = seriesValues(f, "equal_allocation") as number[];
    for (let k = 1; k < menu.length; k++) expect(menu[k]!).toBeGreaterThan(menu[k - 1]!);
    expect(menu.at(-1)!).toBeGreaterThan(equal.at(-1)!);
    expect(menu[0]!).toBeLessThan(equal[0]!);
    expect(menu.every((u) => u >= 0)).toBe(true); // IR
  });

  it("Fig. 3: every true type's utility peaks at its own contract (IC), read off the plotted table", () => {
    const f = cipFigure3();
    f.series.forEach((s, k) => {
      const u = seriesValues(f, s.field) as number[];
      const best = Math.max(...u);
      expect(rel(u[k]!, best), s.label).toBeLessThan(1e-9);
    });
  });

  it("R sweep: the menu beats the equal split at every R; both grow with R, the equal split linearly", () => {
    const f = cipResourcesSweep(base);
    expect(menuBeatsEqualSplit(f)).toBe(f.rows.length);
    nonDecreasing(seriesValues(f, "optimal_menu"), "menu");
    const xs = f.rows.map((r) => r.resources as number);
    const eq = seriesValues(f, "equal_allocation") as number[];
    xs.forEach((x, i) => expect(rel(eq[i]! / x, eq[0]! / xs[0]!)).toBeLessThan(1e-12));
    expect(xs[0]).toBe(320); // Σ r_min: below it no menu fits
    expect(f.marker?.x).toBe(650);
  });

  it("type mix sweep: more weight on the most vulnerable type raises both values; the menu stays ahead", () => {
    const f = cipTypeMixSweep(base);
    expect(menuBeatsEqualSplit(f)).toBe(f.rows.length);
    nonDecreasing(seriesValues(f, "optimal_menu"), "menu");
    nonDecreasing(seriesValues(f, "equal_allocation"), "equal");
    const t = withTopTypeProbability(base.instance.types, 0.4);
    expect(t.reduce((s, x) => s + x.probability, 0)).toBeCloseTo(1, 12);
    expect(t[0]!.probability).toBeCloseTo(0.2, 12);
  });

  it("payment cost sweep: the equal split does not depend on c; the menu is ahead wherever it exists and stops existing above some c", () => {
    const f = cipPaymentCostSweep(base);
    const eq = new Set(seriesValues(f, "equal_allocation"));
    expect(eq.size).toBe(1);
    const feasible = f.rows.map((r) => r.feasible as boolean);
    expect(menuBeatsEqualSplit(f)).toBe(feasible.filter(Boolean).length);
    const firstOut = feasible.indexOf(false);
    expect(firstOut).toBeGreaterThan(0);
    expect(feasible.slice(firstOut).every((x) => !x)).toBe(true);
    for (const r of f.rows) if (!r.feasible) expect(String(r.infeasible_reason)).toMatch(/\S/);
  });

  it("every figure's CSV columns start with x and the plotted series", () => {
    for (const f of cipPaperFigures()) {
      const cols = figureCsvColumns(f);
      expect(cols.slice(0, 1 + f.series.length)).toEqual([f.x.field, ...f.series.map((s) => s.field)]);
      expect(new Set(f.rows.map((r) => r[f.x.field])).size).toBe(f.rows.length);
    }
  });
});

describe("launch-check figures", () => {
  it("a CIP treatment: three sweeps marking its point, whose menu value is the launch check's CC objective", () => {
    const lt = loadTreatment(readFileSync(new URL("../../examples/treatments/cip-contracts-menu-4.json", import.meta.url), "utf8"), games);
    if (!lt.ok) throw new Error(lt.errors.join("; "));
    const figs = launchFigures(lt.value);
    expect(figs.map((f) => f.id)).toEqual(["cip-cc-utility-vs-resources", "cip-cc-utility-vs-type-mix", "cip-cc-utility-vs-payment-cost"]);
    const objective = launchCheck(lt.value).sections.flatMap((s) => s.metrics).find((m) => /CC objective/.test(m.label))?.value;
    expect(typeof objective).toBe("number");
    for (const f of figs) {
      expect(f.marker?.label).toBe("this treatment");
      const at = f.rows.find((r) => r[f.x.field] === f.marker!.x);
      expect(at, f.id).toBeDefined();
      expect(rel(at!.optimal_menu as number, objective as number)).toBeLessThan(1e-9);
      expect(rel(at!.algorithm1_menu as number, objective as number)).toBeLessThan(1e-9);
      expect(at!.algorithm1_served_cis).toBe(4);
    }
  });

  it("per-CI beliefs and too few resources: Algorithm 1's first menu (after exclusions) is the launch check's; no type-mix sweep", () => {
    const lt = loadTreatment(readFileSync(new URL("../../examples/treatments/cip-contracts-menu-per-ci-4.json", import.meta.url), "utf8"), games);
    if (!lt.ok) throw new Error(lt.errors.join("; "));
    const figs = launchFigures(lt.value);
    expect(figs.map((f) => f.id)).toEqual(["cip-cc-utility-vs-resources", "cip-cc-utility-vs-payment-cost"]);
    const objective = launchCheck(lt.value).sections.flatMap((s) => s.metrics).find((m) => /CC objective/.test(m.label))?.value as number;
    const r = figs[0]!;
    const at = r.rows.find((row) => row.resources === r.marker!.x)!;
    expect(at.feasible).toBe(false); // all four CIs do not fit into R = 150
    expect(at.algorithm1_served_cis as number).toBeLessThan(4);
    expect(at.algorithm1_menu as number).toBeCloseTo(objective, 3); // the monitor shows 3 decimals
    // with more resources everybody fits and Algorithm 1's menu is the menu for all N CIs
    const rich = r.rows.filter((row) => row.feasible === true);
    expect(rich.length).toBeGreaterThan(0);
    for (const row of rich) {
      expect(row.algorithm1_served_cis).toBe(4);
      expect(rel(row.algorithm1_menu as number, row.optimal_menu as number)).toBeLessThan(1e-9);
    }
  });

  it("other games have none", () => {
    const lt = loadTreatment(readFileSync(new URL("../../examples/treatments/ids-investment-3.json", import.meta.url), "utf8"), games);
    if (!lt.ok) throw new Error(lt.errors.join("; "));
    expect(launchFigures(lt.value)).toEqual([]);
  });
});
