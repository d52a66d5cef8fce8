/**
 * The CIP paper's figures (Eldosouky, Saad, Kamhoua & Kwiat 2015, §IV; reconstructed model,
 * docs/papers/cip.md) computed with the project's own mechanism core:
 * - Fig. 1: the control center's (CC's) utility of the optimal menu normalised to equal allocation as
 *   the number of CIs grows, with R fixed and with R growing per added CI — as planned (the LP, the
 *   paper's comparison) and as played (exact expectation with the over-budget rule, played.ts);
 * - Fig. 2: each type's CI utility under the optimal menu and under equal allocation;
 * - Fig. 3: each true type's utility for every contract of the menu (incentive compatibility);
 * - the CC's utility of the menu and of the equal split as the resources R, the type mix (probability
 *   of the most vulnerable type) and the payment cost c vary — the sweeps the launch check draws
 *   around a treatment's own parameters.
 * The paper's exact Fig. 1 parameters were lost (docs/papers/cip.md §8); the ones used are stated in
 * every caption.
 */
import {
  ccUtilityVsNumberOfCis,
  menuForCis,
  startAlgorithm1,
  type CipCi,
  ciUtilitiesMenuVsEqual,
  designMenu,
  equalSplit,
  populationWeights,
  utilityByContract,
  type CipInstance,
  type CipType,
  type MenuWeights,
} from "../mechanisms/cip";
import { sweep, tidy, type Figure, type FigureMarker, type FigureRow } from "./figure";

/** The paper's simulation setting (§IV): a = 2, c = 0.5, θ_k = k, φ = 0, ρ_k = 2θ_k, uniform p. */
export function paperCipInstance(minResources: readonly number[], resources: number, weighting: CipInstance["weighting"]): CipInstance {
  const k = minResources.length;
  return {
    types: minResources.map((r, i) => ({ theta: i + 1, phi: 0, probability: 1 / k, minResources: r, rewardRate: 2 * (i + 1) })),
    evaluationRate: 2,
    paymentCost: 0.5,
    resources,
    weighting,
  };
}

/** Fig. 1 parameters: three levels (r_min 20, 60, 100), R = 600, R growing by 10 % of R per added CI. */
export const CIP_FIG1 = { minResources: [20, 60, 100], resources: 600, growthPerCi: 0.1, maxCis: 14 } as const;
/** Fig. 2–3 parameters: a fourth level (r_min 140) and R = 650, one CI per type. */
export const CIP_FIG23 = { minResources: [20, 60, 100, 140], resources: 650 } as const;

const pct = (x: number) => `${tidy(x * 100)} %`;

/** Fig. 1: menu / equal split vs the number of CIs, R fixed and R growing (expected weighting). */
export function cipFigure1(): Figure {
  const inst = paperCipInstance(CIP_FIG1.minResources, CIP_FIG1.resources, "expected");
  const fixed = ccUtilityVsNumberOfCis(inst, { maxCis: CIP_FIG1.maxCis });
  const growing = ccUtilityVsNumberOfCis(inst, { maxCis: CIP_FIG1.maxCis, growthPerCi: CIP_FIG1.growthPerCi });
  const rows: FigureRow[] = fixed.map((p, i) => {
    const g = growing[i]!;
    return {
      cis: p.numberOfCis,
      ratio_fixed_resources: p.ratio,
      ratio_growing_resources: g.ratio,
      equal_split: 1,
      resources_fixed: p.resources,
      resources_growing: tidy(g.resources),
      played_ratio_fixed: p.played?.ratio ?? null,
      played_ratio_growing: g.played?.ratio ?? null,
      menu_cc_fixed: p.ccUtility,
      equal_cc_fixed: p.equalSplitCcUtility,
      menu_cc_growing: g.ccUtility,
      equal_cc_growing: g.equalSplitCcUtility,
      played_menu_cc_fixed: p.played?.menuCcUtility ?? null,
      played_equal_cc_fixed: p.played?.equalSplitCcUtility ?? null,
      rationed_probability_fixed: p.played?.rationedProbability ?? null,
      played_menu_cc_growing: g.played?.menuCcUtility ?? null,
      played_equal_cc_growing: g.played?.equalSplitCcUtility ?? null,
      rationed_probability_growing: g.played?.rationedProbability ?? null,
      feasible_fixed: p.feasible,
      served_by_algorithm1_fixed: p.served,
      infeasible_reason_fixed: p.reason,
    };
  });
  return {
    id: "cip-fig1-cc-utility-vs-cis",
    title: "Fig. 1 — CC utility of the optimal menu, normalised to equal allocation",
    caption: `Three vulnerability levels (r_min 20, 60, 100), a = 2, c = 0.5, ρ_k = 2k, uniform types, "expected" weighting (N CIs of unknown type). R fixed at ${CIP_FIG1.resources}, or growing by ${pct(CIP_FIG1.growthPerCi)} of ${CIP_FIG1.resources} per added CI. "Planned": the paper's comparison, the menu LP's objective over the equal split's — ex ante, as if every contract were paid in full, although the budget holds only in expectation (a single contract can exceed R); no value where no menu serves all N CIs. "Played": the exact expectation over the type profiles of what the game realises with truthful CIs — Algorithm 1's first menu, acceptances signed with the over-budget rule (criticality-order-fill) — over the equal split R/N of all N CIs (rationed_probability_* in the CSV: how often the rule cuts).`,
    x: { field: "cis", title: "number of CIs N" },
    y: { title: "CC utility / equal allocation" },
    mark: "line",
    series: [
      { field: "ratio_fixed_resources", label: `menu as planned (LP), R = ${CIP_FIG1.resources} fixed` },
      { field: "ratio_growing_resources", label: `menu as planned (LP), R grows ${pct(CIP_FIG1.growthPerCi)} per CI` },
      { field: "played_ratio_fixed", label: `menu as played, R = ${CIP_FIG1.resources} fixed`, dashed: true },
      { field: "played_ratio_growing", label: `menu as played, R grows`, dashed: true },
      { field: "equal_split", label: "equal allocation", dashed: true },
    ],
    rows,
  };
}

/** Fig. 2: each type's utility on its own contract vs under equal allocation (four CIs, R = 650). */
export function cipFigure2(): Figure {
  const inst = paperCipInstance(CIP_FIG23.minResources, CIP_FIG23.resources, "slot");
  const d = ciUtilitiesMenuVsEqual(inst);
  if (!d.feasible) throw new Error(`Fig. 2 instance has no menu: ${d.reason}`);
  return {
    id: "cip-fig2-ci-utility-by-type",
    title: "Fig. 2 — CI utility: optimal contracts vs equal allocation",
    caption: `Four CIs, one of each type (r_min 20, 60, 100, 140), R = ${CIP_FIG23.resources}, a = 2, c = 0.5, ρ_k = 2k. Optimal menu r = (${d.rows.map((r) => tidy(r.menuResources)).join(", ")}); equal allocation r = ${tidy(d.rows[0]!.equalResources)} each.`,
    x: { field: "type", title: "CI type k", ordinal: true },
    y: { title: "CI utility U_CI", zero: true },
    mark: "bar",
    series: [
      { field: "optimal_contract", label: "optimal contract" },
      { field: "equal_allocation", label: "equal allocation" },
    ],
    rows: d.rows.map((r) => ({
      type: r.type + 1,
      optimal_contract: r.menuUtility,
      equal_allocation: r.equalUtility,
      menu_resources: r.menuResources,
      equal_resources: r.equalResources,
      equal_below_minimum: r.equalBelowMinimum,
    })),
  };
}

/** Fig. 3: utility of each true type for every contract of the menu. */
export function cipFigure3(): Figure {
  const inst = paperCipInstance(CIP_FIG23.minResources, CIP_FIG23.resources, "slot");
  const d = utilityByContract(inst);
  if (!d.feasible) throw new Error(`Fig. 3 instance has no menu: ${d.reason}`);
  const k = d.rows.length;
  return {
    id: "cip-fig3-utility-by-contract",
    title: "Fig. 3 — CI utility for each contract of the optimal menu",
    caption: `Parameters of Fig. 2. Each line is one true type; every line peaks at the type's own contract (ties where an upward IC constraint binds).`,
    x: { field: "contract", title: "contract chosen (designed for type)", ordinal: true },
    y: { title: "CI utility U_CI" },
    mark: "line",
    series: d.rows.map((r) => ({ field: `type_${r.type + 1}`, label: `true type ${r.type + 1}` })),
    rows: Array.from({ length: k }, (_, j) => {
      const row: FigureRow = { contract: j + 1 };
      for (const r of d.rows) row[`type_${r.type + 1}`] = r.utilities[j] ?? null;
      return row;
    }),
  };
}

/** Where the sweeps start from: an instance, the LP weights for its CIs, and how to mark it. */
export interface CipSweepBase {
  instance: CipInstance;
  /** Number of CIs the menu is designed for (default: one per type). */
  numberOfCis?: number;
  /** Mark the base instance's value on each sweep (the launch check's "this treatment"). */
  markerLabel?: string;
  /**
   * The CIs as the CC sees them (its beliefs: the population's or per CI), in request order. When given,
   * each point also shows the menu Algorithm 1 offers first (after excluding CIs that do not fit), and
   * the menu for all N CIs uses these beliefs.
   */
  cis?: readonly CipCi[];
}

interface MenuVsEqual {
  menu: number | null;
  equal: number;
  feasible: boolean;
  reason: string | null;
  /** Algorithm 1's first menu (after its exclusions) and how many CIs it serves; only with `cis`. */
  algorithm1?: { menu: number | null; served: number };
}

function menuVsEqual(base: CipSweepBase, instance: CipInstance): MenuVsEqual {
  if (!base.cis) {
    const weights = populationWeights(instance, base.numberOfCis);
    const m = designMenu(instance, { weights });
    return { menu: m.feasible ? m.ccUtility : null, equal: equalSplit(instance, weights).ccUtility, feasible: m.feasible, reason: m.feasible ? null : m.reason };
  }
  const input = { instance, cis: base.cis };
  const m = menuForCis(input, base.cis.map((c) => c.id));
  const run = startAlgorithm1(input);
  return {
    menu: m.feasible ? m.ccUtility : null,
    equal: equalSplit(instance, m.weights).ccUtility,
    feasible: m.feasible,
    reason: m.feasible ? null : m.reason,
    algorithm1: { menu: run.menu ? run.menu.ccUtility : null, served: run.active.length },
  };
}

function weightsFor(base: CipSweepBase, instance: CipInstance): MenuWeights {
  return populationWeights(instance, base.numberOfCis);
}

function sweepRow(xField: string, x: number, r: MenuVsEqual): FigureRow {
  return {
    [xField]: x,
    optimal_menu: r.menu,
    equal_allocation: r.equal,
    ...(r.algorithm1 ? { algorithm1_menu: r.algorithm1.menu } : {}),
    ratio: r.menu !== null && r.equal !== 0 ? r.menu / r.equal : null,
    feasible: r.feasible,
    infeasible_reason: r.reason,
    ...(r.algorithm1 ? { algorithm1_served_cis: r.algorithm1.served } : {}),
  };
}

const SWEEP_SERIES = [
  { field: "optimal_menu", label: "optimal menu (all N CIs)" },
  { field: "equal_allocation", label: "equal allocation", dashed: true },
];
const ALGORITHM1_SERIES = { field: "algorithm1_menu", label: "Algorithm 1's first menu (CIs that fit)", dashed: true };

const seriesFor = (base: CipSweepBase) => (base.cis ? [...SWEEP_SERIES, ALGORITHM1_SERIES] : SWEEP_SERIES);

function marker(base: CipSweepBase, x: number): FigureMarker | undefined {
  return base.markerLabel ? { x, label: base.markerLabel } : undefined;
}

/** Smallest R at which the minimum resources fit: Σ_k β_k r_min(θ_k). */
export function minimumFeasibleResources(instance: CipInstance, weights: MenuWeights): number {
  return instance.types.reduce((s, t, k) => s + (weights.beta[k] ?? 0) * t.minResources, 0);
}

function context(base: CipSweepBase): string {
  const i = base.instance;
  const n = base.numberOfCis ?? i.types.length;
  return `${i.types.length} types (r_min ${i.types.map((t) => t.minResources).join(", ")}; ρ ${i.types.map((t) => t.rewardRate).join(", ")}), N = ${n} CIs, a = ${i.evaluationRate}, c = ${i.paymentCost}, R = ${i.resources}, "${i.weighting}" weighting${base.cis ? "; Algorithm 1 takes the CIs in seat order" : ""}`;
}

/** CC utility of the menu and the equal split as R varies from the minimum that fits to 2.5 R. */
export function cipResourcesSweep(base: CipSweepBase, points = 25): Figure {
  const i0 = base.instance;
  const floor = minimumFeasibleResources(i0, base.cis ? menuForCis({ instance: i0, cis: base.cis }, base.cis.map((c) => c.id)).weights : weightsFor(base, i0));
  const lo = floor > 0 ? floor : i0.resources * 0.25;
  const hi = Math.max(i0.resources * 2.5, lo * 1.5);
  const xs = [...new Set([...sweep(lo, hi, points).map(tidy), i0.resources])].sort((a, b) => a - b);
  const m = marker(base, i0.resources);
  return {
    id: "cip-cc-utility-vs-resources",
    title: "CC utility as the resources R vary",
    caption: `${context(base)}; R from the smallest budget that covers every minimum (${tidy(floor)}) to ${tidy(hi)}.`,
    x: { field: "resources", title: "resources R" },
    y: { title: "CC utility" },
    mark: "line",
    series: seriesFor(base),
    rows: xs.map((r) => {
      const inst = { ...i0, resources: r };
      return sweepRow("resources", r, menuVsEqual(base, inst));
    }),
    ...(m ? { marker: m } : {}),
  };
}

/** The types with probability `pK` on the most vulnerable type and the rest in the base's proportions. */
export function withTopTypeProbability(types: readonly CipType[], pK: number): CipType[] {
  const last = types.length - 1;
  const restMass = types.slice(0, last).reduce((s, t) => s + t.probability, 0);
  return types.map((t, k) => ({
    ...t,
    probability: k === last ? pK : restMass > 0 ? ((1 - pK) * t.probability) / restMass : (1 - pK) / Math.max(1, last),
  }));
}

/** CC utility as the probability of the most vulnerable type goes from 0 to 1 (others keep their proportions). */
export function cipTypeMixSweep(base: CipSweepBase, points = 21): Figure {
  const i0 = base.instance;
  const top = i0.types[i0.types.length - 1]!;
  const xs = [...new Set([...sweep(0, 1, points).map(tidy), tidy(top.probability)])].sort((a, b) => a - b);
  const m = marker(base, tidy(top.probability));
  return {
    id: "cip-cc-utility-vs-type-mix",
    title: "CC utility as the type mix varies",
    caption: `${context(base)}; the probability of the most vulnerable type (type ${i0.types.length}) varies, the other types share the rest in their original proportions.`,
    x: { field: "top_type_probability", title: `probability of type ${i0.types.length} (most vulnerable)` },
    y: { title: "CC utility" },
    mark: "line",
    series: seriesFor(base),
    rows: xs.map((p) => {
      const inst = { ...i0, types: withTopTypeProbability(i0.types, p) };
      return sweepRow("top_type_probability", p, menuVsEqual(base, inst));
    }),
    ...(m ? { marker: m } : {}),
  };
}

/** CC utility as the unit payment cost c goes through (0, 1). */
export function cipPaymentCostSweep(base: CipSweepBase, points = 25): Figure {
  const i0 = base.instance;
  const xs = [...new Set([...sweep(0.02, 0.98, points).map(tidy), i0.paymentCost])].sort((a, b) => a - b);
  const m = marker(base, i0.paymentCost);
  return {
    id: "cip-cc-utility-vs-payment-cost",
    title: "CC utility as the payment cost c varies",
    caption: `${context(base)}; c from 0.02 to 0.98. The equal split's CC value does not depend on c; the menu's IC and IR constraints do.`,
    x: { field: "payment_cost", title: "unit payment cost c" },
    y: { title: "CC utility" },
    mark: "line",
    series: seriesFor(base),
    rows: xs.map((c) => {
      const inst = { ...i0, paymentCost: c };
      return sweepRow("payment_cost", c, menuVsEqual(base, inst));
    }),
    ...(m ? { marker: m } : {}),
  };
}

/** The three sweeps around one instance (the launch check's figures). */
export function cipSweeps(base: CipSweepBase): Figure[] {
  return [cipResourcesSweep(base), cipTypeMixSweep(base), cipPaymentCostSweep(base)];
}

/** Every CIP figure for the docs and `mechlab figures cip`: Fig. 1–3 and the sweeps around the Fig. 2–3 setting. */
export function cipPaperFigures(): Figure[] {
  const base: CipSweepBase = { instance: paperCipInstance(CIP_FIG23.minResources, CIP_FIG23.resources, "slot"), markerLabel: "paper: R = 650, c = 0.5, uniform" };
  return [cipFigure1(), cipFigure2(), cipFigure3(), ...cipSweeps(base)];
}
