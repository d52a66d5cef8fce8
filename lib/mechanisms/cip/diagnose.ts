/**
 * Plain-language diagnosis of an infeasible CIP menu LP: which constraint family cannot be met.
 * Order of checks (first hit wins):
 * 1. "minimum-resources": Σ β_k r_min_k > R (the minimum resources alone exceed the budget);
 * 2. "budget": budget + minimum rows alone are infeasible (e.g. every β_k = 0 while R > 0);
 * 3. "ic-ir": the IC/IR rows with the minimum rows are infeasible for any budget, or the cheapest
 *    IC/IR-compatible menu needs more than R; `blockingRows` lists single IC/IR rows whose removal
 *    makes the LP feasible;
 * 4. "integrality": the continuous LP is feasible but no integer menu meets all rows;
 * 5. "solver": no family conflicts yet the solver found nothing (a solver failure, reported as such).
 */
import { solveLp } from "@/lib/lp/lp";
import { buildMenuLp, rowFamily } from "./menu-lp";
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
}

const fmt = (x: number) => String(Math.round(x * 1e6) / 1e6);

/** Diagnose why the menu LP for (instance, weights) has no solution. */
export function diagnoseInfeasibility(
  instance: CipInstance,
  weights: MenuWeights,
  integer = false,
): InfeasibilityDiagnosis {
  const { types, resources: R } = instance;
  const need = types.reduce((s, t, k) => s + at(weights.beta, k) * t.minResources, 0);
  if (need > R * (1 + 1e-9) + 1e-9) {
    return {
      family: "minimum-resources",
      reason: `the minimum resources exceed the budget: Σ β·r_min = ${fmt(need)} > R = ${fmt(R)}`,
      blockingRows: ["budget", ...types.map((_, k) => `min ${k + 1}`)],
    };
  }
  const base = solveLp(buildMenuLp(instance, weights, { families: ["budget", "min"] }));
  if (base.status !== "optimal") {
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
  const cheapest = solveLp(buildMenuLp(instance, weights, { families: icFamilies, objective: "minSpend" }));
  if (cheapest.status !== "optimal" || cheapest.objective > R * (1 + 1e-7) + 1e-7) {
    const blockingRows = blockingIcRows(instance, weights);
    const why =
      cheapest.status === "optimal"
        ? `the cheapest menu meeting IC/IR and the minimum resources needs Σ β·r = ${fmt(cheapest.objective)} > R = ${fmt(R)}`
        : "the IC/IR rows cannot hold together with the minimum resources for any budget";
    return {
      family: "ic-ir",
      reason: `${why}${blockingRows.length ? `; dropping any one of ${blockingRows.join(", ")} would make it feasible` : ""}`,
      blockingRows,
    };
  }
  if (integer) {
    const relaxed = solveLp(buildMenuLp(instance, weights)); // same rows, continuous
    if (relaxed.status === "optimal") {
      return {
        family: "integrality",
        reason: `a continuous menu exists but no integer resources meet the budget (Σ β·r ${budgetMode(instance) === "exact" ? "=" : "≤"} ${fmt(R)}), the minimums and IC/IR together`,
        blockingRows: ["budget", "IC/IR"],
      };
    }
  }
  return {
    family: "solver",
    reason: `no constraint family conflicts (cheapest IC/IR menu needs ${fmt(cheapest.status === "optimal" ? cheapest.objective : NaN)} ≤ R = ${fmt(R)}) yet the LP solver returned no verified solution`,
    blockingRows: [],
  };
}

/** Single IC/IR rows whose removal makes the full continuous menu LP feasible. */
function blockingIcRows(instance: CipInstance, weights: MenuWeights): string[] {
  const full = buildMenuLp(instance, weights);
  const candidates = full.constraints.map((r) => r.name).filter((n) => ["IR", "DLIC", "ULIC"].includes(rowFamily(n)));
  return candidates.filter((name) => solveLp(buildMenuLp(instance, weights, { dropRows: [name] })).status === "optimal");
}
