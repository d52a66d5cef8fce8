import { describe, expect, it } from "vitest";
import { makeRng, seedFrom } from "@/lib/core/rng";
import {
  closeResponses,
  pendingResponses,
  respond,
  runAlgorithm1,
  startAlgorithm1,
  type Algorithm1Input,
  type Algorithm1LogEntry,
  type Algorithm1State,
  type Chooser,
} from "./algorithm1";
import { bestResponseChooser, truthfulChooser } from "./choosers";
import type { CipInstance, CipType } from "./model";

function reference(minResources: number[], resources: number, extra: Partial<CipInstance> = {}): CipInstance {
  const types: CipType[] = minResources.map((m, i) => ({
    theta: i + 1,
    phi: 0,
    probability: 1 / minResources.length,
    minResources: m,
    rewardRate: 2 * (i + 1),
  }));
  return { types, evaluationRate: 2, paymentCost: 0.5, resources, weighting: "slot", ...extra };
}

const kinds = (s: Algorithm1State) => s.log.map((e) => e.kind);
const entries = <K extends Algorithm1LogEntry["kind"]>(s: Algorithm1State, kind: K) =>
  s.log.filter((e): e is Extract<Algorithm1LogEntry, { kind: K }> => e.kind === kind);
function must(r: ReturnType<typeof respond>): Algorithm1State {
  if (!r.ok) throw new Error(r.error.message);
  return r.state;
}

describe("Algorithm 1: R = 70, r_min = (20, 60), two CIs", () => {
  const input: Algorithm1Input = { instance: reference([20, 60], 70), cis: [{ id: "a" }, { id: "b" }] };

  it("drops a CI because the minimum resources exceed the budget (tie → the later request)", () => {
    const s = startAlgorithm1(input);
    expect(s.phase).toBe("offer");
    expect(s.active).toEqual(["a"]);
    expect(s.excluded).toEqual(["b"]);
    const [ex] = entries(s, "exclude");
    expect(ex?.ciId).toBe("b");
    expect(ex?.family).toBe("minimum-resources");
    expect(kinds(s)).toEqual(["announce", "requests", "exclude", "offer"]);
    // one CI in the slot form: β = n/K = 1/2, so Σ r = 140 and the high type gets 120
    expect(s.menu?.resources[0]).toBeCloseTo(20, 6);
    expect(s.menu?.resources[1]).toBeCloseTo(120, 6);
  });

  it("never hands out more than R: a high type choosing r = 120 gets the 70 left (≥ r_min 60), partially", () => {
    const s = runAlgorithm1(input, truthfulChooser(input.instance, { a: 1, b: 1 }));
    expect(s.signing?.rationed).toBe(true);
    expect(s.signing?.handedOut).toBeCloseTo(70, 9);
    const [signed] = entries(s, "sign");
    expect(signed).toMatchObject({ ciId: "a", contract: 1, resources: 70, reward: 280, partial: true });
    expect(signed?.designedResources).toBeCloseTo(120, 6);
    expect(entries(s, "budget-rule")[0]?.rule).toBe("criticality-order-fill");
  });

  it("signs a low type in full", () => {
    const s = runAlgorithm1(input, truthfulChooser(input.instance, { a: 0, b: 1 }));
    expect(s.signing?.rationed).toBe(false);
    expect(s.signing?.signed.map((c) => [c.ciId, c.contract, c.partial])).toEqual([["a", 0, false]]);
  });

  it("after a rejection reconsiders the excluded CI, re-offers and signs it", () => {
    let s = startAlgorithm1(input);
    s = must(respond(s, "a", { kind: "reject" }));
    expect(s.phase).toBe("offer");
    expect(s.round).toBe(2);
    expect(s.rejected).toEqual(["a"]);
    expect(s.excluded).toEqual([]);
    expect(s.active).toEqual(["b"]);
    s = must(respond(s, "b", { kind: "accept", contract: 0 }));
    expect(s.phase).toBe("done");
    expect(kinds(s)).toEqual([
      "announce", "requests", "exclude", "offer", "response", "rejections", "readmit", "offer", "response", "budget-rule", "sign", "done",
    ]);
  });
});

describe("Algorithm 1: four-CI reference, truthful CIs", () => {
  const instance = reference([20, 60, 100, 140], 650);
  const input: Algorithm1Input = { instance, cis: ["c1", "c2", "c3", "c4"].map((id) => ({ id })) };
  const truth = { c1: 0, c2: 1, c3: 2, c4: 3 };
  const s = runAlgorithm1(input, truthfulChooser(instance, truth));

  it("excludes nobody, offers (20, 105, 210, 315) and signs every own contract, handing out exactly R", () => {
    expect(entries(s, "exclude")).toHaveLength(0);
    expect(entries(s, "offer")).toHaveLength(1);
    expect(s.signing?.signed.map((c) => c.contract)).toEqual([0, 1, 2, 3]);
    expect(s.signing?.handedOut).toBeCloseTo(650, 6);
    expect(s.signing?.rationed).toBe(false);
  });
  it("records the expected contract and the indifference where a ULIC binds", () => {
    const r = entries(s, "response").find((e) => e.ciId === "c2");
    expect(r).toMatchObject({ trueType: 1, expectedContract: 1, indifferentTo: [2] });
    expect(r?.utility).toBeCloseTo(210, 5);
  });
  it("a best-responding type-2 CI breaks the tie toward its own contract", () => {
    const b = runAlgorithm1(input, bestResponseChooser(instance, truth));
    expect(b.signing?.signed.map((c) => c.contract)).toEqual([0, 1, 2, 3]);
  });
});

describe("Algorithm 1: over-budget rule when two CIs pick the top contract", () => {
  it("serves by criticality/vulnerability then request order; the other is unserved", () => {
    const instance = reference([20, 60], 200);
    const input: Algorithm1Input = { instance, cis: [{ id: "a" }, { id: "b" }] };
    const s = runAlgorithm1(input, truthfulChooser(instance, { a: 1, b: 1 }));
    expect(s.signing?.requested).toBeCloseTo(360, 6);
    expect(s.signing?.signed.map((c) => c.ciId)).toEqual(["a"]);
    expect(s.signing?.unserved.map((c) => c.ciId)).toEqual(["b"]);
    expect(s.signing?.handedOut).toBeLessThanOrEqual(200);
    expect(entries(s, "unserved")[0]?.ciId).toBe("b");
  });
});

describe("Algorithm 1: per-CI criticality probabilities", () => {
  // three criticality sub-types of one vulnerability level
  const types: CipType[] = [0, 0.3, 0.6].map((phi, i) => ({ theta: 1, phi, probability: 1 / 3, minResources: 20, rewardRate: 2 + 0.2 * i }));
  const instance: CipInstance = { types, evaluationRate: 2, paymentCost: 0.5, resources: 45, weighting: "expected" };
  const cis = [
    { id: "u", probabilities: [0.5, 0.5, 0] }, // P(lowest) .5, E[φ] .15
    { id: "v", probabilities: [0.5, 0, 0.5] }, // P(lowest) .5, E[φ] .30
    { id: "w", probabilities: [0.2, 0.4, 0.4] }, // P(lowest) .2
  ];
  it("drops the CI most likely to be least critical; ties go to the lower expected criticality", () => {
    const s = startAlgorithm1({ instance, cis });
    expect(s.excluded).toEqual(["u"]);
    expect(s.active).toEqual(["v", "w"]);
    expect(s.menu?.weights.beta.map((x) => Math.round(x * 10) / 10)).toEqual([0.7, 0.4, 0.9]);
  });
  it("with less money drops the next one too", () => {
    const s = startAlgorithm1({ instance: { ...instance, resources: 25 }, cis });
    expect(s.excluded).toEqual(["u", "v"]);
  });
  it("reconsiders the most critical excluded CI first and stops at the first that does not fit", () => {
    let s = startAlgorithm1({ instance: { ...instance, resources: 25 }, cis });
    s = must(respond(s, "w", { kind: "reject" }));
    const readmits = s.log.filter((e) => e.kind === "readmit" || e.kind === "readmit-stop").map((e) => [e.kind, "ciId" in e ? e.ciId : ""]);
    expect(readmits).toEqual([["readmit", "v"], ["readmit-stop", "u"]]);
    expect(s.active).toEqual(["v"]);
  });
});

describe("Algorithm 1: guards, deadlines, purity", () => {
  const input: Algorithm1Input = { instance: reference([20, 60], 200), cis: [{ id: "a" }, { id: "b" }] };
  it("rejects bad actions with typed errors", () => {
    const s = startAlgorithm1(input);
    const once = must(respond(s, "a", { kind: "accept", contract: 0 }));
    expect(respond(once, "a", { kind: "reject" })).toMatchObject({ ok: false, error: { code: "action/already_submitted" } });
    expect(respond(s, "zz", { kind: "reject" })).toMatchObject({ ok: false, error: { code: "action/not_participant" } });
    expect(respond(s, "a", { kind: "accept", contract: 2 })).toMatchObject({ ok: false, error: { code: "action/out_of_range" } });
    const done = must(respond(once, "b", { kind: "accept", contract: 1 }));
    expect(respond(done, "a", { kind: "reject" })).toMatchObject({ ok: false, error: { code: "action/wrong_phase" } });
  });
  it("treats missing answers as rejections at the deadline and logs them as timed out", () => {
    let s = startAlgorithm1(input);
    s = must(respond(s, "a", { kind: "accept", contract: 0 }));
    expect(pendingResponses(s)).toEqual(["b"]);
    s = closeResponses(s);
    expect(entries(s, "response").find((e) => e.ciId === "b")).toMatchObject({ timedOut: true, response: { kind: "reject" } });
    expect(s.rejected).toEqual(["b"]);
    expect(s.round).toBe(2);
    expect(s.active).toEqual(["a"]);
  });
  it("does not mutate the state it is given", () => {
    const s = startAlgorithm1(input);
    const snapshot = JSON.stringify(s);
    must(respond(s, "a", { kind: "reject" }));
    closeResponses(s);
    expect(JSON.stringify(s)).toBe(snapshot);
  });
  it("rejects invalid per-CI probabilities and duplicate ids", () => {
    expect(() => startAlgorithm1({ ...input, cis: [{ id: "a" }, { id: "a" }] })).toThrow(/not unique/);
    expect(() => startAlgorithm1({ ...input, cis: [{ id: "a", probabilities: [0.7, 0.7] }] })).toThrow(/cis\[0\]\.probabilities/);
  });
});

describe("Algorithm 1 on random seeded instances and random choices", () => {
  it("always terminates within N + 1 offers, never hands out more than R, and signs only verified contracts", () => {
    const rng = makeRng(seedFrom("cip-algorithm1-random"));
    let rationed = 0;
    let excluded = 0;
    for (let t = 0; t < 150; t++) {
      const K = 2 + rng.int(3);
      const types: CipType[] = Array.from({ length: K }, (_, i) => ({
        theta: i + 1,
        phi: 0.9 * rng.next(),
        probability: 1 / K,
        minResources: 10 + 20 * i + rng.int(10),
        rewardRate: 1.2 + i + 0.5 * rng.next(),
      }));
      const N = 1 + rng.int(6);
      const cis = Array.from({ length: N }, (_, i) => {
        const w = types.map(() => 0.1 + rng.next());
        const total = w.reduce((s, x) => s + x, 0);
        return { id: `ci${i}`, probabilities: w.map((x) => x / total) };
      });
      const instance: CipInstance = {
        types,
        evaluationRate: 2,
        paymentCost: 0.3 + 0.4 * rng.next(),
        resources: 30 + rng.int(400),
        weighting: rng.next() < 0.5 ? "slot" : "expected",
        integerResources: rng.next() < 0.3,
      };
      const chooser: Chooser = (_ci, menu) =>
        rng.next() < 0.2 ? { kind: "reject" } : { kind: "accept", contract: rng.int(menu.contracts.length) };
      const s = runAlgorithm1({ instance, cis }, chooser);
      expect(s.phase).toBe("done");
      expect(s.log.at(-1)?.kind).toBe("done");
      expect(entries(s, "offer").length).toBeLessThanOrEqual(N + 1);
      const signing = s.signing;
      if (!signing) throw new Error("no signing");
      expect(signing.handedOut).toBeLessThanOrEqual(instance.resources * (1 + 1e-6) + 1e-6);
      for (const c of signing.signed) {
        expect(s.rejected).not.toContain(c.ciId);
        expect(c.resources).toBeGreaterThanOrEqual((types[c.contract] as CipType).minResources - 1e-6);
        expect(c.reward).toBeCloseTo((types[c.contract] as CipType).rewardRate * c.resources, 6);
        if (instance.integerResources) expect(Number.isInteger(c.resources)).toBe(true);
      }
      for (const o of entries(s, "offer")) expect(o.maxResidual).toBeLessThan(1e-6);
      expect(JSON.parse(JSON.stringify(s))).toEqual(s);
      if (signing.rationed) rationed++;
      if (s.excluded.length > 0 || entries(s, "exclude").length > 0) excluded++;
    }
    expect(rationed).toBeGreaterThan(5);
    expect(excluded).toBeGreaterThan(5);
  });
});
