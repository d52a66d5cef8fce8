/**
 * The round's outcome once the offers are over: per CI (status, contract, resources, reward,
 * utility, points) and per group (CC utility vs the equal-split baseline, IC rate, rejections,
 * exclusions, the over-budget rule's effect). Pure arithmetic on the mechanism's final state (no LP).
 *
 * Interpretations (docs/games/cip-contracts.md):
 * - the CC's utility from a CI of TRUE type k on the contract it signed is τ_k (π − r) (core ccUtility);
 * - the equal-split baseline is the counterfactual where all N CIs of the group get R/N at their own
 *   type's rate (the core's baseline ignores r_min);
 * - "truthful menu" is the counterfactual where every CI offered the FIRST menu takes the contract
 *   designed for its type, signed with the same over-budget rule.
 */
import {
  at,
  ccUtility,
  ciUtility,
  contractFor,
  equalSplit,
  signWithinBudget,
  type Acceptance,
  type Algorithm1LogEntry,
  type Algorithm1State,
  type CipCi,
  type CipInstance,
  type Contract,
} from "../../mechanisms/cip";
import { cachedStart } from "./cache";
import { ciId, ciOf, instanceOf, pointsFor, seatOf, type CipGameParams } from "./params";
import type { CipResponseEvent, CipState } from "./state";

export type CiStatus = "signed" | "partial" | "unserved" | "rejected" | "excluded";

export interface CiOutcome {
  seat: number;
  /** 0-based true type. */
  trueType: number;
  status: CiStatus;
  /** Final answer: the one to the last offer this CI received ("none": never offered a menu). */
  response: "accept" | "reject" | "none";
  /** 0-based contract accepted in the final offer (equal allocation: the own type's rate), else null. */
  contract: number | null;
  firstResponse: "accept" | "reject" | "none";
  firstContract: number | null;
  offersReceived: number;
  everExcluded: boolean;
  /** Offer round in which this CI rejected (and left), else null. */
  rejectedInOffer: number | null;
  /** An answer of this CI was filled in at the deadline. */
  timedOut: boolean;
  resources: number;
  reward: number;
  /** r of the accepted contract as designed (differs from `resources` when cut by the over-budget rule). */
  designedResources: number | null;
  /** U_CI = τ·a·r − c·π of the signed contract for the TRUE type (0 when nothing is signed). */
  utility: number;
  points: number;
  floored: boolean;
  /** Accepted the contract designed for its true type (menu treatment; null when it did not accept). */
  ownContract: boolean | null;
  /**
   * The accepted contract maximises its true type's utility on the final menu AS DESIGNED, i.e. if it
   * were signed in full, before the over-budget rule (ties count). Exported as `best_on_menu`; the
   * ex-post notion (given the others' answers and the rule) is `exPostBestResponses`.
   */
  bestResponse: boolean | null;
  /** U_CI the CI would have had under the equal split (R/N at its own type's rate). */
  equalSplitUtility: number;
}

export interface GroupOutcome {
  ccUtility: number;
  equalSplitCcUtility: number;
  /** ccUtility − equalSplitCcUtility. */
  gainVsEqualSplit: number;
  menuTruthfulCcUtility: number | null;
  /** LP objective Σα U_CC of the first menu (Algorithm 1's first offer), null if none. */
  menuLpObjective: number | null;
  /** The equal split evaluated with the same weights as the first menu (core equalSplit). */
  equalSplitLpObjective: number | null;
  icRate: number | null;
  icRateFirstOffer: number | null;
  bestResponseRate: number | null;
  accepted: number;
  signed: number;
  partial: number;
  unserved: number;
  rejections: number;
  timeouts: number;
  excludedInitially: number;
  excludedFinal: number;
  readmitted: number;
  offers: number;
  rationed: boolean;
  requested: number;
  handedOut: number;
  budget: number;
}

export interface CipRoundOutcome {
  cis: CiOutcome[];
  group: GroupOutcome;
}

const TOL = 1e-9;

const ratio = (num: number, den: number) => (den > 0 ? num / den : null);

/** First and last answer of a CI among the events. */
function answers(events: readonly CipResponseEvent[], id: string) {
  const mine = events.filter((e) => e.ci === id);
  return { first: mine[0], last: mine[mine.length - 1], timedOut: mine.some((e) => e.timedOut) };
}

const kindOf = (e: CipResponseEvent | undefined) => (e ? e.response.kind : "none");
const contractOf = (e: CipResponseEvent | undefined) => (e && e.response.kind === "accept" ? e.response.contract : null);

/** Is contract j a best response of a type-k CI on `contracts`? */
function isBest(instance: CipInstance, k: number, j: number, contracts: readonly Contract[]): boolean {
  const type = at(instance.types, k);
  const u = contracts.map((c) => ciUtility(type, c, instance));
  const best = Math.max(...u);
  return at(u, j) >= best - 1e-9 * Math.max(1, Math.abs(best));
}

/** U_CI of the CI `ciIdOf` when it accepts `contract` of `menu` and the others' acceptances stay as they are, signed with the over-budget rule. */
function utilityIfAccepting(instance: CipInstance, menu: readonly Contract[], others: readonly Acceptance[], me: Acceptance, contract: number, trueType: number): number {
  const c = at(menu, contract);
  const mine: Acceptance = { ...me, contract, resources: c.resources, reward: c.reward };
  const signed = signWithinBudget(instance, [...others, mine]).signed.find((a) => a.ciId === me.ciId);
  return signed ? ciUtility(at(instance.types, trueType), signed, instance) : 0;
}

/**
 * Ex-post best response per seat (menu treatment, CIs that accepted the final offer; null otherwise):
 * TRUE when no other contract of the final menu would have given the CI's true type a strictly higher
 * utility, the other CIs' final acceptances held fixed and the acceptances signed with the over-budget
 * rule (criticality-order-fill). Rejecting is not an alternative here (it would make Algorithm 1
 * redesign and re-offer the menu). Without rationing this equals `bestResponse` whenever every
 * alternative still fits; under rationing it can be FALSE for a truthful CI (findings B2).
 */
export function exPostBestResponses(s: CipState, instance: CipInstance): (boolean | null)[] {
  const out: (boolean | null)[] = s.trueTypes.map(() => null);
  const signing = s.alg?.signing;
  const menu = s.alg?.menu;
  if (!s.alg || !signing || !menu) return out;
  const order = s.alg.input.cis.map((c) => c.id);
  // every acceptance as chosen (the contract as designed), in request order
  const acceptances: Acceptance[] = [...signing.signed, ...signing.unserved].map((a) => {
    const c = at(menu.contracts, a.contract);
    return { ciId: a.ciId, requestIndex: order.indexOf(a.ciId), contract: a.contract, resources: c.resources, reward: c.reward };
  });
  for (const me of acceptances) {
    const seat = seatOf(me.ciId);
    const k = at(s.trueTypes, seat);
    const others = acceptances.filter((a) => a.ciId !== me.ciId);
    const u = menu.contracts.map((_, j) => utilityIfAccepting(instance, menu.contracts, others, me, j, k));
    const best = Math.max(...u);
    out[seat] = at(u, me.contract) >= best - 1e-9 * Math.max(1, Math.abs(best));
  }
  return out;
}

/** Equal split of R among all N CIs of the group, at each CI's own type's rate. */
export function equalSplitFor(instance: CipInstance, trueTypes: readonly number[]) {
  const per = trueTypes.length > 0 ? instance.resources / trueTypes.length : 0;
  const contracts = trueTypes.map((k) => contractFor(at(instance.types, k), per));
  return {
    perCi: per,
    contracts,
    ciUtility: trueTypes.map((k, i) => ciUtility(at(instance.types, k), at(contracts, i), instance)),
    ccUtility: trueTypes.reduce((s, k, i) => s + ccUtility(at(instance.types, k), at(contracts, i)), 0),
  };
}

type OfferEntry = Extract<Algorithm1LogEntry, { kind: "offer" }>;
const firstOffer = (alg: Algorithm1State) => alg.log.find((e): e is OfferEntry => e.kind === "offer") ?? null;

/** Counterfactual: everyone offered the first menu takes its own contract (same over-budget rule). */
function truthfulMenuCc(instance: CipInstance, alg: Algorithm1State, trueTypes: readonly number[]): number | null {
  const offer = firstOffer(alg);
  if (!offer) return null;
  const order = alg.input.cis.map((c) => c.id);
  const acceptances: Acceptance[] = offer.to.map((id) => {
    const k = at(trueTypes, seatOf(id));
    return { ciId: id, requestIndex: order.indexOf(id), contract: k, resources: at(offer.resources, k), reward: at(offer.rewards, k) };
  });
  const signing = signWithinBudget(instance, acceptances);
  return signing.signed.reduce((s, a) => s + ccUtility(at(instance.types, at(trueTypes, seatOf(a.ciId))), a), 0);
}

function lpObjectives(instance: CipInstance, alg: Algorithm1State) {
  const offer = firstOffer(alg);
  if (!offer) return { menu: null, equal: null };
  return { menu: offer.ccUtility, equal: equalSplit(instance, offer.weights).ccUtility };
}

/** The round's outcome from the final state (the offers must be over). */
export function computeOutcome(s: CipState, p: CipGameParams): CipRoundOutcome {
  return computeOutcomeFor(s, instanceOf(p), s.requestOrder.map((seat) => ciOf(p, seat)), p);
}

/** The outcome from the instance, the CIs in request order and the points rule (the mechanism unit's inputs). */
export function computeOutcomeFor(s: CipState, instance: CipInstance, requestOrder: readonly CipCi[], pointsRule: Pick<CipGameParams, "endowment" | "pointsScale">): CipRoundOutcome {
  const n = s.trueTypes.length;
  const eq = equalSplitFor(instance, s.trueTypes);
  const cis: CiOutcome[] = [];
  let cc = 0;

  // Algorithm 1's start for this request order (memoised): the counterfactual menu in the equal treatment.
  const alg = s.alg ?? cachedStart({ instance, cis: [...requestOrder] });

  for (let seat = 0; seat < n; seat++) {
    const id = ciId(seat);
    const k = at(s.trueTypes, seat);
    const type = at(instance.types, k);
    const { first, last, timedOut } = answers(s.events, id);
    let status: CiStatus;
    let resources = 0;
    let reward = 0;
    let designed: number | null = null;
    let contract: number | null = contractOf(last);
    if (s.alg) {
      const signing = s.alg.signing;
      const signed = signing?.signed.find((a) => a.ciId === id);
      if (signed) {
        status = signed.partial ? "partial" : "signed";
        resources = signed.resources;
        reward = signed.reward;
        designed = signed.designedResources;
        contract = signed.contract;
      } else if (signing?.unserved.some((a) => a.ciId === id)) {
        status = "unserved";
        designed = signing.unserved.find((a) => a.ciId === id)?.resources ?? null;
      } else if (s.alg.rejected.includes(id)) {
        status = "rejected";
        contract = null;
      } else {
        status = "excluded";
        contract = null;
      }
    } else {
      const accepted = s.equal?.[seat] === "accept";
      status = accepted ? "signed" : "rejected";
      if (accepted) {
        const c = at(eq.contracts, seat);
        resources = c.resources;
        reward = c.reward;
        designed = c.resources;
        contract = k;
      } else contract = null;
    }
    const signedNow = status === "signed" || status === "partial";
    const utility = signedNow ? ciUtility(type, { resources, reward }, instance) : 0;
    if (signedNow) cc += ccUtility(type, { resources, reward });
    const { points, floored } = pointsFor(pointsRule, utility);
    const accepted = contract !== null;
    const finalMenu = s.alg?.signing ? s.alg.menu : null;
    const everExcluded = s.alg ? s.alg.log.some((e) => e.kind === "exclude" && e.ciId === id) : false;
    const rejectedIn = s.alg?.log.find((e) => e.kind === "rejections" && e.ciIds.includes(id));
    cis.push({
      seat,
      trueType: k,
      status,
      response: kindOf(last),
      contract,
      firstResponse: kindOf(first),
      firstContract: contractOf(first),
      offersReceived: s.alg ? s.alg.log.filter((e) => e.kind === "offer" && e.to.includes(id)).length : 1,
      everExcluded,
      rejectedInOffer: rejectedIn && rejectedIn.kind === "rejections" ? rejectedIn.round : s.alg === null && status === "rejected" ? 1 : null,
      timedOut,
      resources,
      reward,
      designedResources: designed,
      utility,
      points,
      floored,
      ownContract: s.alg && accepted ? contract === k : null,
      bestResponse: s.alg && accepted && finalMenu && contract !== null ? isBest(instance, k, contract, finalMenu.contracts) : null,
      equalSplitUtility: at(eq.ciUtility, seat),
    });
  }

  const acceptedCis = cis.filter((c) => c.contract !== null);
  const firstAccepts = s.events.filter((e) => e.offer === 1 && e.response.kind === "accept");
  const signing = s.alg?.signing ?? null;
  const lp = lpObjectives(instance, alg);
  const group: GroupOutcome = {
    ccUtility: cc,
    equalSplitCcUtility: eq.ccUtility,
    gainVsEqualSplit: cc - eq.ccUtility,
    menuTruthfulCcUtility: truthfulMenuCc(instance, alg, s.trueTypes),
    menuLpObjective: lp.menu,
    equalSplitLpObjective: lp.equal,
    icRate: s.alg ? ratio(acceptedCis.filter((c) => c.ownContract).length, acceptedCis.length) : null,
    icRateFirstOffer: s.alg
      ? ratio(firstAccepts.filter((e) => e.response.kind === "accept" && e.response.contract === e.trueType).length, firstAccepts.length)
      : null,
    bestResponseRate: s.alg ? ratio(acceptedCis.filter((c) => c.bestResponse).length, acceptedCis.length) : null,
    accepted: acceptedCis.length,
    signed: cis.filter((c) => c.status === "signed" || c.status === "partial").length,
    partial: cis.filter((c) => c.status === "partial").length,
    unserved: cis.filter((c) => c.status === "unserved").length,
    rejections: cis.filter((c) => c.status === "rejected").length,
    timeouts: s.events.filter((e) => e.timedOut).length,
    excludedInitially: s.alg ? s.alg.log.filter((e) => e.kind === "exclude" && e.round === 1).length : 0,
    excludedFinal: cis.filter((c) => c.status === "excluded").length,
    readmitted: s.alg ? s.alg.log.filter((e) => e.kind === "readmit").length : 0,
    offers: s.alg ? s.alg.log.filter((e) => e.kind === "offer").length : 1,
    rationed: signing?.rationed ?? false,
    requested: signing ? signing.requested : cis.reduce((t, c) => t + (c.designedResources ?? 0), 0),
    handedOut: signing ? signing.handedOut : cis.reduce((t, c) => t + c.resources, 0),
    budget: instance.resources,
  };
  if (Math.abs(group.gainVsEqualSplit) < TOL) group.gainVsEqualSplit = 0;
  return { cis, group };
}
