import { readFileSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadTreatment, reduce } from "../../engine";
import { must, newSession, runBots } from "../../testing/drive";
import {
  checkIndividualRationality,
  combineCoverage,
  cswMaxNse,
  decomposeJoint,
  defenderUtility,
  dictatorship,
  payoffRangeProblems,
  playTarget,
  SSG_MIN_RELATIVE_GAP,
  welfare,
} from "../../mechanisms/ssg";
import { makeRng, seedFrom } from "../../core/rng";
import { games } from "../registry";
import { trueGame } from "./benchmarks";
import { residualGame, runMechanism } from "./coordination";
import { coordinatedOutcome } from "./outcome";
import { MIN_PAYOFF_GAP, PAYOFF_BOUND } from "./params";
import { checkReport } from "./state";
import { COAST, OPEN_ATTACKER_CERTIFIED, OPEN_INSTANCE } from "./fixtures";
import { act, gameOf, group, load, paramsOf, start, timedOut } from "./testing";

const EXAMPLES = resolve(import.meta.dirname, "../../../examples/treatments");
/** Exported vectors are rounded to 9 decimals, so they are compared to 8 and utilities recomputed from them to 7. */
const close = (a: readonly number[], b: readonly number[], digits = 8) => a.forEach((x, t) => expect(x).toBeCloseTo(b[t]!, digits));
const vec = (cell: unknown) => JSON.parse(String(cell)) as number[];

describe("treatment validation", () => {
  it("accepts the shipped SSG examples", () => {
    const files = readdirSync(EXAMPLES).filter((f) => f.startsWith("ssg-"));
    expect(files.sort()).toEqual(["ssg-defense-coordinated-join.json", "ssg-defense-recommendation.json", "ssg-defense-uncoordinated-3.json", "ssg-defense-uncoordinated-classroom.json"]);
    for (const f of files) {
      const r = loadTreatment(readFileSync(resolve(EXAMPLES, f), "utf8"), games);
      expect(r.ok, `${f}: ${r.ok ? "" : r.errors.join("; ")}`).toBe(true);
      if (r.ok) expect([r.value.game.id, r.value.groupSize, r.value.rounds]).toEqual(["ssg-defense", 3, f.includes("classroom") ? 5 : 3]);
    }
  });

  it.each([
    [{ defenders: [COAST.defenders[0], { ...COAST.defenders[1], reward: [1, 2, 3] }, COAST.defenders[2]] }, /params\.defenders\[1\]\.reward: must have 4 entries/],
    [{ defenders: [{ ...COAST.defenders[0], penalty: [-9, -5, 1, -1] }, ...COAST.defenders.slice(1)] }, /params\.defenders\[0\]\.reward\[2\]: must be greater than penalty\[2\]/],
    [{ attacker: { reward: Array(11).fill(1), penalty: Array(11).fill(0) } }, /params\.attacker\.reward: use at most 10 targets/],
    [{ defenders: Array(5).fill(COAST.defenders[0]) }, /params\.defenders: use at most 4 defenders/],
    [{ mode: "uncoordinated", joinPhase: true }, /params\.joinPhase: a join phase exists only in mode "coordinated"/],
    [{ mode: "coordinated", mechanism: "cswMaxNse", joinPhase: true }, /CSW-Max-NSE needs the whole group's status quo/],
    [{ mode: "coordinated", reports: false }, /params\.reports: mode "coordinated" always collects payoff reports/],
    [{ mode: "coordinated", joinphase: true }, /joinphase/],
    [{ targets: ["A", "B", "C"] }, /params\.targets: must name 4 targets/],
    [{ attacker: { reward: [900, 7, 6, 5], penalty: [899.9999, -3, -2, -2] } }, /attacker\.reward\[0\] − penalty\[0\] = .* is too small next to the payoff scale 900/],
    // all payoffs × 1e-9: the remedy is to scale them up (A3), not to shrink the largest
    [
      {
        attacker: { reward: COAST.attacker.reward.map((v) => v * 1e-9), penalty: COAST.attacker.penalty.map((v) => v * 1e-9) },
        defenders: COAST.defenders.map((d) => ({ ...d, reward: d.reward.map((v) => v * 1e-9), penalty: d.penalty.map((v) => v * 1e-9) })),
      },
      /^params: the payoffs are too small: .*multiply every payoff by the same factor so that the largest is at least 1 \(e\.g\. × 1000000000;[^]*(?<!shrink.*)$/,
    ],
  ])("names the wrong field (%#)", (bad, message) => {
    const r = loadTreatment({ name: "t", game: "ssg-defense", params: { ...COAST, mode: "uncoordinated", ...bad } }, games);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join("\n")).toMatch(message);
  });

  it("accepts the §4.5 game, whose certified NSE comes from the exact-budget stage", () => {
    const r = loadTreatment({ name: "t", game: "ssg-defense", params: { ...OPEN_INSTANCE, mode: "coordinated" } }, games);
    expect(r.ok, r.ok ? "" : r.errors.join("; ")).toBe(true);
    if (r.ok) expect(trueGame(paramsOf(r.value)).nse.method).toBe("exact-budget");
  });

  it("the examples' game is what docs/games/ssg-defense.md says: coordination triples welfare, CSW-Max's plan is not IR", () => {
    const tg = trueGame(paramsOf(load({ mode: "uncoordinated" })));
    expect(tg.nseWelfare).toBeCloseTo(1.119, 3);
    expect(tg.cswMax.welfare).toBeCloseTo(3.551, 3);
    const ir = checkIndividualRationality(tg.instance, decomposeJoint(tg.instance, tg.cswMax.coverage, tg.cswMax.target), tg.cswMax.target);
    expect(ir.ir).toBe(false);
    expect(ir.perDefender.filter((d) => d.delta > 1e-6).map((d) => d.defender + 1)).toEqual([2, 3]);
  });

  it("computes what depends only on the true payoffs once", () => {
    const a = paramsOf(load({ mode: "uncoordinated" }));
    const b = paramsOf(load({ mode: "recommendation", rounds: 7 }));
    expect(trueGame(a)).toBe(trueGame(b));
  });
});

describe("uncoordinated play", () => {
  it("NSE players reproduce the certified NSE: coverage, target, utilities and welfare", () => {
    const lt = load({ mode: "uncoordinated" }, { bots: { seats: ["nse", "nse", "nse"] } });
    const tg = trueGame(paramsOf(lt));
    const end = runBots(newSession(lt, "nse").state, lt, 0);
    expect(end.rounds).toHaveLength(2);
    for (const r of end.rounds) {
      close(vec(r.group.coverage), tg.nse.coverage);
      expect(r.group.attacked_target).toBe(tg.nse.target);
      expect(r.group.welfare).toBeCloseTo(tg.nseWelfare, 9);
      r.players.forEach((p, i) => {
        close(vec(p.record.decision.coverage), tg.nse.defenderCoverage[i]!);
        expect(p.record.outcome.u_expected).toBeCloseTo(tg.nse.defenderUtilities[i]!, 9);
      });
    }
  });

  it("combines coverage by eq. (2), attacks by the play rule, pays offset + scale · U and records the seeded draw", () => {
    const lt = load({ mode: "uncoordinated", pointsOffset: 100, pointsScale: 10, pay: "realised", rounds: 6 }, { bots: { seats: ["random", "random", "nse"] } });
    const g = trueGame(paramsOf(lt)).instance;
    const a = runBots(newSession(lt, "draw").state, lt, 0);
    for (const r of a.rounds) {
      const own = r.players.map((p) => vec(p.record.decision.coverage));
      const c = combineCoverage(own, 4);
      close(vec(r.group.coverage), c);
      expect(r.group.attacked_target).toBe(playTarget(g, c));
      const t = r.group.attacked_target as number;
      const covered = r.players.some((p) => vec(p.record.outcome.allocation).includes(t));
      expect(r.group.covered).toBe(covered);
      r.players.forEach((p, i) => {
        const alloc = vec(p.record.outcome.allocation);
        expect(alloc.length).toBeLessThanOrEqual(1);
        alloc.forEach((s) => expect(own[i]![s]).toBeGreaterThan(0));
        expect(p.record.outcome.u_expected).toBeCloseTo(defenderUtility(g, i, c, t), 7);
        expect(p.record.outcome.u_realised).toBe(covered ? COAST.defenders[i]!.reward[t] : COAST.defenders[i]!.penalty[t]);
        expect(p.record.payoff).toBeCloseTo(100 + 10 * (p.record.outcome.u_realised as number), 9);
        close(vec(p.record.outcome.others_coverage), combineCoverage(own.filter((_, j) => j !== i), 4), 8);
      });
    }
    const allocations = (x: typeof a) => x.rounds.map((r) => r.players.map((p) => p.record.outcome.allocation));
    expect(allocations(runBots(newSession(lt, "draw").state, lt, 0))).toEqual(allocations(a));
    expect(allocations(runBots(newSession(lt, "other").state, lt, 0))).not.toEqual(allocations(a));
  });

  it("protects the attacked target as often as its coverage says", () => {
    const lt = load({ mode: "uncoordinated", rounds: 200, pay: "realised" }, { bots: { seats: ["nse", "nse", "nse"] } });
    const c = trueGame(paramsOf(lt)).nse.coverage[0]!;
    const end = runBots(newSession(lt, "freq").state, lt, 0);
    const hits = end.rounds.filter((r) => r.group.covered).length;
    expect(Math.abs(hits - 200 * c)).toBeLessThan(4 * Math.sqrt(200 * c * (1 - c)));
  });

  it("rejects impossible allocations and out-of-phase actions with a message", () => {
    const lt = load({ mode: "uncoordinated" });
    const s = start(lt, newSession(lt).state);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ type: "allocate", coverage: [0.6, 0.5, 0, 0] }, /You placed 110% of patrol time but have 1 patrol unit/],
      [{ type: "allocate", coverage: [1.2, 0, 0, 0] }, /between 0% and 100%/],
      [{ type: "allocate", coverage: [0.5, 0.5] }, /each of the 4 targets/],
      [{ type: "report", reward: [6, 3, 1, 1], penalty: [-9, -5, -1, -1] }, /act alone this round/],
      [{ type: "follow" }, /belongs to another step/],
      [{ type: "continue" }, /belongs to another step/],
    ];
    for (const [action, message] of cases) {
      const r = reduce(s, lt, act("p1", action), 10);
      expect(r.ok, JSON.stringify(action)).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(message);
    }
    const ok = reduce(s, lt, act("p1", { type: "allocate", coverage: [0.25, 0.25, 0.25, 0.25] }), 10);
    expect(ok.ok).toBe(true);
  });
});

describe("coordinated play", () => {
  it("with truthful reports implements CSW-Max of the true game; the joint plan never double-covers", () => {
    const lt = load({ mode: "coordinated" }, { bots: { seats: ["truthful", "truthful", "truthful"] } });
    const tg = trueGame(paramsOf(lt));
    const end = runBots(newSession(lt).state, lt, 0);
    for (const r of end.rounds) {
      expect(r.mechanism.id).toBe("ssg-csw-max");
      close(vec(r.group.coverage), tg.cswMax.coverage);
      expect(r.group.attacked_target).toBe(tg.cswMax.target);
      expect(r.group.welfare).toBeCloseTo(tg.cswMax.welfare, 9);
      expect(r.group.welfare_cswmax).toBeCloseTo(tg.cswMax.welfare, 12);
      r.players.forEach((p, i) => expect(p.record.outcome.u_expected).toBeCloseTo(tg.cswMax.defenderUtilities[i]!, 9));
      const all = r.players.flatMap((p) => vec(p.record.outcome.allocation));
      expect(new Set(all).size).toBe(all.length);
      expect(r.group.truthful_reports).toBe(3);
    }
  });

  it("runs the mechanism on the reports but pays with the true payoffs", () => {
    const lt = load({ mode: "coordinated", rounds: 1 }, { bots: { seats: ["truthful", "truthful", "misreporter"] } });
    const p = paramsOf(lt);
    const g = trueGame(p).instance;
    const [r] = runBots(newSession(lt).state, lt, 0).rounds;
    const rec = r!.players[2]!.record;
    expect(rec.decision.report_truthful).toBe(false);
    expect(vec(rec.decision.report_reward)).toEqual([1, 1, 21, 3]); // reward 6 on its favourite target + its range 15
    const reported = { attacker: p.attacker, defenders: [p.defenders[0]!, p.defenders[1]!, { ...p.defenders[2]!, reward: [1, 1, 21, 3] }] };
    const run = runMechanism("cswMax", reported);
    if (!run.ok) throw new Error(run.error);
    const c = vec(r!.group.coverage);
    close(c, run.coverage);
    r!.players.forEach((pl, i) => expect(pl.record.outcome.u_expected).toBeCloseTo(defenderUtility(g, i, c, run.target), 7));
  });

  it("with a join phase, fixes the loners' coverage first and coordinates the rest in the residual game", () => {
    const lt = load({ mode: "coordinated", joinPhase: true, rounds: 1 }, { bots: { seats: ["nse", "truthful", "truthful"] } });
    const p = paramsOf(lt);
    const tg = trueGame(p);
    const [r] = runBots(newSession(lt).state, lt, 0).rounds;
    expect(r!.players.map((x) => x.record.decision.joined)).toEqual([false, true, true]);
    expect(r!.group.coalition).toBe("[1,2]");
    const fixed = tg.nse.defenderCoverage[0]!;
    const run = runMechanism("cswMax", residualGame(p.attacker, [p.defenders[1]!, p.defenders[2]!], fixed));
    if (!run.ok) throw new Error(run.error);
    close(vec(r!.group.coverage), fixed.map((l, t) => 1 - (1 - l) * (1 - run.coverage[t]!)));
    expect(r!.group.attacked_target).toBe(run.target);
    close(vec(r!.players[0]!.record.outcome.own_coverage), fixed);
    close(vec(r!.players[0]!.record.outcome.others_coverage), run.coverage);
  });

  it("plays independently when nobody joins", () => {
    const lt = load({ mode: "coordinated", joinPhase: true, rounds: 1 }, { bots: { seats: ["nse", "nse", "nse"] } });
    const [r] = runBots(newSession(lt).state, lt, 0).rounds;
    expect(r!.group.coalition).toBe("[]");
    close(vec(r!.group.coverage), trueGame(paramsOf(lt)).nse.coverage);
  });

  it("refuses a report whose reward − penalty gap the solver could not resolve, at submission", () => {
    const lt = load({ mode: "coordinated", rounds: 1 });
    let s = start(lt, newSession(lt).state);
    // the tester's report: within ±1000 and reward > penalty, but a gap of 1e-7 next to payoffs of 1000
    const r = reduce(s, lt, act("p1", { type: "report", reward: [1000, 1000, 1000, 1000], penalty: [-1000, -1000, -1000, 999.9999999] }), 10);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toBe("For Fishery, the reward (protected) must be greater than the penalty (unprotected) by at least 0.001.");
      expect(r.error.wording).toEqual({ key: "payoffGap", values: { target: "Fishery", min: MIN_PAYOFF_GAP } });
    }
    expect(gameOf(s).reports[0]).toBeNull();
    // a gap of exactly the smallest allowed difference, next to payoffs of ±1000: accepted, and the round solves
    const m = 4;
    s = must(s, lt, act("p1", { type: "report", reward: [MIN_PAYOFF_GAP, ...Array<number>(m - 1).fill(1000)], penalty: [0, ...Array<number>(m - 1).fill(-1000)] }), 10);
    for (const pid of ["p2", "p3"]) {
      const d = COAST.defenders[Number(pid.slice(1)) - 1]!;
      s = must(s, lt, act(pid, { type: "report", reward: [...d.reward], penalty: [...d.penalty] }), 10);
    }
    const o = gameOf(s).outcome!;
    expect(o.mechanism).toMatchObject({ ok: true, error: null, coalition: [0, 1, 2] });
  });

  it("the smallest allowed gap is solvable whatever the others report, attacker included", () => {
    expect(MIN_PAYOFF_GAP).toBe(SSG_MIN_RELATIVE_GAP * PAYOFF_BOUND);
    const m = 4;
    const atBound = { resources: 1, reward: Array<number>(m).fill(PAYOFF_BOUND), penalty: Array<number>(m).fill(-PAYOFF_BOUND) };
    const thin = { resources: 1, reward: Array<number>(m).fill(MIN_PAYOFF_GAP), penalty: Array<number>(m).fill(0) };
    expect(payoffRangeProblems({ attacker: thin, defenders: [thin, atBound] })).toEqual([]);
    // and a treatment whose own (unreported) payoffs are finer is refused when it collects reports
    const fine = { ...COAST, attacker: { reward: [9, 7, 6, 5], penalty: [-3, -3, -2, 5 - MIN_PAYOFF_GAP / 2] } };
    const r = loadTreatment({ name: "t", game: "ssg-defense", params: { ...fine, mode: "coordinated" } }, games);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join("\n")).toMatch(/params\.attacker\.reward\[3\]: reward − penalty = 0\.0005 is too small: with payoff reports every reward − penalty gap must be at least 0\.001/);
    expect(loadTreatment({ name: "t", game: "ssg-defense", params: { ...fine, mode: "uncoordinated" } }, games).ok).toBe(true);
  });

  it("falls back to the status quo (NSE coverage, play rule) when the mechanism fails on the reports", () => {
    // reports the solver refuses can no longer be submitted (previous test): run the round's outcome
    // on such a report directly, as for a session recorded before the report check
    const lt = load({ mode: "coordinated", rounds: 1, targets: undefined, ...OPEN_ATTACKER_CERTIFIED });
    const p = paramsOf(lt);
    const tg = trueGame(p);
    // defender 1 reports a reward only 1e-9 above her penalty on target 0: too fine to solve reliably
    const reports = OPEN_INSTANCE.defenders.map((d, i) => ({ reward: i === 0 ? [d.penalty[0]! + 1e-9, ...d.reward.slice(1)] : [...d.reward], penalty: [...d.penalty] }));
    expect(checkReport(p, reports[0]!)).toMatchObject({ ok: false, wording: { key: "payoffGap" } });
    const o = coordinatedOutcome(p, p.defenders.map(() => true), p.defenders.map(() => null), reports, makeRng(seedFrom("fallback")));
    expect(o.mechanism!.ok).toBe(false);
    expect(o.mechanism!.error).toMatch(/reported payoffs cannot be solved reliably: defenders\[0\]\.reward\[0\] − penalty\[0\]/);
    close(o.coverage, tg.nse.coverage);
    expect(o.target).toBe(playTarget(tg.instance, tg.nse.coverage));
  });

  it("implements CSW-Max-NSE and dictatorship as the core computes them", () => {
    const nse = load({ mode: "coordinated", mechanism: "cswMaxNse", rounds: 1 }, { bots: { seats: ["truthful", "truthful", "truthful"] } });
    const tg = trueGame(paramsOf(nse));
    const [a] = runBots(newSession(nse).state, nse, 0).rounds;
    const expectedNse = cswMaxNse(tg.instance, tg.nse, { verifyStatusQuo: false });
    close(vec(a!.group.coverage), expectedNse.coverage);
    expect(a!.mechanism.id).toBe("ssg-csw-max-nse");
    const dict = load({ mode: "coordinated", mechanism: "dictatorship", dictator: 2, rounds: 1 }, { bots: { seats: ["truthful", "truthful", "truthful"] } });
    const [b] = runBots(newSession(dict).state, dict, 0).rounds;
    const expectedDict = dictatorship(tg.instance, 2);
    close(vec(b!.group.coverage), expectedDict.coverage);
    expect(b!.group.attacked_target).toBe(expectedDict.target);
  });

  it("checks who may do what, and validates reports", () => {
    const lt = load({ mode: "coordinated", joinPhase: true });
    let s = start(lt, newSession(lt).state);
    s = must(s, lt, act("p1", { type: "join", join: true }), 1);
    s = must(s, lt, act("p2", { type: "join", join: false }), 1);
    s = must(s, lt, act("p3", { type: "join", join: true }), 1);
    expect(group(s).phase).toBe("decide");
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ["p1", { type: "allocate", coverage: [1, 0, 0, 0] }, /You joined the coordination: report your payoffs/],
      ["p2", { type: "report", reward: [1, 6, 3, 1], penalty: [-1, -9, -5, -1] }, /You act alone this round/],
      ["p1", { type: "report", reward: [6, 3, -2, 1], penalty: [-9, -5, -1, -1] }, /For Ferry, the reward .* must be greater than the penalty/],
      ["p1", { type: "report", reward: [6, 3, 1, 1e6], penalty: [-9, -5, -1, -1] }, /between −1000 and 1000/],
    ];
    for (const [pid, action, message] of cases) {
      const r = reduce(s, lt, act(pid, action), 2);
      expect(r.ok, JSON.stringify(action)).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(message);
    }
  });

  it("at the deadlines: joins, reports the truth, spreads patrols evenly; all flagged timed out", () => {
    const lt = load({ mode: "coordinated", joinPhase: true, timeoutDefault: "even", rounds: 1 });
    let s = start(lt, newSession(lt).state);
    s = must(s, lt, act("p2", { type: "join", join: false }), 1);
    s = must(s, lt, { kind: "tick" }, 60_000);
    expect(gameOf(s).joined).toEqual([true, false, true]);
    s = must(s, lt, act("p1", { type: "report", reward: [6, 3, 1, 1], penalty: [-9, -5, -1, -1] }), 61_000);
    s = must(s, lt, { kind: "tick" }, 60_000 + 120_000);
    const st = gameOf(s);
    expect(st.coverage[1]).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(st.reports[2]).toEqual({ reward: [...COAST.defenders[2]!.reward], penalty: [...COAST.defenders[2]!.penalty] });
    expect(timedOut(s)).toEqual([true, true, true]);
    expect(st.outcome).not.toBeNull();
  });
});

describe("recommendation play", () => {
  it("draws each private recommendation from CSW-Max's joint plan; followers play the plan", () => {
    const lt = load({ mode: "recommendation", rounds: 120 }, { bots: { seats: ["follower", "follower", "follower"] } });
    const tg = trueGame(paramsOf(lt));
    const dist = decomposeJoint(tg.instance, tg.cswMax.coverage, tg.cswMax.target);
    const end = runBots(newSession(lt, "rec").state, lt, 0);
    const hits = [0, 0, 0, 0];
    for (const r of end.rounds) {
      const told = r.players.map((p) => vec(p.record.decision.recommended));
      expect(dist.some((e) => e.assignment.every((s, i) => s.join() === told[i]!.join()))).toBe(true);
      expect(r.players.every((p) => p.record.decision.followed === true)).toBe(true);
      r.players.forEach((p, i) => expect(vec(p.record.outcome.allocation)).toEqual(told[i]));
      close(vec(r.group.coverage), tg.cswMax.coverage);
      expect(r.group.attacked_target).toBe(tg.cswMax.target);
      expect(r.group.covered).toBe(told.flat().includes(tg.cswMax.target));
      for (const t of told.flat()) hits[t]!++;
    }
    hits.forEach((h, t) => {
      const c = tg.cswMax.coverage[t]!;
      expect(Math.abs(h - 120 * c)).toBeLessThan(4 * Math.sqrt(120 * c * (1 - c)));
    });
  });

  it("lets a defender change her recommendation: the attacker faces the modified plan, the data keep both", () => {
    const lt = load({ mode: "recommendation", rounds: 4 }, { bots: { seats: ["follower", "nse", "follower"] } });
    const tg = trueGame(paramsOf(lt));
    const end = runBots(newSession(lt, "change").state, lt, 0);
    for (const r of end.rounds) {
      const changer = r.players[1]!.record;
      expect(changer.decision.followed).toBe(false);
      expect(vec(changer.decision.recommended).length).toBe(1);
      close(vec(changer.decision.coverage), tg.nse.defenderCoverage[1]!);
      const c = vec(r.group.coverage);
      const t = r.group.attacked_target as number;
      r.players.forEach((p, i) => expect(p.record.outcome.u_expected).toBeCloseTo(defenderUtility(tg.instance, i, c, t), 7));
      expect(r.group.welfare).toBeCloseTo(welfare(tg.instance, c, t), 7);
      expect(r.group.followed).toBe(2);
    }
  });

  it("with reports, runs the mechanism on them; at the deadline everyone follows", () => {
    const lt = load({ mode: "recommendation", reports: true, rounds: 1 });
    let s = start(lt, newSession(lt).state);
    expect(group(s).phase).toBe("decide");
    for (const [i, d] of COAST.defenders.entries()) s = must(s, lt, act(`p${i + 1}`, { type: "report", reward: [...d.reward], penalty: [...d.penalty] }), 1);
    expect(group(s).phase).toBe("follow");
    const plan = gameOf(s).plan!;
    close(plan.coverage, trueGame(paramsOf(lt)).cswMax.coverage);
    const wrong = reduce(s, lt, act("p1", { type: "report", reward: [6, 3, 1, 1], penalty: [-9, -5, -1, -1] }), 2);
    expect(wrong.ok).toBe(false);
    s = must(s, lt, { kind: "tick" }, 1 + 90_000);
    expect(gameOf(s).plays.every((x) => x?.followed)).toBe(true);
    expect(timedOut(s)).toEqual([true, true, true]);
  });
});

describe("bots", () => {
  it.each(["uncoordinated", "coordinated", "recommendation"])("every bot finishes a %s session", (mode) => {
    const extra = mode === "coordinated" ? { joinPhase: true } : mode === "recommendation" ? { reports: true } : {};
    for (const bots of [["nse", "truthful", "misreporter"], ["follower", "random", "random"]]) {
      const lt = load({ mode, ...extra }, { bots: { seats: bots } });
      const end = runBots(newSession(lt, `bots-${mode}`).state, lt, 0);
      expect(end.rounds).toHaveLength(2);
    }
  });

  it("the random bot's noisy reports keep the smallest allowed gap (a refused report would stall it)", () => {
    // every defender's gap on Fishery only a little above MIN_PAYOFF_GAP
    const thin = COAST.defenders.map((d) => ({ ...d, penalty: [...d.penalty.slice(0, 3), d.reward[3]! - 1.5 * MIN_PAYOFF_GAP] }));
    const lt = load({ mode: "coordinated", rounds: 40, defenders: thin }, { bots: { seats: ["random", "random", "random"] } });
    expect(runBots(newSession(lt, "thin").state, lt, 0).rounds).toHaveLength(40);
  });
});

describe("ssg-defense: recommendation mode's target cap", () => {
  const ten = {
    targets: Array.from({ length: 10 }, (_, t) => `T${t}`),
    attacker: { reward: Array.from({ length: 10 }, (_, t) => 5 + (t % 4)), penalty: Array.from({ length: 10 }, (_, t) => -1 - (t % 3)) },
    defenders: [0, 1, 2].map((i) => ({ resources: 2, reward: Array.from({ length: 10 }, (_, t) => 1 + ((t + i) % 5)), penalty: Array.from({ length: 10 }, (_, t) => -2 - ((t * (i + 1)) % 4)) })),
  };
  it("refuses more than 8 targets in recommendation mode (the IR check of every plan is exhaustive) and accepts them when coordinated", () => {
    const rec = loadTreatment({ name: "t", game: "ssg-defense", params: { ...ten, mode: "recommendation", reports: true } }, games);
    expect(rec.ok).toBe(false);
    if (!rec.ok) expect(rec.errors.join("\n")).toMatch(/recommendation" allows at most 8 targets/);
    const lt = load({ ...ten, mode: "coordinated", rounds: 1 }, { bots: { seats: ["truthful", "misreporter", "random"] } });
    expect(runBots(newSession(lt, "ten").state, lt, 0).rounds).toHaveLength(1);
  });
});
