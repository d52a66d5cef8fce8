/**
 * One group's round of the CIP contract game and its phases.
 *
 *   setupRound  true types drawn with the round's seeded RNG (or fixed by the treatment), request
 *               order drawn (or seat order); menu: Algorithm 1 starts (exclusions, first menu)
 *   offer       decision: every CI still in answers the CC's offer (a contract or reject). Menu: when
 *               the last answer arrives Algorithm 1 resolves (rejecters out, readmissions, redesign):
 *               `next()` returns "offer" again while a re-offer is open, else "results".
 *               At the deadline missing answers count as rejections (the core's closeResponses).
 *   results     info: everyone sees their outcome and continues.
 *
 * Contract numbers in actions, views and the export are 1-based (contract k is designed for type k);
 * the mechanism core and its stored input/output are 0-based.
 */
import { z } from "zod";
import { ActionErrorCode, fail, ok, worded } from "../../core/errors";
import { definePhase, type PlayerId, type RoundContext } from "../../core/game";
import { shuffle } from "../../core/rng";
import {
  closeResponses,
  pendingResponses,
  respond,
  type Algorithm1State,
  type CiResponse,
} from "../../mechanisms/cip";
import { cachedStart } from "./cache";
import { computeOutcome, type CipRoundOutcome } from "./outcome";
import { ciId, ciOf, drawDistribution, instanceOf, seatOf, type CipGameParams } from "./params";
import { resultsPhase as resultsPhase_ } from "../shared/results-phase";

export const CipAction = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("accept"),
    /** 1-based contract number (menu treatment); not used in the equal-allocation treatment. */
    contract: z.number({ error: "the contract must be a number" }).int("the contract must be a whole number").optional(),
  }),
  z.object({ type: z.literal("reject") }),
  z.object({ type: z.literal("continue") }),
]);
export type CipAction = z.infer<typeof CipAction>;

/** One answer to an offer, in the order the CC received it (0-based contract and type). */
export interface CipResponseEvent {
  /** 1-based offer round of Algorithm 1 (always 1 in the equal-allocation treatment). */
  offer: number;
  ci: string;
  response: CiResponse;
  trueType: number;
  timedOut: boolean;
}

export interface CipState {
  allocation: "menu" | "equal";
  /** True type per seat, 0-based type index. */
  trueTypes: number[];
  /** Seats (0-based) in request order. */
  requestOrder: number[];
  /** Algorithm 1's state (menu treatment). */
  alg: Algorithm1State | null;
  /** Equal allocation: each seat's answer (null = not yet). */
  equal: ("accept" | "reject" | null)[] | null;
  events: CipResponseEvent[];
  /**
   * The Algorithm 1 offer round the current "offer" phase was entered for. When the last answer
   * arrives, the core resolves at once (possibly opening the next offer round); the phase then has
   * nobody pending, so the engine ends it and `next()` enters "offer" again with a fresh timer.
   */
  offerRound: number;
  /** Set when the offers are over. */
  outcome: CipRoundOutcome | null;
  continued: boolean[];
}

export type Ctx = RoundContext<CipGameParams>;
export const seatIndex = (ctx: Ctx, pid: PlayerId) => ctx.seatOf(pid);

/** Draw a 0-based type index from a probability vector with the round's RNG. */
function drawType(probs: readonly number[], u: number): number {
  let acc = 0;
  for (let k = 0; k < probs.length; k++) {
    acc += probs[k] ?? 0;
    if (u < acc) return k;
  }
  // rounding: the last type with positive probability
  for (let k = probs.length - 1; k >= 0; k--) if ((probs[k] ?? 0) > 0) return k;
  return 0;
}

export function setupRound(ctx: Ctx): CipState {
  const p = ctx.params;
  const n = ctx.players.length;
  const trueTypes = Array.from({ length: n }, (_, i) => {
    const fixed = p.fixedTypes?.[i];
    return fixed !== undefined ? fixed - 1 : drawType(drawDistribution(p, i), ctx.rng.next());
  });
  const seats = Array.from({ length: n }, (_, i) => i);
  const requestOrder = p.requestOrder === "random" ? shuffle(seats, ctx.rng) : seats;
  const base = { trueTypes, requestOrder, events: [], offerRound: 1, outcome: null, continued: Array(n).fill(false) };
  if (p.allocation === "equal") return { ...base, allocation: "equal", alg: null, equal: Array(n).fill(null) };
  const alg = cachedStart({ instance: instanceOf(p), cis: requestOrder.map((seat) => ciOf(p, seat)) });
  return { ...base, allocation: "menu", alg, equal: null };
}

/** Seats that still have to answer the offer of the current phase. */
export function pendingSeats(s: CipState): number[] {
  if (s.alg) return s.alg.round === s.offerRound ? pendingResponses(s.alg).map(seatOf) : [];
  return (s.equal ?? []).flatMap((r, i) => (r === null ? [i] : []));
}

/** True while an offer is waiting for answers. */
export const offerOpen = (s: CipState) => (s.alg ? s.alg.phase === "offer" : (s.equal ?? []).some((r) => r === null));

type OfferAnswer = Extract<CipAction, { type: "accept" | "reject" }>;

function applyMenu(s: CipState, alg: Algorithm1State, a: OfferAnswer, seat: number, ctx: Ctx) {
  const id = ciId(seat);
  if (alg.phase !== "offer") return fail<CipState>(ActionErrorCode.WrongPhase, worded("offersOver"));
  if (alg.excluded.includes(id))
    return fail<CipState>(ActionErrorCode.NotParticipant, worded("excludedList"));
  if (alg.rejected.includes(id))
    return fail<CipState>(ActionErrorCode.NotParticipant, worded("rejectedEarlier"));
  if (alg.responses[id] !== undefined)
    return fail<CipState>(ActionErrorCode.AlreadySubmitted, worded("alreadyAnswered"));
  const K = ctx.params.types.length;
  let response: CiResponse;
  if (a.type === "accept") {
    if (a.contract === undefined)
      return fail<CipState>(ActionErrorCode.OutOfRange, worded("chooseContract", { count: K }), "contract");
    if (a.contract < 1 || a.contract > K)
      return fail<CipState>(ActionErrorCode.OutOfRange, worded("noSuchContract", { contract: a.contract, count: K }), "contract");
    response = { kind: "accept", contract: a.contract - 1 };
  } else response = { kind: "reject" };
  const trueType = s.trueTypes[seat] ?? 0;
  const r = respond(alg, id, response, { trueType });
  if (!r.ok) return fail<CipState>(r.error.code, r.error.message, r.error.field);
  const events = [...s.events, { offer: alg.round, ci: id, response, trueType, timedOut: false }];
  return ok<CipState>({ ...s, alg: r.state, events });
}

function applyEqual(s: CipState, equal: NonNullable<CipState["equal"]>, a: OfferAnswer, seat: number) {
  if (equal[seat] !== null)
    return fail<CipState>(ActionErrorCode.AlreadySubmitted, worded("alreadyAnswered"));
  const kind = a.type === "accept" ? "accept" : "reject";
  const next = equal.slice();
  next[seat] = kind;
  const trueType = s.trueTypes[seat] ?? 0;
  const response: CiResponse = kind === "accept" ? { kind: "accept", contract: trueType } : { kind: "reject" };
  return ok<CipState>({ ...s, equal: next, events: [...s.events, { offer: 1, ci: ciId(seat), response, trueType, timedOut: false }] });
}

const phase = definePhase<CipGameParams, CipState, CipAction>();

export const offerPhase = phase({
  id: "offer",
  label: "The control center's offer",
  instanceName: "offer",
  kind: "decision",
  durationMs: (p) => (p.offerSeconds === null ? null : p.offerSeconds * 1000),
  accepts: ["accept", "reject"],
  pending: (s, ctx) => pendingSeats(s).flatMap((i) => (ctx.players[i] === undefined ? [] : [ctx.players[i]])),
  onEnter: (s) => ({ ...s, offerRound: s.alg ? s.alg.round : 1 }),
  apply(s, a, by, ctx) {
    const seat = seatIndex(ctx, by);
    if (seat < 0) return fail(ActionErrorCode.NotParticipant, "You are not a member of this group.");
    if (s.alg) return applyMenu(s, s.alg, a, seat, ctx);
    if (s.equal) return applyEqual(s, s.equal, a, seat);
    return fail(ActionErrorCode.WrongPhase, "There is no open offer.");
  },
  onTimeout(s, missing, ctx) {
    const seats = missing.map((pid) => seatIndex(ctx, pid)).filter((i) => i >= 0);
    const timedOutEvents = (offer: number, ids: string[]) =>
      ids.map((id): CipResponseEvent => ({ offer, ci: id, response: { kind: "reject" }, trueType: s.trueTypes[seatOf(id)] ?? 0, timedOut: true }));
    if (s.alg) {
      if (s.alg.phase !== "offer" || s.alg.round !== s.offerRound) return s;
      // Every CI that has not answered counts as rejecting (Algorithm 1, step 4 deadline).
      const ids = pendingResponses(s.alg);
      return { ...s, alg: closeResponses(s.alg), events: [...s.events, ...timedOutEvents(s.alg.round, ids)] };
    }
    if (s.equal) {
      const equal = s.equal.slice();
      const ids: string[] = [];
      for (const i of seats)
        if (equal[i] === null) {
          equal[i] = "reject";
          ids.push(ciId(i));
        }
      return { ...s, equal, events: [...s.events, ...timedOutEvents(1, ids)] };
    }
    return s;
  },
  onExit: (s, ctx) => (offerOpen(s) || s.outcome ? s : { ...s, outcome: computeOutcome(s, ctx.params) }),
  next: (s) => (offerOpen(s) ? "offer" : "results"),
});

export const resultsPhase = resultsPhase_<CipGameParams, CipState, CipAction, "continue">({ wrongAction: "The offers are over for this round; press Next." });
