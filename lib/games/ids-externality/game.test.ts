import { describe, expect, it } from "vitest";
import { participantView, type LoadedTreatment, type SessionState } from "../../engine";
import { externalityEquilibriumMessages, externalityMechanism, externalityTaxes, nashEquilibrium, userCosts } from "../../mechanisms/ids";
import { must, newSession, runBots } from "../../testing/drive";
import { actionOf, loadErrors, loadGame, onlyGroup, passIntro, rejection } from "../ids-mechanisms-common/testing";
import type { ExternalityRoundInput, ExternalityRoundOutput } from "./state";
import type { ExternalityView } from "./views";

/** Example 4's family (total effort, linear costs), N = 4. */
const ex4 = {
  alpha: [1, 1, 1, 1],
  W: Array.from({ length: 4 }, () => [1, 1, 1, 1]),
  c: [0.5, 1.2, 1.5, 2],
  xMax: 5,
  piMax: 5,
};
const three = {
  alpha: [10, 10, 10],
  W: [
    [1, 0.5, 0.5],
    [0.5, 1, 0.5],
    [0.5, 0.5, 1],
  ],
  c: [1, 1.2, 1.5],
};
const instOf = (p: { alpha: number[]; W: number[][]; c: number[] }) => ({ alpha: p.alpha, W: p.W, c: p.c, q: p.alpha.map(() => 0) });
const load = (params: Record<string, unknown>, over: Record<string, unknown> = {}) => loadGame("ids-externality", params, over);
const play = (lt: LoadedTreatment, seed = "ext") => runBots(newSession(lt, seed).state, lt, 0);

describe("Externality treatment validation", () => {
  it("rejects N = 2 with the reason", () => {
    const errs = loadErrors("ids-externality", { alpha: [10, 10], W: [[1, 0.5], [0.5, 1]], c: [1, 1.2] }).join("\n");
    expect(errs).toMatch(/params\.alpha: the Externality mechanism needs at least 3 users: with N = 2 the message game of eq\. 11 has no equilibrium/);
  });

  it("requires bounds that contain the equilibrium message, and names fields", () => {
    expect(loadErrors("ids-externality", { ...ex4, xMax: 1 }).join("\n")).toMatch(/params\.xMax: xMax must be at least the largest socially optimal investment 2\.0794/);
    expect(loadErrors("ids-externality", { ...ex4, piMax: 0.001 }).join("\n")).toMatch(/params\.piMax: piMax must be at least/);
    expect(loadErrors("ids-externality", { ...ex4, piStart: 9 }).join("\n")).toMatch(/params\.piStart: piStart must be ≤ piMax/);
    expect(loadErrors("ids-externality", { ...three, botStep: 0 }).join("\n")).toMatch(/params\.botStep/);
    expect(loadErrors("ids-externality", ex4)).toEqual([]);
  });
});

describe("Externality sessions played by bots", () => {
  it("equilibrium bots: x̂ = x* and taxes t* every round, budget 0, distance 0", () => {
    const end = play(load({ ...three, rounds: 3 }, { bots: { seats: ["equilibrium", "equilibrium", "equilibrium"] } }));
    const eq = externalityMechanism(instOf(three));
    expect(end.rounds).toHaveLength(3);
    for (const row of end.rounds) {
      expect(row.group.distance_to_eq).toBeLessThan(1e-12);
      expect(row.group.proposal_spread).toBe(0);
      expect(Math.abs(row.group.budget as number)).toBeLessThan(1e-12);
      for (const p of row.players) {
        const i = p.record.outcome.user_index as number;
        expect(p.record.outcome.tax).toBeCloseTo(eq.taxes[i]!, 9);
        expect(p.record.outcome.disagreement).toBe(0);
        expect(p.record.outcome.redistribution).toBeCloseTo(0, 15);
        expect(p.record.outcome.eq_vp).toBe(eq.participation[i]);
      }
    }
    // at this instance's equilibrium VP fails for users 2 and 3 (free riders): the monitor's point
    expect(eq.participation).toEqual([true, false, false]);
    expect(end.rounds[0]!.group.regrets_in).toBe(2);
  });

  it("adaptive bots (measured, Jacobi updates from the Nash profile): Example-4 type converges, the 3-user instance first drifts away", () => {
    const ex = play(load({ ...ex4, start: "nash", rounds: 200 }, { bots: { seats: Array(4).fill("adaptive") } }));
    const d = ex.rounds.map((r) => r.group.distance_to_eq as number);
    // measured: 1.29 (round 1), 0.94 (10), 0.38 (50), 0.12 (100), 0.0095 (200)
    expect(d[0]).toBeGreaterThan(1.2);
    expect(d[49]!).toBeLessThan(d[0]! / 3);
    expect(d[199]!).toBeLessThan(0.02);
    for (let k = 10; k < 200; k += 10) expect(d[k]!).toBeLessThan(d[k - 10]!); // monotone on this instance (sampled every 10 rounds)

    const t = play(load({ ...three, start: "nash", rounds: 200 }, { bots: { seats: Array(3).fill("adaptive") } }));
    const e = t.rounds.map((r) => r.group.distance_to_eq as number);
    // measured: 1.92 (round 1), 1.99 (20), 2.10 (50), 2.20 (100), 0.48 (200): away first, then towards x*
    expect(e[99]!).toBeGreaterThan(e[0]!);
    expect(e[199]!).toBeLessThan(e[0]! / 3);
  });

  it("repeat bots keep the starting profile (the unregulated Nash profile, prices piStart) every round", () => {
    const end = play(load({ ...three, start: "nash", rounds: 3 }, { bots: { seats: ["repeat", "repeat", "repeat"] } }));
    const ne = nashEquilibrium(instOf(three)).x;
    for (const row of end.rounds) {
      const input = row.mechanism.input as ExternalityRoundInput;
      input.messages.forEach((m) => {
        m.x.forEach((v, j) => expect(v).toBeCloseTo(ne[j]!, 12));
        expect(m.pi).toEqual([0.1, 0.1, 0.1]);
      });
    }
  });

  it("stores the full message profile: the round is recomputed by the core's eq. 10–11", () => {
    const end = play(load({ ...ex4, rounds: 4 }, { bots: { seats: ["adaptive", "equilibrium", "repeat", "adaptive"] } }));
    for (const row of end.rounds) {
      const input = JSON.parse(JSON.stringify(row.mechanism.input)) as ExternalityRoundInput;
      const output = row.mechanism.output as ExternalityRoundOutput;
      const t = externalityTaxes(input.messages);
      expect(t.x).toEqual(output.x);
      expect(t.taxes).toEqual(output.taxes);
      expect(t.terms).toEqual(output.terms);
      expect(userCosts(input.truth, t.x)).toEqual(output.cost);
      for (const p of row.players) {
        const i = p.record.outcome.user_index as number;
        expect(input.messages[i]!.x).toEqual([1, 2, 3, 4].map((j) => p.record.decision[`x_${j}`]));
        expect(input.messages[i]!.pi).toEqual([1, 2, 3, 4].map((j) => p.record.decision[`pi_${j}`]));
        expect(p.record.payoff).toBeCloseTo(10 * (10 - output.netCost[i]!), 9);
      }
    }
  });
});

describe("Externality: a person's messages", () => {
  function start(): { lt: LoadedTreatment; s: SessionState } {
    const lt = load({ ...three, rounds: 2, messageSeconds: 60 }, { bots: { seats: ["repeat", "repeat"] } });
    return { lt, s: passIntro(newSession(lt).state, lt, 0, ["p3"]) };
  }

  it("rejects malformed, out-of-range and wrong-phase messages with a message", () => {
    let { lt, s } = start();
    const ok = { type: "message", x: [1, 1, 1], pi: [0.1, 0.1, 0.1] };
    expect(rejection(s, lt, "p3", { ...ok, x: [1, 1] }, 10).message).toBe("Propose an investment for each of the 3 users (got 2).");
    expect(rejection(s, lt, "p3", { ...ok, pi: [0.1, 0.1, 0.1, 0.1] }, 10).message).toBe("Give a price for each of the 3 users (got 4).");
    const neg = rejection(s, lt, "p3", { ...ok, x: [1, -0.5, 1] }, 10);
    expect(neg.message).toBe("The investment you propose for user 2 must be between 0 and 10 (got -0.5).");
    expect(neg.field).toBe("x[1]");
    expect(rejection(s, lt, "p3", { ...ok, pi: [0.1, 0.1, 11] }, 10).message).toBe("The price for user 3 must be between 0 and 10 (got 11).");
    expect(rejection(s, lt, "p3", { ...ok, x: [1, "a", 1] }, 10).message).toMatch(/every proposed investment must be a number/);
    expect(rejection(s, lt, "p3", { type: "continue" }, 10).code).toBe("action/wrong_phase");
    s = must(s, lt, actionOf("p3", ok), 20);
    expect(rejection(s, lt, "p3", ok, 30).code).toBe("action/already_submitted");
    s = runBots(s, lt, 30, { until: (x) => onlyGroup(x).phase === "results" }).state;
    expect(rejection(s, lt, "p3", ok, 40).code).toBe("action/wrong_phase");
    const v = participantView(s, lt, "p3", 40)!.play!.game as ExternalityView;
    expect(v.results!.terms.tax).toBeCloseTo(v.results!.terms.lindahl + v.results!.terms.disagreement + v.results!.terms.redistribution, 12);
  });

  it("prefills with the last message; a timeout sends it", () => {
    let { lt, s } = start();
    const mine = { type: "message", x: [2, 0.5, 0.25], pi: [0.3, 0.2, 0.1] };
    s = must(s, lt, actionOf("p3", mine), 10);
    s = runBots(s, lt, 10, { until: (x) => onlyGroup(x).round === 2 }).state;
    const v = participantView(s, lt, "p3", 100)!.play!.game as ExternalityView;
    expect(v.prefill).toEqual({ x: mine.x, pi: mine.pi });
    expect(v.previous.round).toBe(1);
    s = must(s, lt, { kind: "tick" }, onlyGroup(s).deadlineMs!);
    const driven = runBots(s, lt, onlyGroup(s).phaseStartedMs, {});
    const end = driven.state;
    const rec = end.participants.get("p3")!.history[1]!;
    expect(rec.timedOut).toBe(true);
    expect(rec.outcome.timed_out).toBe(true); // the engine's per-seat flag (ctx.timedOut), as the export column
    expect([rec.decision.x_1, rec.decision.x_2, rec.decision.x_3]).toEqual(mine.x);
    const round2 = driven.rounds.find((r) => r.round === 2)!;
    expect(round2.group.timeouts).toBe(round2.players.filter((p) => p.record.outcome.timed_out === true).length);
  });
});

describe("Externality views", () => {
  it("never contain another participant's type, in any phase", () => {
    const params = {
      alpha: [11.1113, 12.2227, 13.3331],
      W: [
        [1.0137, 0.4129, 0.4231],
        [0.4317, 1.0241, 0.4453],
        [0.4519, 0.4627, 1.0373],
      ],
      c: [0.7771, 0.8887, 0.9993],
      q: [0.01231, 0.02347, 0.03459],
      rounds: 3,
    };
    const lt = load(params, { bots: { seats: ["adaptive", "equilibrium"] } });
    let s = passIntro(newSession(lt).state, lt, 0, ["p3"]);
    const secret = [0, 1].flatMap((i) => [params.alpha[i]!, params.c[i]!, params.q[i]!, ...params.W[i]!]);
    const phases = new Set<string>();
    let now = 0;
    for (let k = 0; k < 30 && s.participants.get("p3")!.stage !== "done"; k++) {
      const text = JSON.stringify(participantView(s, lt, "p3", now));
      for (const v of secret) expect(text).not.toContain(String(v));
      phases.add(onlyGroup(s).phase);
      const mine = participantView(s, lt, "p3", now)!.play!;
      now += 1000;
      if (mine.myTurn) s = must(s, lt, actionOf("p3", onlyGroup(s).phase === "message" ? { type: "message", x: [1, 1, 1], pi: [0.2, 0.2, 0.2] } : { type: "continue" }), now);
      else s = runBots(s, lt, now, { until: (x) => x.version > s.version }).state;
    }
    expect([...phases].sort()).toEqual(["message", "results"]);
    expect(s.participants.get("p3")!.history).toHaveLength(3);
    expect(externalityEquilibriumMessages(instOf({ alpha: params.alpha, W: params.W, c: params.c })).messages).toHaveLength(3);
  });
});
