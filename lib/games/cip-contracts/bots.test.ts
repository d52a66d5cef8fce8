/**
 * The bots' behaviour on their own views, and what all-bot groups converge to.
 */
import { describe, expect, it } from "vitest";
import { makeRng } from "../../core/rng";
import { bestResponseChooser, designMenu, type CipInstance } from "../../mechanisms/cip";
import { newSession, runBots } from "../../testing/drive";
import { bestContract, cipBots } from "./bots";
import type { CipGameParams } from "./params";
import type { CipContractView, CipView } from "./views";
import { loadCip, PHI_TYPES, REF_PARAMS, REF_TYPES } from "./testing";

const ctx = (seed = 1) => ({ rng: makeRng({ s: seed }), params: {} as CipGameParams, playerId: "p1", round: 1, phase: "offer", history: [] });

function viewWith(menu: CipContractView[] | null, status: CipView["status"] = "choosing", equalU = 10): CipView {
  return {
    allocation: menu ? "menu" : "equal",
    ci: 1,
    groupSize: 4,
    model: { a: 2, c: 0.5, R: 650, integer: false },
    points: { endowment: 100, scale: 0.1 },
    types: [],
    me: { number: 1, label: "type 1", theta: 1, phi: 0, tau: 1, probability: 0.25, minResources: 20, rewardRate: 2, probabilities: null },
    status,
    outTimedOut: false,
    offer: { round: 1, offeredTo: 4, menu, equal: menu ? null : { resources: 1, reward: 1, myUtility: equalU, myPoints: 100 }, myAnswer: null },
    news: [],
    results: null,
  };
}

/** The menu as a CI of true type k sees it. */
function menuView(inst: CipInstance, k: number): CipContractView[] {
  const m = designMenu(inst);
  if (!m.feasible) throw new Error(m.reason);
  const u = m.ciUtility[k]!;
  const best = Math.max(...u);
  return m.contracts.map((c, j) => ({ number: j + 1, designedFor: j + 1, resources: c.resources, reward: c.reward, myUtility: u[j]!, myPoints: 0, mine: j === k, best: u[j]! >= best - 1e-9 }));
}

describe("bots", () => {
  const ref: CipInstance = { types: REF_TYPES, evaluationRate: 2, paymentCost: 0.5, resources: 650, weighting: "slot" };
  const phi: CipInstance = { types: PHI_TYPES, evaluationRate: 2, paymentCost: 0.5, resources: 300, weighting: "slot" };

  it("truthful = the core's best-response chooser: its own contract on verified menus, even where a ULIC makes it indifferent", () => {
    for (const inst of [ref, phi, { ...ref, paymentCost: 0.25, resources: 900 }]) {
      const m = designMenu(inst);
      if (!m.feasible) throw new Error(m.reason);
      inst.types.forEach((_, k) => {
        const core = bestResponseChooser(inst, { x: k })({ id: "x" }, m, 1);
        const mine = cipBots.truthful!.act(viewWith(menuView(inst, k)), ctx());
        expect(mine).toEqual(core.kind === "accept" ? { type: "accept", contract: core.contract + 1 } : { type: "reject" });
        expect(mine).toEqual({ type: "accept", contract: k + 1 });
      });
    }
    // type 2 of the reference menu is indifferent between contracts 2 and 3 (ULIC 2 binds)
    expect(menuView(ref, 1).filter((c) => c.best).map((c) => c.number)).toEqual([2, 3]);
  });

  it("truthful rejects a menu that would make it lose, and picks the best other contract when its own is not best", () => {
    const mk = (us: number[], own: number): CipContractView[] => us.map((u, j) => ({ number: j + 1, designedFor: j + 1, resources: 1, reward: 1, myUtility: u, myPoints: 0, mine: j === own, best: false }));
    expect(bestContract(mk([-1, -2, -3], 0))).toBeNull();
    expect(bestContract(mk([1, 5, 5], 0))).toBe(2);
    expect(bestContract(mk([1, 5, 5], 2))).toBe(3);
    expect(cipBots.truthful!.act(viewWith(mk([-1, -2], 0)), ctx())).toEqual({ type: "reject" });
    expect(cipBots.truthful!.act(viewWith(null, "choosing", 5), ctx())).toEqual({ type: "accept" });
    expect(cipBots.truthful!.act(viewWith(null, "choosing", -5), ctx())).toEqual({ type: "reject" });
  });

  it("mimic always claims the top type's contract; random covers every contract and rejecting", () => {
    const menu = menuView(ref, 0);
    expect(cipBots.mimic!.act(viewWith(menu), ctx())).toEqual({ type: "accept", contract: 4 });
    expect(cipBots.mimic!.act(viewWith(null), ctx())).toEqual({ type: "accept" });
    const counts = new Map<string, number>();
    const rng = makeRng({ s: 7 });
    for (let i = 0; i < 2000; i++) {
      const a = cipBots.random!.act(viewWith(menu), { ...ctx(), rng });
      const key = a?.type === "accept" ? `c${a.contract}` : String(a?.type);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(["c1", "c2", "c3", "c4", "reject"]);
    for (const c of counts.values()) expect(c).toBeGreaterThan(300); // ≈ 400 each
  });

  it("wait when not choosing (excluded, out, answered) and continue on the results screen", () => {
    const menu = menuView(ref, 0);
    for (const st of ["excluded", "out", "answered", "done"] as const)
      for (const b of Object.values(cipBots)) expect(b.act(viewWith(menu, st), ctx())).toBeNull();
    for (const b of Object.values(cipBots)) expect(b.act(viewWith(menu, "done"), { ...ctx(), phase: "results" })).toEqual({ type: "continue" });
  });
});

describe("what all-bot groups converge to", () => {
  const run = (seats: string[], params: Record<string, unknown> = {}) => {
    const lt = loadCip({ ...REF_PARAMS, rounds: 20, ...params }, { bots: { seats } });
    return runBots(newSession(lt, "conv").state, lt, 0).rounds;
  };
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

  it("truthful groups: IC rate 1, no rejections, one offer, and the CC beats the equal split on average", () => {
    const rows = run(Array(4).fill("truthful"));
    expect(rows.every((r) => r.group.ic_rate === 1 && r.group.rejections === 0 && r.group.offers === 1)).toBe(true);
    expect(mean(rows.map((r) => r.group.cc_utility as number))).toBeGreaterThan(mean(rows.map((r) => r.group.equal_split_cc_utility as number)));
    // the truthful counterfactual is what was played
    for (const r of rows) expect(r.group.cc_utility as number).toBeCloseTo(r.group.menu_truthful_cc_utility as number, 6);
  });

  it("mimic groups: IC rate = share of top types, chronic rationing, low types lose points", () => {
    const rows = run(Array(4).fill("mimic"));
    for (const r of rows) {
      const top = r.players.filter((p) => p.record.outcome.true_type === 4).length;
      expect(r.group.ic_rate).toBeCloseTo(top / 4, 9);
      expect(r.group.rationed).toBe(true);
      for (const p of r.players) if (p.record.outcome.true_type === 1 && p.record.outcome.status === "signed") expect(p.record.payoff).toBeLessThan(100);
    }
  });

  it("one mimic among truthful CIs: the others keep their own contracts; the mimic's IC flag is false unless it is of the top type", () => {
    const rows = run(["mimic", "truthful", "truthful", "truthful"], { requestOrder: "seat" });
    for (const r of rows) {
      const [mimic, ...rest] = [...r.players].sort((a, b) => a.seat - b.seat);
      expect(mimic!.record.decision.contract).toBe(4);
      expect(mimic!.record.outcome.own_contract).toBe(mimic!.record.outcome.true_type === 4);
      for (const p of rest) expect(p.record.outcome.own_contract).toBe(true);
    }
  });

  it("equal split with truthful bots: everyone accepts; the CC earns exactly the equal-split value", () => {
    const rows = run(Array(4).fill("truthful"), { allocation: "equal" });
    for (const r of rows) {
      expect(r.group.signed).toBe(4);
      expect(r.group.cc_utility as number).toBeCloseTo(r.group.equal_split_cc_utility as number, 9);
    }
  });
});
