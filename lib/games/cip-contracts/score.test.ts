/**
 * `score` stores the mechanism's full input and output: every round is recomputed here from the
 * stored input (after a JSON round trip, as in the database) with the mechanism core alone
 * (startAlgorithm1 / respond / closeResponses, ciUtility / ccUtility) and compared with what was
 * stored and paid.
 */
import { describe, expect, it } from "vitest";
import {
  at,
  ccUtility,
  ciUtility,
  closeResponses,
  contractFor,
  respond,
  startAlgorithm1,
  type Algorithm1State,
  type CiResponse,
  type CipCi,
  type CipInstance,
  type SigningResult,
} from "../../mechanisms/cip";
import type { RoundRow } from "../../engine";
import { newSession, runBots } from "../../testing/drive";
import { loadCip, passIntro, PER_CI_PARAMS, REF_PARAMS } from "./testing";

interface StoredInput {
  allocation: "menu" | "equal";
  instance: CipInstance;
  cis: CipCi[];
  trueTypes: Record<string, number>;
  events: { offer: number; ci: string; response: CiResponse; trueType: number; timedOut: boolean }[];
  points: { endowment: number; pointsScale: number };
}
interface StoredOutput {
  algorithm1?: Omit<Algorithm1State, "input">;
  equalSplit?: unknown;
}

/** Replay Algorithm 1 from the stored input with the core only. */
function replay(input: StoredInput): Algorithm1State {
  let st = startAlgorithm1({ instance: input.instance, cis: input.cis });
  const ev = input.events;
  for (let i = 0; i < ev.length; ) {
    const e = ev[i]!;
    expect(st.phase).toBe("offer");
    expect(st.round).toBe(e.offer);
    if (e.timedOut) {
      st = closeResponses(st); // the deadline: every missing answer is a rejection
      while (i < ev.length && ev[i]!.timedOut && ev[i]!.offer === e.offer) i++;
      continue;
    }
    const r = respond(st, e.ci, e.response, { trueType: e.trueType });
    if (!r.ok) throw new Error(r.error.message);
    st = r.state;
    i++;
  }
  expect(st.phase).toBe("done");
  return st;
}

const points = (input: StoredInput, u: number) => Math.max(0, input.points.endowment + input.points.pointsScale * u);

function recompute(row: RoundRow) {
  const stored = JSON.parse(JSON.stringify(row.mechanism)) as { id: string; input: StoredInput; output: StoredOutput };
  expect(stored).toEqual(row.mechanism); // JSON-safe: no NaN, Infinity or undefined-only fields
  const { input, output } = stored;
  const inst = input.instance;
  const n = input.cis.length;
  const byCi = new Map(row.players.map((p) => [`ci${p.record.outcome.ci as number}`, p.record]));
  let cc = 0;
  let signing: SigningResult | null = null;
  if (input.allocation === "menu") {
    expect(stored.id).toBe("cip-algorithm1");
    const st = replay(input);
    const { input: _i, ...rest } = st;
    expect(rest).toEqual(output.algorithm1); // every log step, the final menu and the signing
    signing = st.signing!;
  } else expect(stored.id).toBe("cip-equal-split");
  for (const ci of input.cis) {
    const rec = byCi.get(ci.id)!;
    const k = input.trueTypes[ci.id]!;
    const type = at(inst.types, k);
    expect(rec.outcome.true_type).toBe(k + 1);
    let contract = { resources: 0, reward: 0 };
    if (signing) {
      const s = signing.signed.find((a) => a.ciId === ci.id);
      if (s) contract = s;
    } else {
      const last = input.events.filter((e) => e.ci === ci.id).at(-1);
      if (last?.response.kind === "accept") contract = contractFor(type, inst.resources / n);
    }
    const u = contract.resources > 0 ? ciUtility(type, contract, inst) : 0;
    cc += contract.resources > 0 ? ccUtility(type, contract) : 0;
    expect(rec.outcome.resources as number).toBeCloseTo(contract.resources, 9);
    expect(rec.outcome.reward as number).toBeCloseTo(contract.reward, 9);
    expect(rec.outcome.utility as number).toBeCloseTo(u, 9);
    expect(rec.payoff).toBeCloseTo(points(input, u), 9);
  }
  expect(row.group.cc_utility as number).toBeCloseTo(cc, 9);
  const eq = input.cis.reduce((s, ci) => {
    const t = at(inst.types, input.trueTypes[ci.id]!);
    return s + ccUtility(t, contractFor(t, inst.resources / n));
  }, 0);
  expect(row.group.equal_split_cc_utility as number).toBeCloseTo(eq, 9);
}

function session(params: Record<string, unknown>, seats: string[], seed: string, humans = 0) {
  const lt = loadCip(params, { bots: { seats } });
  let s = newSession(lt, seed).state;
  if (humans > 0) s = passIntro(s, lt, 0); // humans who never answer: their offers time out
  return runBots(s, lt, 0);
}

describe("score stores everything needed to recompute the round", () => {
  it("menu, mixed bots and a silent human (re-offers, rejections, timeouts, rationing)", () => {
    const end = session({ ...REF_PARAMS, rounds: 10 }, ["random", "mimic", "random"], "recompute", 1);
    expect(end.rounds).toHaveLength(10);
    expect(end.rounds.some((r) => (r.group.timeouts as number) > 0)).toBe(true);
    expect(end.rounds.some((r) => (r.group.offers as number) > 1)).toBe(true);
    expect(end.rounds.some((r) => r.group.rationed === true)).toBe(true);
    for (const r of end.rounds) recompute(r);
  });

  it("per-CI beliefs with exclusions and readmissions; integer resources", () => {
    const a = session({ ...PER_CI_PARAMS, rounds: 12 }, ["random", "random", "random", "truthful"], "perci");
    expect(a.rounds.some((r) => (r.group.readmitted as number) > 0)).toBe(true);
    for (const r of a.rounds) recompute(r);
    const b = session({ ...REF_PARAMS, integerResources: true, resources: 655, rounds: 6 }, ["random", "mimic", "truthful", "random"], "int");
    for (const r of b.rounds) recompute(r);
  });

  it("equal allocation", () => {
    const end = session({ ...REF_PARAMS, allocation: "equal", rounds: 6 }, ["random", "mimic", "truthful"], "eq", 1);
    for (const r of end.rounds) recompute(r);
  });

  it("the stored output holds every Algorithm 1 log step, including the responses with true types", () => {
    const end = session({ ...REF_PARAMS, rounds: 1, fixedTypes: [1, 2, 3, 4], requestOrder: "seat" }, Array(4).fill("truthful"), "log");
    const out = end.rounds[0]!.mechanism.output as { algorithm1: Algorithm1State };
    const kinds = out.algorithm1.log.map((e) => e.kind);
    expect(kinds).toEqual(["announce", "requests", "offer", "response", "response", "response", "response", "budget-rule", "sign", "sign", "sign", "sign", "done"]);
    const responses = out.algorithm1.log.filter((e) => e.kind === "response");
    expect(responses.map((e) => (e.kind === "response" ? [e.trueType, e.expectedContract, e.response] : null))).toEqual([
      [0, 0, { kind: "accept", contract: 0 }],
      [1, 1, { kind: "accept", contract: 1 }],
      [2, 2, { kind: "accept", contract: 2 }],
      [3, 3, { kind: "accept", contract: 3 }],
    ]);
  });
});
