/**
 * What must be rejected, with a message a person (or experimenter) can act on: bad actions in the
 * play, and bad treatment parameters.
 */
import { roundContext } from "../../core/round-context";
import { describe, expect, it } from "vitest";
import { reduce, type SessionState } from "../../engine";
import { must, newSession, runBots } from "../../testing/drive";
import { CipGameParams } from "./params";
import { offerPhase, type CipState } from "./state";
import { accept, act, cont, loadCip, loadErrors, passIntro, PER_CI_PARAMS, REF_PARAMS, reject } from "./testing";
import type { RoundContext } from "../../core/game";
import { makeRng } from "../../core/rng";

const groupOf = (s: SessionState) => s.groups.toArray()[0]!;

function expectError(s: SessionState, lt: ReturnType<typeof loadCip>, cmd: Parameters<typeof reduce>[2], code: string, message: RegExp) {
  const r = reduce(s, lt, cmd, 1000);
  expect(r.ok).toBe(false);
  if (!r.ok) {
    expect(r.error.code).toBe(code);
    expect(r.error.message).toMatch(message);
  }
}

describe("actions that must be rejected", () => {
  const lt = loadCip({ ...REF_PARAMS, fixedTypes: [1, 2, 3, 4], requestOrder: "seat" });
  const start = passIntro(newSession(lt).state, lt, 0);
  const [p1, p2] = groupOf(start).members as [string, string];

  it("contract numbers outside 1..K, missing, fractional or not numbers", () => {
    expectError(start, lt, accept(p1, 0), "action/out_of_range", /There is no contract 0: choose a contract between 1 and 4, or reject the offer/);
    expectError(start, lt, accept(p1, 5), "action/out_of_range", /There is no contract 5/);
    expectError(start, lt, accept(p1), "action/out_of_range", /Choose one of the contracts 1 to 4, or reject the offer/);
    expectError(start, lt, accept(p1, 2.5), "action/invalid_payload", /contract: the contract must be a whole number/);
    expectError(start, lt, act(p1, { type: "accept", contract: "two" }), "action/invalid_payload", /contract: the contract must be a number/);
    expectError(start, lt, act(p1, { type: "bid", x: 1 }), "action/invalid_payload", /could not be used/);
    expectError(start, lt, act(p1, "accept"), "action/invalid_payload", /could not be used/);
  });

  it("wrong phase: continue during the offer, an answer on the results screen", () => {
    expectError(start, lt, cont(p1), "action/wrong_phase", /another step; the current step is "The control center's offer"/);
    let s = start;
    for (const [i, pid] of groupOf(s).members.entries()) s = must(s, lt, accept(pid, i + 1), 100);
    expect(groupOf(s).phase).toBe("results");
    expectError(s, lt, accept(p1, 1), "action/wrong_phase", /another step/);
    expectError(s, lt, reject(p1), "action/wrong_phase", /another step/);
  });

  it("answering twice, and strangers", () => {
    const s = must(start, lt, accept(p1, 1), 100);
    expectError(s, lt, accept(p1, 2), "action/already_submitted", /already decided/);
    expectError(s, lt, reject(p1), "action/already_submitted", /already decided/);
    expectError(s, lt, accept("nobody", 1), "action/not_participant", /does not belong/);
    // the state is untouched by a rejected action
    const r = reduce(s, lt, accept(p2, 9), 200);
    expect(r.ok).toBe(false);
    expect((groupOf(s).game as CipState).events).toHaveLength(1);
  });

  it("the phase itself explains exclusion, leaving and double answers (when called directly)", () => {
    const plt = loadCip({ ...PER_CI_PARAMS, requestOrder: "seat", fixedTypes: [1, 2, 3, 4] });
    const s = passIntro(newSession(plt).state, plt, 0);
    const g = groupOf(s);
    const ctx: RoundContext<CipGameParams> = roundContext({ params: plt.params as CipGameParams, round: 1, players: g.members, roles: g.roles, rng: makeRng({ s: 1 }), nowMs: 0, history: {} });
    const st = g.game as CipState;
    const excluded = offerPhase.apply(st, { type: "accept", contract: 1 }, g.members[0]!, ctx);
    expect(excluded.ok).toBe(false);
    if (!excluded.ok) expect(excluded.error.message).toMatch(/excluded list for now/);
    const r1 = offerPhase.apply(st, { type: "reject" }, g.members[1]!, ctx);
    expect(r1.ok).toBe(true);
    if (!r1.ok) return;
    const twice = offerPhase.apply(r1.state, { type: "accept", contract: 2 }, g.members[1]!, ctx);
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.error.code).toBe("action/already_submitted");
    // a "continue" in the offer or an answer on the results screen does not compile any more: each
    // phase's apply receives only the actions it accepts (the engine refuses the rest, test above)
  });

  it("equal allocation: an answer twice is refused; a contract number is ignored", () => {
    const elt = loadCip({ ...REF_PARAMS, allocation: "equal" });
    let s = passIntro(newSession(elt).state, elt, 0);
    const [a] = groupOf(s).members as [string];
    s = must(s, elt, accept(a, 3), 100);
    expectError(s, elt, reject(a), "action/already_submitted", /already decided/);
    expect((groupOf(s).game as CipState).equal![0]).toBe("accept");
  });

  it("a bot-played seat and a paused session refuse human answers", () => {
    let s = must(start, lt, { kind: "replaceWithBot", pid: p1, strategy: "mimic" }, 10);
    expectError(s, lt, accept(p1, 1), "auth/not_allowed", /bot is playing your seat/);
    s = runBots(s, lt, 20, { until: (x) => (groupOf(x).game as CipState).events.length > 0 }).state;
    expect((groupOf(s).game as CipState).events[0]!.response).toEqual({ kind: "accept", contract: 3 });
    s = must(s, lt, { kind: "pause" }, 30);
    expectError(s, lt, accept(p2, 2), "session/paused", /paused/);
  });
});

describe("treatment parameters that must be rejected", () => {
  const errs = (over: Record<string, unknown>) => loadErrors({ ...REF_PARAMS, ...over }).join("\n");

  it("field ranges and caps", () => {
    expect(errs({ cis: 9 })).toMatch(/params\.cis: at most 8 CIs per group/);
    expect(errs({ types: [...REF_PARAMS.types, ...REF_PARAMS.types.map((t) => ({ ...t, theta: t.theta + 4 }))] })).toMatch(/params\.types: at most 6 types/);
    expect(errs({ paymentCost: 1 })).toMatch(/params\.paymentCost: paymentCost must be below 1/);
    expect(errs({ resources: -5 })).toMatch(/params\.resources: resources must be above 0/);
    expect(errs({ types: [{ ...REF_PARAMS.types[0], phi: 1 }] })).toMatch(/params\.types\[0\]\.phi: phi must be below 1/);
    expect(errs({ types: [{ ...REF_PARAMS.types[0], theta: 1.5 }] })).toMatch(/params\.types\[0\]\.theta: theta must be a whole number/);
    expect(errs({ rounds: 0 })).toMatch(/params\.rounds/);
    expect(errs({ offerSeconds: 2 })).toMatch(/params\.offerSeconds/);
  });

  it("the model's cross-field rules, with the field named", () => {
    const swapped = [REF_PARAMS.types[1], REF_PARAMS.types[0], REF_PARAMS.types[2], REF_PARAMS.types[3]];
    expect(errs({ types: swapped })).toMatch(/params\.types\[1\]: must come after types\[0\] in \(theta, phi\) order/);
    const flatRate = REF_PARAMS.types.map((t) => ({ ...t, rewardRate: 2 }));
    expect(errs({ types: flatRate })).toMatch(/params\.types\[1\]\.rewardRate: must be larger than types\[0\]\.rewardRate/);
    const badP = REF_PARAMS.types.map((t) => ({ ...t, probability: 0.3 }));
    expect(errs({ types: badP })).toMatch(/params\.types: probabilities must sum to 1 \(they sum to 1\.2/);
  });

  it("per-CI beliefs and fixed types must fit the group", () => {
    expect(errs({ beliefs: "perCi" })).toMatch(/params\.ciProbabilities: with beliefs "perCi" give one probability vector per CI \(4 vectors of 4 numbers\)/);
    expect(errs({ beliefs: "perCi", ciProbabilities: [[1, 0, 0, 0]] })).toMatch(/params\.ciProbabilities: must have 4 vectors/);
    expect(errs({ beliefs: "perCi", ciProbabilities: Array(4).fill([0.5, 0.5, 0.5, 0]) })).toMatch(/params\.ciProbabilities\[0\]: must sum to 1 \(sums to 1\.5\)/);
    expect(errs({ beliefs: "perCi", ciProbabilities: Array(4).fill([0.5, 0.5]) })).toMatch(/params\.ciProbabilities\[0\]: must have 4 entries/);
    expect(errs({ ciProbabilities: Array(4).fill([0.25, 0.25, 0.25, 0.25]) })).toMatch(/params\.ciProbabilities: is only used with beliefs "perCi"/);
    expect(errs({ fixedTypes: [1, 2, 3] })).toMatch(/params\.fixedTypes: must have 4 entries/);
    expect(errs({ fixedTypes: [1, 2, 3, 5] })).toMatch(/params\.fixedTypes\[3\]: type 5 does not exist; use 1 to 4/);
    expect(errs({ fixedTypes: [0, 1, 2, 3] })).toMatch(/params\.fixedTypes\[0\]: type numbers start at 1/);
  });

  it("integer resources with an exact budget (the integer search can take seconds)", () => {
    expect(errs({ integerResources: true, budget: "exact" })).toMatch(/params\.budget: with integerResources use budget "atMost"/);
    expect(errs({ integerResources: true, budget: "atMost" })).toBe("");
  });

  it("a menu treatment whose resources cannot serve even one CI", () => {
    expect(errs({ resources: 50 })).toMatch(/params\.resources: no menu exists even for CI1 alone \(minimum-resources: .*\); raise resources or lower minResources/);
    // the equal split has no minimums: the same resources are fine there
    expect(errs({ resources: 50, allocation: "equal" })).toBe("");
  });

  it("defaults fill a minimal treatment", () => {
    const p = CipGameParams.parse({ types: REF_PARAMS.types, resources: 650 });
    expect(p).toMatchObject({ cis: 4, allocation: "menu", beliefs: "population", weighting: "slot", integerResources: false, requestOrder: "random", evaluationRate: 2, paymentCost: 0.5, endowment: 100, pointsScale: 0.1, offerSeconds: 90 });
  });
});

describe("a treatment whose lowest type loses from any resources (findings B1)", () => {
  it("is refused with family ic-ir and the remedy of `mechlab solve cip` (change a, c or ρ), not 'raise resources'", () => {
    const errors = loadErrors({ ...REF_PARAMS, cis: 1, types: [{ theta: 1, phi: 0, probability: 1, minResources: 0, rewardRate: 5 }] });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^params\.resources: no menu exists even for CI1 alone \(ic-ir: IR of type 1 forces r₁ = 0/);
    expect(errors[0]).toMatch(/raise the evaluation rate a, or lower the payment cost c or the reward rates ρ/);
    expect(errors[0]).not.toMatch(/raise resources or lower minResources|solver|rescale the units/);
  });
});

describe("probability sums in messages are readable (findings B7)", () => {
  it("0.3 + 0.3 + 0.3 + 0.2 is reported as 1.1, not 1.0999999999999999, for the types and for per-CI beliefs", () => {
    const types = REF_PARAMS.types.map((t, k) => ({ ...t, probability: k === 3 ? 0.2 : 0.3 }));
    const typeErrors = loadErrors({ ...REF_PARAMS, types }).join("\n");
    expect(typeErrors).toMatch(/params\.types: probabilities must sum to 1 \(they sum to 1\.1\)/);
    expect(typeErrors).not.toMatch(/1\.0999/);
    const beliefs = [[0.25, 0.25, 0.25, 0.25], [0.25, 0.25, 0.25, 0.25], [0.3, 0.3, 0.3, 0.2], [0.25, 0.25, 0.25, 0.25]];
    const beliefErrors = loadErrors({ ...REF_PARAMS, beliefs: "perCi", ciProbabilities: beliefs }).join("\n");
    expect(beliefErrors).toMatch(/params\.ciProbabilities\[2\]: must sum to 1 \(sums to 1\.1\)$/m);
    expect(beliefErrors).not.toMatch(/1\.0999/);
  });
});
