/**
 * The mechanism units of the CIP game: `cip-algorithm1` (the menu treatment: Algorithm 1 with its menu
 * LP, exclusions, re-offers and signing under the over-budget rule) and `cip-equal-split` (the equal
 * allocation). The input holds the instance, the CIs in request order with the CC's beliefs, the true
 * types and every answer in the order received (with the offer it answered and whether it was filled in
 * at a deadline); `run` replays Algorithm 1 on those answers and computes the round's outcome.
 */
import { z } from "zod";
import { closeResponses, respond, type Algorithm1State, type CipInstance } from "../../mechanisms/cip";
import { defineMechanism } from "../../mechanisms/unit";
import { OVER_BUDGET_RULE } from "../../mechanisms/cip";
import { cachedStart } from "./cache";
import { computeOutcomeFor, equalSplitFor, type CipRoundOutcome } from "./outcome";
import { ciId, ciOf, instanceOf, seatOf, type CipGameParams } from "./params";
import type { CipResponseEvent, CipState } from "./state";

export const MODEL_NOTE = "reconstruction of Eldosouky, Saad, Kamhoua & Kwiat (GLOBECOM 2015); see docs/papers/cip.md";

const num = z.number();
const int = z.number().int();
const response = z.discriminatedUnion("kind", [z.object({ kind: z.literal("accept"), contract: int }), z.object({ kind: z.literal("reject") })]);

const CipUnitInput = z.object({
  model: z.string(),
  allocation: z.enum(["menu", "equal"]),
  instance: z.object({
    types: z.array(z.object({ theta: num, phi: num, probability: num, minResources: num, rewardRate: num })).readonly(),
    evaluationRate: num,
    paymentCost: num,
    resources: num,
    weighting: z.enum(["slot", "expected"]),
    integerResources: z.boolean().optional(),
    budget: z.enum(["exact", "atMost"]).optional(),
  }),
  /** The CIs in request order, as given to startAlgorithm1 (probabilities absent = the population's). */
  cis: z.array(z.object({ id: z.string(), probabilities: z.array(num).readonly().optional() })),
  /** True type per CI id, 0-based (known to the engine, not to the CC). */
  trueTypes: z.record(z.string(), int),
  /** Every answer in the order received; timedOut ones were filled in at the deadline (closeResponses). */
  events: z.array(z.object({ offer: int, ci: z.string(), response, trueType: int, timedOut: z.boolean() })),
  overBudgetRule: z.string(),
  points: z.object({ endowment: num, pointsScale: num, rule: z.string() }),
});
export type CipUnitInput = z.infer<typeof CipUnitInput>;

/** The mechanism's full input of a round: enough to replay it (see score.test.ts and `mechlab replay`). */
export function mechanismInput(s: CipState, p: CipGameParams): CipUnitInput {
  return {
    model: MODEL_NOTE,
    allocation: s.allocation,
    instance: instanceOf(p),
    cis: s.requestOrder.map((seat) => ciOf(p, seat)),
    trueTypes: Object.fromEntries(s.trueTypes.map((k, seat) => [ciId(seat), k])),
    events: s.events,
    overBudgetRule: OVER_BUDGET_RULE,
    points: { endowment: p.endowment, pointsScale: p.pointsScale, rule: "max(0, endowment + pointsScale · U_CI)" },
  };
}

/** The mechanism's full output: Algorithm 1's final state (every log step) or the equal split, and the outcome. */
export function mechanismOutput(s: CipState, instance: CipInstance, o: CipRoundOutcome) {
  if (s.alg) {
    const { input: _input, ...rest } = s.alg;
    return { algorithm1: rest, outcome: o };
  }
  return { equalSplit: { ...equalSplitFor(instance, s.trueTypes), responses: s.equal }, outcome: o };
}

/** Algorithm 1 from its start, fed the recorded answers; a deadline closes the offer once for all its filled-in answers. */
function replayAnswers(start: Algorithm1State, events: readonly CipResponseEvent[]): Algorithm1State {
  let st = start;
  for (let i = 0; i < events.length; ) {
    const e = events[i]!;
    if (e.timedOut) {
      st = closeResponses(st);
      while (i < events.length && events[i]!.timedOut && events[i]!.offer === e.offer) i++;
      continue;
    }
    const r = respond(st, e.ci, e.response, { trueType: e.trueType });
    if (!r.ok) throw new Error(`answer ${i + 1} (${e.ci}, offer ${e.offer}) is refused by Algorithm 1: ${r.error.message}`);
    st = r.state;
    i++;
  }
  return st;
}

/** The round's state rebuilt from the input (what the game held when the offers were over). */
function stateOf(input: CipUnitInput): CipState {
  const n = input.cis.length;
  const trueTypes = new Array<number>(n).fill(0);
  for (const ci of input.cis) trueTypes[seatOf(ci.id)] = input.trueTypes[ci.id] ?? 0;
  const base = { trueTypes, requestOrder: input.cis.map((c) => seatOf(c.id)), events: input.events, outcome: null, continued: [] };
  if (input.allocation === "equal") {
    const equal: ("accept" | "reject" | null)[] = new Array(n).fill(null);
    for (const e of input.events) equal[seatOf(e.ci)] = e.response.kind;
    return { ...base, allocation: "equal", alg: null, equal, offerRound: 1 };
  }
  const alg = replayAnswers(cachedStart({ instance: input.instance, cis: input.cis }), input.events);
  return { ...base, allocation: "menu", alg, equal: null, offerRound: alg.round };
}

function cipUnit(id: "cip-algorithm1" | "cip-equal-split", allocation: "menu" | "equal", title: string) {
  return defineMechanism({
    id,
    version: "1.0.0",
    title,
    input: CipUnitInput.refine((i) => i.allocation === allocation, { message: `${id} computes the "${allocation}" allocation`, path: ["allocation"] }),
    run(input) {
      const s = stateOf(input);
      return mechanismOutput(s, input.instance, computeOutcomeFor(s, input.instance, input.cis, input.points));
    },
  });
}

export const cipUnits = {
  menu: cipUnit("cip-algorithm1", "menu", "CIP contract menu (Eldosouky et al., reconstructed): Algorithm 1 with the menu LP, exclusions, re-offers and signing within the budget"),
  equal: cipUnit("cip-equal-split", "equal", "CIP equal allocation: R/N to every CI at its own type's rate, accepted or rejected"),
};
