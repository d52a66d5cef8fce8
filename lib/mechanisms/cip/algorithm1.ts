/**
 * Algorithm 1 of the CIP paper (practical implementation) as a pure, serialisable state machine a
 * game engine can drive across phases:
 *
 *   startAlgorithm1  steps 1–3: announce, collect requests, exclude by criticality while the menu
 *                    LP is infeasible (criticality.ts), design the menu and offer it   → phase "offer"
 *   respond          step 4: one CI accepts a contract or rejects (auto-resolves when all answered)
 *   closeResponses   step 4 deadline: CIs that did not answer are treated as rejecting
 *   (resolution)     step 5: rejecters leave for good; excluded CIs are reconsidered most critical
 *                    first while the LP stays feasible (stopping at the first that does not fit); the
 *                    menu is redesigned and re-offered to everyone still in → phase "offer" again
 *                    step 6: when nobody rejects, sign with the over-budget rule (signing.ts)  → "done"
 *
 * Every step is appended to `log`. Each re-offer round removes at least one CI for good, so there
 * are at most N + 1 offer rounds. Functions never mutate their input state.
 */
import { ActionErrorCode, fail, ok, type Reduction } from "@/lib/core/errors";
import { ciProbabilities, pickExclusion, readmissionOrder, type CipCi } from "./criticality";
import type { InfeasibilityFamily } from "./diagnose";
import { designMenu, type MenuResult, type MenuSolution } from "./menu";
import { assertInstance, at, ciUtility, ciWeights, type CipInstance, type CipWeighting, type MenuWeights } from "./model";
import { OVER_BUDGET_RULE, signWithinBudget, type Acceptance, type SigningResult } from "./signing";

/** The CC's instance and the CIs that request protection, in request order. */
export interface Algorithm1Input {
  instance: CipInstance;
  cis: readonly CipCi[];
}

/** A CI's answer to an offer: accept contract `contract` (0-based type index) or reject. */
export type CiResponse = { kind: "accept"; contract: number } | { kind: "reject" };

/** Optional facts the engine knows but the CC does not, recorded in the log only. */
export interface ResponseMeta {
  /** The CI's true type (0-based); the log then records the expected contract and indifferences. */
  trueType?: number;
}

/** One line of the Algorithm 1 log; `step` is the paper's step number. */
export type Algorithm1LogEntry =
  | { step: 1; kind: "announce"; types: number; resources: number; weighting: CipWeighting; overBudgetRule: string }
  | { step: 1; kind: "requests"; ciIds: string[] }
  | { step: 2; kind: "exclude"; round: number; ciId: string; pLowest: number; expectedCriticality: number; family: InfeasibilityFamily; reason: string }
  | { step: 3; kind: "offer"; round: number; to: string[]; weights: MenuWeights; resources: number[]; rewards: number[]; ccUtility: number; indifferences: number[][]; maxResidual: number }
  | { step: 3; kind: "nobody"; round: number; reason: string }
  | { step: 4; kind: "response"; round: number; ciId: string; response: CiResponse; timedOut: boolean; trueType?: number; expectedContract?: number; indifferentTo?: number[]; utility?: number }
  | { step: 5; kind: "rejections"; round: number; ciIds: string[] }
  | { step: 5; kind: "readmit"; round: number; ciId: string }
  | { step: 5; kind: "readmit-stop"; round: number; ciId: string; family: InfeasibilityFamily; reason: string }
  | { step: 6; kind: "budget-rule"; rule: typeof OVER_BUDGET_RULE; budget: number; requested: number; rationed: boolean; order: string[]; unserved: string[] }
  | { step: 6; kind: "sign"; ciId: string; contract: number; resources: number; reward: number; partial: boolean; designedResources: number }
  | { step: 6; kind: "unserved"; ciId: string; contract: number; resources: number; reason: string }
  | { step: 6; kind: "done"; signed: number; handedOut: number; budget: number };

/** The whole, JSON-serialisable state of one run of Algorithm 1. */
export interface Algorithm1State {
  input: Algorithm1Input;
  /** "offer": waiting for responses to `menu`; "done": contracts signed (or nobody served). */
  phase: "offer" | "done";
  /** 1-based offer round. */
  round: number;
  /** CIs offered the current menu, in request order. */
  active: string[];
  /** CIs excluded for lack of resources, in exclusion order (may be readmitted). */
  excluded: string[];
  /** CIs that rejected an offer: out for good. */
  rejected: string[];
  menu: MenuSolution | null;
  /** Responses to the current round's offer. */
  responses: Record<string, CiResponse>;
  /** Step 6 outcome once done. */
  signing: SigningResult | null;
  log: Algorithm1LogEntry[];
}

/** Design the menu for a set of CIs (their probabilities give the LP weights). */
export function menuForCis(input: Algorithm1Input, ciIds: readonly string[]): MenuResult {
  const probs = ciIds.map((id) => ciProbabilities(input.instance, ciById(input, id)));
  return designMenu(input.instance, { weights: ciWeights(input.instance, probs) });
}

/** Steps 1–3: announce, take the requests, exclude until feasible, design and offer. Throws RangeError on invalid input. */
export function startAlgorithm1(input: Algorithm1Input): Algorithm1State {
  assertInstance(input.instance);
  checkCis(input);
  const base: Algorithm1State = {
    input,
    phase: "offer",
    round: 1,
    active: input.cis.map((c) => c.id),
    excluded: [],
    rejected: [],
    menu: null,
    responses: {},
    signing: null,
    log: [
      {
        step: 1,
        kind: "announce",
        types: input.instance.types.length,
        resources: input.instance.resources,
        weighting: input.instance.weighting,
        overBudgetRule: OVER_BUDGET_RULE,
      },
      { step: 1, kind: "requests", ciIds: input.cis.map((c) => c.id) },
    ],
  };
  return designAndOffer(base);
}

/** CIs that still have to answer the current offer. */
export function pendingResponses(state: Algorithm1State): string[] {
  return state.phase === "offer" ? state.active.filter((id) => state.responses[id] === undefined) : [];
}

/** Step 4: record one CI's response; when the last one arrives, steps 5/6 run. */
export function respond(
  state: Algorithm1State,
  ciId: string,
  response: CiResponse,
  meta: ResponseMeta = {},
): Reduction<Algorithm1State> {
  if (state.phase !== "offer" || !state.menu) return fail(ActionErrorCode.WrongPhase, "There is no open offer to answer.");
  if (!state.active.includes(ciId)) return fail(ActionErrorCode.NotParticipant, `CI ${ciId} was not offered this menu.`);
  if (state.responses[ciId] !== undefined)
    return fail(ActionErrorCode.AlreadySubmitted, `CI ${ciId} has already answered this offer.`);
  const K = state.input.instance.types.length;
  if (response.kind === "accept" && !(Number.isInteger(response.contract) && response.contract >= 0 && response.contract < K))
    return fail(ActionErrorCode.OutOfRange, `Choose a contract between 1 and ${K}.`, "contract");
  if (meta.trueType !== undefined && !(Number.isInteger(meta.trueType) && meta.trueType >= 0 && meta.trueType < K))
    return fail(ActionErrorCode.OutOfRange, `trueType must be between 0 and ${K - 1}.`, "trueType");
  const next = withResponse(state, ciId, response, meta, false);
  return ok(pendingResponses(next).length === 0 ? resolve(next) : next);
}

/** Step 4 deadline: every CI that has not answered is recorded as rejecting (timedOut), then steps 5/6 run. */
export function closeResponses(state: Algorithm1State): Algorithm1State {
  if (state.phase !== "offer") return state;
  let next = state;
  for (const id of pendingResponses(state)) next = withResponse(next, id, { kind: "reject" }, {}, true);
  return resolve(next);
}

/** A bot's or test's choice function: given its CI, the menu and the round, answer the offer. */
export type Chooser = (ci: CipCi, menu: MenuSolution, round: number) => CiResponse & ResponseMeta;

/** Run Algorithm 1 to completion, asking `chooser` for every response (CIs answer in request order). */
export function runAlgorithm1(input: Algorithm1Input, chooser: Chooser): Algorithm1State {
  let state = startAlgorithm1(input);
  for (let guard = 0; state.phase === "offer" && guard <= input.cis.length + 1; guard++) {
    const menu = state.menu as MenuSolution;
    for (const id of pendingResponses(state)) {
      const answer = chooser(ciById(input, id), menu, state.round);
      const response: CiResponse = answer.kind === "accept" ? { kind: "accept", contract: answer.contract } : { kind: "reject" };
      const meta: ResponseMeta = answer.trueType === undefined ? {} : { trueType: answer.trueType };
      const r = respond(state, id, response, meta);
      if (!r.ok) throw new Error(`chooser gave an invalid answer for ${id}: ${r.error.message}`);
      state = r.state;
    }
  }
  if (state.phase !== "done") throw new Error("Algorithm 1 did not terminate (bug)");
  return state;
}

function ciById(input: Algorithm1Input, id: string): CipCi {
  const ci = input.cis.find((c) => c.id === id);
  if (!ci) throw new RangeError(`unknown CI ${id}`);
  return ci;
}

function checkCis(input: Algorithm1Input): void {
  const K = input.instance.types.length;
  const seen = new Set<string>();
  input.cis.forEach((ci, i) => {
    if (seen.has(ci.id)) throw new RangeError(`cis[${i}].id ${ci.id} is not unique`);
    seen.add(ci.id);
    const p = ci.probabilities;
    if (p === undefined) return;
    const total = p.reduce((s, x) => s + x, 0);
    if (p.length !== K || p.some((x) => !(x >= 0)) || Math.abs(total - 1) > 1e-6)
      throw new RangeError(`cis[${i}].probabilities must be ${K} non-negative numbers summing to 1`);
  });
}

function withResponse(state: Algorithm1State, ciId: string, response: CiResponse, meta: ResponseMeta, timedOut: boolean): Algorithm1State {
  const entry: Algorithm1LogEntry = { step: 4, kind: "response", round: state.round, ciId, response, timedOut };
  const menu = state.menu;
  if (meta.trueType !== undefined && menu) {
    entry.trueType = meta.trueType;
    entry.expectedContract = meta.trueType;
    entry.indifferentTo = menu.indifferences[meta.trueType] ?? [];
    if (response.kind === "accept")
      entry.utility = ciUtility(at(state.input.instance.types, meta.trueType), at(menu.contracts, response.contract), state.input.instance);
  }
  return { ...state, responses: { ...state.responses, [ciId]: response }, log: [...state.log, entry] };
}

/** Step 2 + 3: exclude while infeasible, then offer (or finish when nobody can be served). */
function designAndOffer(state: Algorithm1State): Algorithm1State {
  let active = state.active.slice();
  const excluded = state.excluded.slice();
  const log = state.log.slice();
  let menu = active.length > 0 ? menuForCis(state.input, active) : null;
  while (menu && !menu.feasible) {
    const victim = pickExclusion(state.input.instance, state.input.cis, active);
    log.push({ step: 2, kind: "exclude", round: state.round, ciId: victim.ciId, pLowest: victim.pLowest, expectedCriticality: victim.expected, family: menu.family, reason: menu.reason });
    active = active.filter((id) => id !== victim.ciId);
    excluded.push(victim.ciId);
    menu = active.length > 0 ? menuForCis(state.input, active) : null;
  }
  if (!menu || !menu.feasible) {
    log.push({ step: 3, kind: "nobody", round: state.round, reason: "no CI can be served: every requesting CI was excluded or rejected" });
    const signing = signWithinBudget(state.input.instance, []);
    log.push({ step: 6, kind: "done", signed: 0, handedOut: 0, budget: state.input.instance.resources });
    return { ...state, phase: "done", active: [], excluded, menu: null, responses: {}, signing, log };
  }
  const v = menu.verification;
  log.push({
    step: 3,
    kind: "offer",
    round: state.round,
    to: active,
    weights: menu.weights,
    resources: menu.resources,
    rewards: menu.contracts.map((c) => c.reward),
    ccUtility: menu.ccUtility,
    indifferences: menu.indifferences,
    maxResidual: Math.max(v.budgetResidual, v.minResourcesViolation, v.irViolation, v.icViolation, menu.lpResidual),
  });
  return { ...state, phase: "offer", active, excluded, menu, responses: {}, log };
}

/** Steps 5 and 6 once every active CI has answered. */
function resolve(state: Algorithm1State): Algorithm1State {
  const rejecters = state.active.filter((id) => state.responses[id]?.kind !== "accept");
  if (rejecters.length === 0) return sign(state);
  const log = state.log.slice();
  const round = state.round;
  log.push({ step: 5, kind: "rejections", round, ciIds: rejecters });
  let active = state.active.filter((id) => !rejecters.includes(id));
  let excluded = state.excluded.slice();
  for (const cand of readmissionOrder(state.input.instance, state.input.cis, excluded)) {
    const trial = requestOrdered(state.input, [...active, cand.ciId]);
    const m = menuForCis(state.input, trial);
    if (!m.feasible) {
      log.push({ step: 5, kind: "readmit-stop", round, ciId: cand.ciId, family: m.family, reason: m.reason });
      break;
    }
    log.push({ step: 5, kind: "readmit", round, ciId: cand.ciId });
    active = trial;
    excluded = excluded.filter((id) => id !== cand.ciId);
  }
  return designAndOffer({ ...state, round: round + 1, active, excluded, rejected: [...state.rejected, ...rejecters], menu: null, responses: {}, log });
}

function requestOrdered(input: Algorithm1Input, ids: readonly string[]): string[] {
  const set = new Set(ids);
  return input.cis.map((c) => c.id).filter((id) => set.has(id));
}

/** Step 6: sign the accepted contracts with the over-budget rule. */
function sign(state: Algorithm1State): Algorithm1State {
  const menu = state.menu as MenuSolution;
  const acceptances: Acceptance[] = [];
  state.input.cis.forEach((ci, requestIndex) => {
    const r = state.responses[ci.id];
    if (!state.active.includes(ci.id) || r?.kind !== "accept") return;
    const c = at(menu.contracts, r.contract);
    acceptances.push({ ciId: ci.id, requestIndex, contract: r.contract, resources: c.resources, reward: c.reward });
  });
  const signing = signWithinBudget(state.input.instance, acceptances);
  const log = state.log.slice();
  log.push({ step: 6, kind: "budget-rule", rule: signing.rule, budget: signing.budget, requested: signing.requested, rationed: signing.rationed, order: signing.order, unserved: signing.unserved.map((a) => a.ciId) });
  for (const a of signing.signed)
    log.push({ step: 6, kind: "sign", ciId: a.ciId, contract: a.contract, resources: a.resources, reward: a.reward, partial: a.partial, designedResources: a.designedResources });
  for (const a of signing.unserved)
    log.push({ step: 6, kind: "unserved", ciId: a.ciId, contract: a.contract, resources: a.resources, reason: `the resources left do not cover r_min of contract ${a.contract + 1}` });
  log.push({ step: 6, kind: "done", signed: signing.signed.length, handedOut: signing.handedOut, budget: signing.budget });
  return { ...state, phase: "done", signing, log };
}
