/**
 * The chart series of each game on small hand-made sessions whose every point can be checked by hand
 * (records shaped like the games' own, lib/games/<id>/records.ts).
 */
import { describe, expect, it } from "vitest";
import type { Scalar } from "../core/game";
import { cipContractByTypeChart, cipIcRateChart, cipRejectionsChart, cipUtilityChart } from "./cip-contracts";
import { externalityBudgetChart, externalityDistanceChart, externalityMessagesChart } from "./ids-externality";
import { investmentChart, investmentHistogramChart, totalCostChart } from "./ids-investment";
import { pivotalBudgetChart, pivotalRatesChart, pivotalTaxesChart } from "./ids-pivotal";
import type { Chart, ChartRound } from "./types";

type Rec = Record<string, Scalar>;
const pl = (decision: Rec, outcome: Rec) => ({ decision, outcome, payoff: 0 });
const gr = (groupId: string, round: number, group: Rec, players: ReturnType<typeof pl>[]): ChartRound => ({ groupId, round, group, players });
const series = (c: Chart, name: string) => {
  const s = c.series.find((x) => x.name === name);
  if (!s) throw new Error(`no series "${name}" in ${c.id}: ${c.series.map((x) => x.name).join(", ")}`);
  return s.points;
};
const ys = (c: Chart, name: string) => series(c, name).map((p) => p.y);

describe("ids-investment charts", () => {
  // two groups of two, two rounds; Nash 1 and optimum 2 for every user
  const u = (x: number) => pl({ x }, { nash_x: 1, so_x: 2 });
  const rounds = [
    gr("g1", 1, { total_cost: 10, so_cost: 6, nash_cost: 8 }, [u(0), u(1)]),
    gr("g2", 1, { total_cost: 14, so_cost: 6, nash_cost: 8 }, [u(2), u(3)]),
    gr("g1", 2, { total_cost: 7, so_cost: 6, nash_cost: 8 }, [u(2), u(2)]),
  ];
  const input = { params: {}, rounds };
  it("investment: mean, spread and n of the played x per round against the users' Nash and optimum", () => {
    const c = investmentChart(input);
    expect(c.series.map((s) => [s.name, s.role])).toEqual([
      ["played", "played"],
      ["Nash equilibrium", "theory"],
      ["social optimum", "theory"],
    ]);
    // round 1: x = 0,1,2,3 → mean 1.5, 10th pct 0.3, 90th pct 2.7; round 2: 2,2
    expect(series(c, "played")).toEqual([
      { x: 1, y: 1.5, lo: 0.3, hi: 2.7, n: 4 },
      { x: 2, y: 2, lo: 2, hi: 2, n: 2 },
    ]);
    expect(ys(c, "Nash equilibrium")).toEqual([1, 1]);
    expect(ys(c, "social optimum")).toEqual([2, 2]);
  });
  it("histogram of the latest round's investments in tenths of [0, x_max], against where Nash and the optimum fall", () => {
    const c = investmentHistogramChart({ params: { xMax: 4 }, rounds });
    expect(c.title).toBe("Investments in round 2");
    expect(c.x.categories).toEqual(["0–0.4", "0.4–0.8", "0.8–1.2", "1.2–1.6", "1.6–2", "2–2.4", "2.4–2.8", "2.8–3.2", "3.2–3.6", "3.6–4"]);
    // round 2: both users invest 2 (bin 2–2.4); Nash 1 for both (bin 0.8–1.2); optimum 2
    const at = (name: string) => Object.fromEntries(series(c, name).filter((p) => p.y !== 0).map((p) => [p.x, [p.y, p.n]]));
    expect(at("played")).toEqual({ "2–2.4": [1, 2] });
    expect(at("Nash equilibrium")).toEqual({ "0.8–1.2": [1, 2] });
    expect(at("social optimum")).toEqual({ "2–2.4": [1, 2] });
  });
  it("total cost: mean over groups against the optimum and Nash costs", () => {
    const c = totalCostChart(input);
    expect(series(c, "played").map((p) => [p.x, p.y, p.n])).toEqual([
      [1, 12, 2],
      [2, 7, 1],
    ]);
    expect(ys(c, "social optimum")).toEqual([6, 6]);
    expect(ys(c, "Nash equilibrium")).toEqual([8, 8]);
  });
});

describe("ids-pivotal charts", () => {
  const rounds = [
    gr("g1", 1, { budget: -2, paper_budget: -1 }, [
      pl({ joined: true }, { misreport: false, tax: 1, paper_tax: 0.5, paper_vp: true }),
      pl({ joined: true }, { misreport: true, tax: -3, paper_tax: -1.5, paper_vp: true }),
      pl({ joined: false }, { misreport: null, tax: null, paper_tax: 0, paper_vp: false }),
    ]),
    gr("g1", 2, { budget: 0, paper_budget: -1 }, [
      pl({ joined: true }, { misreport: false, tax: 0, paper_tax: 0.5, paper_vp: true }),
      pl({ joined: true }, { misreport: false, tax: 0, paper_tax: -1.5, paper_vp: true }),
      pl({ joined: true }, { misreport: false, tax: 0, paper_tax: 0, paper_vp: false }),
    ]),
  ];
  const input = { params: {}, rounds };
  it("participation among all users, truthful reports among those who joined", () => {
    const c = pivotalRatesChart(input);
    expect(ys(c, "joined")).toEqual([2 / 3, 1].map((v) => Math.round(v * 1e9) / 1e9));
    expect(ys(c, "reported truthfully")).toEqual([0.5, 1]);
    expect(ys(c, "theory: joins (VP)")).toEqual([Math.round((2 / 3) * 1e9) / 1e9, Math.round((2 / 3) * 1e9) / 1e9]);
    expect(ys(c, "theory: truthful")).toEqual([1, 1]);
    expect(c.y.share).toBe(true);
  });
  it("taxes of those who joined (loners pay none) and the budget against the truthful benchmark", () => {
    expect(series(pivotalTaxesChart(input), "tax paid").map((p) => [p.y, p.n])).toEqual([
      [-1, 2],
      [0, 3],
    ]);
    expect(ys(pivotalTaxesChart(input), "theory: truthful tax")).toEqual([Math.round((-1 / 3) * 1e9) / 1e9, Math.round((-1 / 3) * 1e9) / 1e9]);
    expect(ys(pivotalBudgetChart(input), "budget")).toEqual([-2, 0]);
    expect(ys(pivotalBudgetChart(input), "theory: truthful budget")).toEqual([-1, -1]);
  });
});

describe("ids-externality charts", () => {
  const u = (i: number, x: number, so: number) => pl({}, { user_index: i, x, so_x: so });
  const rounds = [
    gr("g1", 1, { distance_to_eq: 2, proposal_spread: 1, budget: 1e-12 }, [u(0, 1, 2), u(1, 3, 1)]),
    gr("g2", 1, { distance_to_eq: 4, proposal_spread: 3, budget: -1e-12 }, [u(0, 3, 2), u(1, 1, 1)]),
    gr("g1", 2, { distance_to_eq: 0, proposal_spread: 0, budget: 0 }, [u(0, 2, 2), u(1, 1, 1)]),
  ];
  const input = { params: {}, rounds };
  it("one played and one equilibrium series per user, sharing a colour", () => {
    const c = externalityMessagesChart(input);
    expect(c.series.map((s) => [s.name, s.role, s.colorKey])).toEqual([
      ["user 1: x̂", "played", "user 1"],
      ["user 1: equilibrium", "theory", "user 1"],
      ["user 2: x̂", "played", "user 2"],
      ["user 2: equilibrium", "theory", "user 2"],
    ]);
    expect(ys(c, "user 1: x̂")).toEqual([2, 2]);
    expect(ys(c, "user 2: x̂")).toEqual([2, 1]);
    expect(ys(c, "user 1: equilibrium")).toEqual([2, 2]);
  });
  it("distance and spread fall to the equilibrium's 0; the budget stays balanced", () => {
    const d = externalityDistanceChart(input);
    expect(ys(d, "‖x̂ − x*‖")).toEqual([3, 0]);
    expect(ys(d, "proposal spread")).toEqual([2, 0]);
    expect(ys(d, "equilibrium")).toEqual([0, 0]);
    expect(ys(externalityBudgetChart(input), "budget")).toEqual([0, 0]);
  });
});

describe("cip-contracts charts", () => {
  const params = { allocation: "menu" as const, types: [{ label: "low" }, {}] } as unknown as Parameters<typeof cipContractByTypeChart>[0]["params"];
  const ci = (type: number, response: string, contract: number | null, status: string) =>
    pl({ response, contract_type: contract }, { true_type: type, status, own_contract: contract === null ? null : contract === type, best_response_ex_post: contract === null ? null : true });
  const rounds = [
    gr("g1", 1, { cc_utility: 4, menu_truthful_cc_utility: 5, equal_split_cc_utility: 3, rejections: 1, excluded_initially: 1, excluded_final: 1 }, [
      ci(1, "accept", 1, "signed"),
      ci(2, "accept", 1, "signed"),
      ci(2, "reject", null, "rejected"),
      ci(1, "none", null, "excluded"),
    ]),
    gr("g1", 2, { cc_utility: 6, menu_truthful_cc_utility: 5, equal_split_cc_utility: 3, rejections: 0, excluded_initially: 0, excluded_final: 0 }, [
      ci(1, "accept", 1, "signed"),
      ci(2, "accept", 2, "signed"),
      ci(2, "accept", 2, "signed"),
      ci(1, "accept", 1, "signed"),
    ]),
  ];
  const input = { params, rounds };
  it("contract chosen by true type: shares of each type's CI rounds (stacked to 1)", () => {
    const c = cipContractByTypeChart(input);
    expect(c.byPrivateType).toBe(true);
    expect(c.x.categories).toEqual(["type 1 (low)", "type 2"]);
    // type 1: 4 CI rounds → contract 1 three times, excluded once; type 2: 4 → contract 1 once, 2 twice, rejected once
    expect(ys(c, "contract for type 1")).toEqual([0.75, 0.25]);
    expect(ys(c, "contract for type 2")).toEqual([0, 0.5]);
    expect(ys(c, "rejected")).toEqual([0, 0.25]);
    expect(ys(c, "excluded / not offered")).toEqual([0.25, 0]);
    for (const k of [0, 1]) expect(c.series.reduce((s, x) => s + (x.points[k]!.y ?? 0), 0)).toBeCloseTo(1, 12);
  });
  it("IC rate among accepting CIs, rejections and exclusions per CI, CC utility against the menu and the equal split", () => {
    expect(ys(cipIcRateChart(input), "own contract")).toEqual([0.5, 1]);
    const rej = cipRejectionsChart(input);
    expect(ys(rej, "rejected")).toEqual([0.25, 0]);
    expect(ys(rej, "excluded at the start")).toEqual([0.25, 0]);
    const u = cipUtilityChart(input);
    expect(ys(u, "played")).toEqual([4, 6]);
    expect(ys(u, "optimal menu")).toEqual([5, 5]);
    expect(ys(u, "equal split")).toEqual([3, 3]);
  });
});
