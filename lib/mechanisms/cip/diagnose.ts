/**
 * Plain-language diagnosis of an infeasible CIP menu LP: which constraint family cannot be met.
 * Order of checks (first hit wins):
 * 1. "minimum-resources": Σ β_k r_min_k > R (the minimum resources alone exceed the budget; with integer
 *    resources Σ β_k ⌈r_min_k⌉ > R);
 * 2. "budget": budget + minimum rows alone are infeasible (e.g. every β_k = 0 while R > 0);
 * 3. "ic-ir": the IC/IR rows with the minimum rows are infeasible for any budget, or the cheapest
 *    IC/IR-compatible menu needs more than R, or (exact budget) the DEAREST one spends less than R —
 *    e.g. IR forces r = 0 for a type with τ·a < c·ρ and r_min = 0 (findings B1); `blockingRows` lists
 *    single IC/IR rows whose removal makes the LP feasible;
 * 4. "integrality": the continuous LP is feasible but no integer menu meets all rows;
 * 5. "solver": no family conflicts yet the solver found nothing (a solver failure, reported as such).
 * Every LP here is solved in the scaled units of buildScaledMenuLp (like designMenu), so the
 * diagnosis does not mistake the solver's 8-decimal rounding for infeasibility.
 */
import { solveLp } from "@/lib/lp/lp";
import { buildMenuLp, buildScaledMenuLp, resourcesFromScaled, rowFamily, type MenuLpOptions } from "./menu-lp";
import { at, budgetMode, tau, type CipInstance, type MenuWeights } from "./model";

/** Which constraint family makes the menu infeasible. */
export type InfeasibilityFamily = "minimum-resources" | "budget" | "ic-ir" | "integrality" | "verification" | "solver";

/** Diagnosis of an infeasible menu. */
export interface InfeasibilityDiagnosis {
  family: InfeasibilityFamily;
  /** One or two sentences for a human. */
  reason: string;
  /** LP rows (1-based names like "ULIC 2") implicated; for "ic-ir", single rows whose removal restores feasibility. */
  blockingRows: string[];
  /** What the experimenter can change, when it is not "raise R or lower the minimum resources". */
  remedy?: string;
}

/** Six significant digits (so that R = 6e-5 or 4e8 is printed meaningfully). */
const fmt = (x: number) => (Number.isFinite(x) ? String(Number(x.toPrecision(6))) : String(x));

/** Relative slack allowed when comparing the minimum resources with the budget. */
const MIN_BUDGET_TOLERANCE = 1e-12;

/**
 * True when Σ β_k r_min_k > R beyond rounding (relative 1e-12): then no menu can meet the minimums
 * without spending more than R, and designMenu refuses instead of returning an overspending menu.
 */
export function minimumsExceedBudget(instance: CipInstance, weights: MenuWeights): boolean {
  return minimumSpend(instance, weights) > instance.resources * (1 + MIN_BUDGET_TOLERANCE);
}

/**
 * Σ β_k r_min_k, the least any menu spends; with integer resources each r_k is at least r_min_k rounded
 * up (a minimum of 0.0005 is a whole unit: 1), so the least spend is Σ β_k ⌈r_min_k⌉.
 */
function minimumSpend(instance: CipInstance, weights: MenuWeights): number {
  const integer = instance.integerResources === true;
  return instance.types.reduce((s, t, k) => s + at(weights.beta, k) * (integer ? wholeUnitsAtLeast(t.minResources) : t.minResources), 0);
}

/** The least integer ≥ x, allowing for x computed with rounding error (3.0000000000004 is 3). */
const wholeUnitsAtLeast = (x: number) => Math.ceil(x - 1e-9 * Math.max(1, Math.abs(x)));

/** Solve a (scaled) menu LP; `spend` is Σ β_k r_k of the answer in original units. */
function solveScaled(instance: CipInstance, weights: MenuWeights, options: MenuLpOptions) {
  const scaled = buildScaledMenuLp(instance, weights, options);
  const res = solveLp(scaled.lp);
  if (res.status !== "optimal") return { ok: false as const, unbounded: res.status === "unbounded" };
  const r = resourcesFromScaled(scaled, res.values);
  return { ok: true as const, spend: r.reduce((s, x, k) => s + at(weights.beta, k) * x, 0) };
}

/** Diagnose why the menu LP for (instance, weights) has no solution. */
export function diagnoseInfeasibility(
  instance: CipInstance,
  weights: MenuWeights,
  integer = false,
): InfeasibilityDiagnosis {
  const { types, resources: R } = instance;
  const need = minimumSpend(instance, weights);
  if (minimumsExceedBudget(instance, weights)) {
    const sum = instance.integerResources === true ? "Σ β·⌈r_min⌉ (whole units: resources are integers)" : "Σ β·r_min";
    return {
      family: "minimum-resources",
      reason: `the minimum resources exceed the budget: ${sum} = ${need} > R = ${R} ${R > 0 ? ` (by ${(need / R - 1).toPrecision(2)} of R)` : ""}`,
      blockingRows: ["budget", ...types.map((_, k) => `min ${k + 1}`)],
    };
  }
  const base = solveScaled(instance, weights, { families: ["budget", "min"] });
  if (!base.ok) {
    return {
      family: "budget",
      reason: `the budget row Σ β·r = R = ${fmt(R)} cannot be met with r ≥ r_min (β = ${weights.beta.map(fmt).join(", ")})`,
      blockingRows: ["budget"],
    };
  }
  const t1 = at(types, 0);
  const ir1 = tau(t1) * instance.evaluationRate - instance.paymentCost * t1.rewardRate;
  if (ir1 < 0 && t1.minResources > 0) {
    return {
      family: "ic-ir",
      reason: `IR of the lowest type cannot hold: τ₁·a − c·ρ₁ = ${fmt(ir1)} < 0, so any r₁ > 0 gives it negative utility, yet r_min = ${fmt(t1.minResources)}`,
      blockingRows: ["IR 1", "min 1"],
    };
  }
  const icFamilies = ["min", "IR", "DLIC", "ULIC"] as const;
  const cheapest = solveScaled(instance, weights, { families: icFamilies, objective: "minSpend" });
  if (!cheapest.ok || cheapest.spend > R * (1 + 1e-7)) {
    const blockingRows = blockingIcRows(instance, weights);
    const why = cheapest.ok
        ? `the cheapest menu meeting IC/IR and the minimum resources needs Σ β·r = ${fmt(cheapest.spend)} > R = ${fmt(R)}`
        : "the IC/IR rows cannot hold together with the minimum resources for any budget";
    return {
      family: "ic-ir",
      reason: `${why}${blockingRows.length ? `; dropping any one of ${blockingRows.join(", ")} would make it feasible` : ""}`,
      blockingRows,
    };
  }
  if (budgetMode(instance) === "exact" && R > 0) {
    // The cheapest menu fits; can a menu meeting IC/IR and the minimums spend as much as R at all?
    const dearest = solveScaled(instance, weights, { families: icFamilies, objective: "maxSpend" });
    if (dearest.ok && dearest.spend < R * (1 - 1e-7)) {
      const why = ir1 < 0
        ? `IR of type 1 forces r₁ = 0 (τ₁·a − c·ρ₁ = ${fmt(ir1)} < 0: any resources would give it negative utility), so`
        : "IC/IR cap the resources a menu can hand out:";
      return {
        family: "ic-ir",
        reason: `${why} the most any menu meeting IC/IR and the minimum resources can spend is Σ β·r = ${fmt(dearest.spend)}, less than the exact budget R = ${fmt(R)}`,
        blockingRows: ir1 < 0 ? ["IR 1", "budget"] : ["budget", "IC/IR"],
        remedy: `rescaling the units or raising R does not help: raise the evaluation rate a, or lower the payment cost c or the reward rates ρ, so that τ_k·a ≥ c·ρ_k (a CI gains from resources at its own rate), or allow a menu that spends less than R (budget "atMost")`,
      };
    }
  }
  if (integer) {
    const relaxed = solveScaled(instance, weights, {}); // same rows, continuous
    if (relaxed.ok) {
      return {
        family: "integrality",
        reason: `a continuous menu exists but no integer resources meet the budget (Σ β·r ${budgetMode(instance) === "exact" ? "=" : "≤"} ${fmt(R)}), the minimums and IC/IR together`,
        blockingRows: ["budget", "IC/IR"],
      };
    }
  }
  return {
    family: "solver",
    reason: `no constraint family conflicts (cheapest IC/IR menu needs ${fmt(cheapest.ok ? cheapest.spend : NaN)} ≤ R = ${fmt(R)}) yet the LP solver returned no verified solution`,
    blockingRows: [],
  };
}

/** Single IC/IR rows whose removal makes the full continuous menu LP feasible. */
function blockingIcRows(instance: CipInstance, weights: MenuWeights): string[] {
  const full = buildMenuLp(instance, weights);
  const candidates = full.constraints.map((r) => r.name).filter((n) => ["IR", "DLIC", "ULIC"].includes(rowFamily(n)));
  return candidates.filter((name) => solveScaled(instance, weights, { dropRows: [name] }).ok);
}
