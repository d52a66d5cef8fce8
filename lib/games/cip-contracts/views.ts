/**
 * What a CI owner sees (a whitelist): the public rules (types table, a, c, R, points scale), their own
 * true type and — in the per-CI treatment — the CC's beliefs about THEM, the CC's current offer with
 * what each contract would give THEM (computed for their true type), public announcements of
 * Algorithm 1 (offers, exclusions by CI number, counts of rejections, readmissions) and, after the
 * offers, their own outcome plus the counts those announcements already imply (accepted, rejected,
 * excluded, offers). Never another CI's type, beliefs, answers or payoff, never a participant id, and
 * no group total from which another CI's contract could be worked out: no resources requested or
 * handed out, no count of signed or unserved CIs, no "the group was rationed" flag (with the public
 * menu and one's own contract, Σ r of the group gives the others' contracts — under truthful play
 * their types). A CI that was itself cut or not served learns it from its own status and resources
 * (it must know what it received); docs/games/cip-contracts.md §1 says what that reveals.
 */
import { viewerSeat } from "../shared/viewer-seat";
import type { Viewer } from "../../core/game";
import { translatorFor } from "../../i18n/translate";
import { at, ciUtility, contractFor, tau, type Algorithm1State, type CipType } from "../../mechanisms/cip";
import type { CiStatus } from "./outcome";
import { ciId, instanceOf, pointsFor, seatOf, type CipGameParams } from "./params";
import type { CipState, Ctx } from "./state";

export interface CipTypeView {
  /** 1-based type number (= the number of the contract designed for it). */
  number: number;
  /** The treatment's name for the type (`params.types[k].label`), null when it gives none. */
  label: string | null;
  theta: number;
  phi: number;
  tau: number;
  probability: number;
  minResources: number;
  rewardRate: number;
}

export interface CipContractView {
  /** 1-based contract number; contract k is designed for type k. */
  number: number;
  designedFor: number;
  resources: number;
  reward: number;
  /** U_CI for MY true type: τ·a·r − c·π. */
  myUtility: number;
  /** Points this contract would give me if signed as offered. */
  myPoints: number;
  /** Designed for my type. */
  mine: boolean;
  /** Gives me the highest utility on this menu IF SIGNED IN FULL (ties: several); under the over-budget rule another contract can turn out better ex post. */
  best: boolean;
}

export type CipMyStatus = "choosing" | "answered" | "excluded" | "out" | "done";

export interface CipView {
  allocation: "menu" | "equal";
  /** My CI number in the group (1-based). */
  ci: number;
  groupSize: number;
  model: { a: number; c: number; R: number; integer: boolean };
  points: { endowment: number; scale: number };
  types: CipTypeView[];
  me: CipTypeView & { probabilities: number[] | null };
  status: CipMyStatus;
  /**
   * Status "out" because my answer did not come before the offer's deadline (or the experimenter ended
   * the step first), which counts as rejecting: the same flag as `results.timedOut`. False otherwise.
   */
  outTimedOut: boolean;
  offer: {
    /** 1-based offer round (re-offers count up). */
    round: number;
    /** How many CIs this offer went to. */
    offeredTo: number;
    menu: CipContractView[] | null;
    equal: { resources: number; reward: number; myUtility: number; myPoints: number } | null;
    /** My answer to this offer (1-based contract), or null. */
    myAnswer: { kind: "accept" | "reject"; contract: number | null } | null;
  } | null;
  /** Public announcements of the control center, oldest first (worded on the participant's page). */
  news: CipNews[];
  results: {
    status: CiStatus;
    contract: number | null;
    resources: number;
    designedResources: number | null;
    reward: number;
    utility: number;
    points: number;
    floored: boolean;
    timedOut: boolean;
    ownContract: boolean | null;
    /**
     * Menu treatment: counts implied by Algorithm 1's public announcements only (no totals, no
     * signed/unserved counts: see the module doc). Null in the equal split, where nothing about the
     * others' answers is announced (there a rejection can reveal a type whose R/N contract loses).
     */
    group: { accepted: number; rejected: number; excluded: number; offers: number } | null;
  } | null;
}

const typeView = (t: CipType, k: number, label: string | undefined): CipTypeView => ({
  number: k + 1,
  label: label ?? null,
  theta: t.theta,
  phi: t.phi,
  tau: tau(t),
  probability: t.probability,
  minResources: t.minResources,
  rewardRate: t.rewardRate,
});

/**
 * One public announcement of the control center, as data: the participant's page words it in the
 * session's language (`cip.news.<kind>` in lib/i18n/messages), `englishNews` for tests and logs.
 * CI numbers are 1-based; `you` marks the viewer.
 */
export type CipNews =
  | { kind: "exclude"; ci: number; you: boolean }
  | { kind: "offer"; round: number; to: number }
  | { kind: "rejections"; round: number; count: number; youAmong: boolean; youTimedOut: boolean }
  | { kind: "readmit"; ci: number; you: boolean }
  | { kind: "nobody" }
  | { kind: "done"; budget: number }
  | { kind: "equal"; cis: number; each: number };

/**
 * Public announcements from Algorithm 1's log, for CI `me`; `timedOutOffers`: the offer rounds in which
 * `me`'s answer timed out (its rejection is worded as such; only `me` learns it).
 */
export function newsFor(alg: Algorithm1State, me: string, timedOutOffers: ReadonlySet<number> = new Set()): CipNews[] {
  const out: CipNews[] = [];
  for (const e of alg.log) {
    switch (e.kind) {
      case "exclude":
        out.push({ kind: "exclude", ci: seatOf(e.ciId) + 1, you: e.ciId === me });
        break;
      case "offer":
        out.push({ kind: "offer", round: e.round, to: e.to.length });
        break;
      case "rejections": {
        const youAmong = e.ciIds.includes(me);
        out.push({ kind: "rejections", round: e.round, count: e.ciIds.length, youAmong, youTimedOut: youAmong && timedOutOffers.has(e.round) });
        break;
      }
      case "readmit":
        out.push({ kind: "readmit", ci: seatOf(e.ciId) + 1, you: e.ciId === me });
        break;
      case "nobody":
        out.push({ kind: "nobody" });
        break;
      // The budget rule's figures (resources requested, rationed or not, unserved CIs) and the number
      // of contracts signed are not announced: with the public menu they reveal the others' contracts.
      case "done":
        if (!out.some((n) => n.kind === "nobody")) out.push({ kind: "done", budget: round2(e.budget) });
        break;
      default:
        break;
    }
  }
  return out;
}

/** An announcement's message values (booleans as ICU select words). */
export function newsValues(n: CipNews): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(n)) if (k !== "kind") out[k] = typeof v === "boolean" ? (v ? "yes" : "no") : v;
  return out;
}

/** The announcements in English (tests, logs); the page uses the same catalogue messages in its language. */
export function englishNews(news: readonly CipNews[]): string[] {
  const t = translatorFor("en");
  return news.map((n) => t(`cip.news.${n.kind}`, newsValues(n) as never));
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function cipView(s: CipState, viewer: Viewer, ctx: Ctx): CipView {
  const p: CipGameParams = ctx.params;
  const instance = instanceOf(p);
  const { seat } = viewerSeat(viewer, ctx); // a player outside the group gets no view (never seat 0's)
  const id = ciId(seat);
  const k = s.trueTypes[seat] ?? 0;
  const myType = at(instance.types, k);
  const types = instance.types.map((t, j) => typeView(t, j, p.types[j]?.label));
  const utilityOf = (resources: number, reward: number) => ciUtility(myType, { resources, reward }, instance);
  const pts = (u: number) => pointsFor(p, u).points;
  const o = s.outcome;
  const alg = s.alg;

  let status: CipMyStatus = "done";
  let offer: CipView["offer"] = null;
  if (!o && alg && alg.phase === "offer" && alg.menu) {
    const menu = alg.menu;
    const us = menu.contracts.map((c) => utilityOf(c.resources, c.reward));
    const best = Math.max(...us);
    const tol = 1e-9 * Math.max(1, Math.abs(best));
    const answer = alg.responses[id];
    status = alg.excluded.includes(id) ? "excluded" : alg.rejected.includes(id) ? "out" : answer ? "answered" : "choosing";
    offer = {
      round: alg.round,
      offeredTo: alg.active.length,
      menu: menu.contracts.map((c, j) => ({
        number: j + 1,
        designedFor: j + 1,
        resources: c.resources,
        reward: c.reward,
        myUtility: at(us, j),
        myPoints: pts(at(us, j)),
        mine: j === k,
        best: at(us, j) >= best - tol,
      })),
      equal: null,
      myAnswer: answer ? { kind: answer.kind, contract: answer.kind === "accept" ? answer.contract + 1 : null } : null,
    };
  } else if (!o && s.equal) {
    const per = instance.resources / Math.max(1, s.trueTypes.length);
    const c = contractFor(myType, per);
    const u = utilityOf(c.resources, c.reward);
    const answer = s.equal[seat] ?? null;
    status = answer ? "answered" : "choosing";
    offer = {
      round: 1,
      offeredTo: s.trueTypes.length,
      menu: null,
      equal: { resources: c.resources, reward: c.reward, myUtility: u, myPoints: pts(u) },
      myAnswer: answer ? { kind: answer, contract: null } : null,
    };
  }

  const mine = o?.cis[seat];
  const myTimeouts = new Set(s.events.filter((e) => e.ci === id && e.timedOut).map((e) => e.offer));
  const news = alg
    ? newsFor(alg, id, myTimeouts)
    : [{ kind: "equal" as const, cis: s.trueTypes.length, each: round2(instance.resources / Math.max(1, s.trueTypes.length)) }];
  return {
    allocation: p.allocation,
    ci: seat + 1,
    groupSize: s.trueTypes.length,
    model: { a: p.evaluationRate, c: p.paymentCost, R: p.resources, integer: p.integerResources },
    points: { endowment: p.endowment, scale: p.pointsScale },
    types,
    me: { ...typeView(myType, k, p.types[k]?.label), probabilities: p.beliefs === "perCi" ? (p.ciProbabilities?.[seat] ?? null) : null },
    status,
    outTimedOut: status === "out" && myTimeouts.size > 0,
    offer,
    news,
    results:
      o && mine
        ? {
            status: mine.status,
            contract: mine.contract === null ? null : mine.contract + 1,
            resources: mine.resources,
            designedResources: mine.designedResources,
            reward: mine.reward,
            utility: mine.utility,
            points: mine.points,
            floored: mine.floored,
            timedOut: mine.timedOut,
            ownContract: mine.ownContract,
            group: alg
              ? {
                  accepted: o.group.accepted,
                  rejected: o.group.rejections,
                  excluded: o.group.excludedFinal,
                  offers: o.group.offers,
                }
              : null,
          }
        : null,
  };
}
