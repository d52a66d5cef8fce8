/**
 * What a CI owner sees (a whitelist): the public rules (types table, a, c, R, points scale), their own
 * true type and — in the per-CI treatment — the CC's beliefs about THEM, the CC's current offer with
 * what each contract would give THEM (computed for their true type), public announcements of
 * Algorithm 1 (offers, exclusions by CI number, counts of rejections, readmissions, rationing) and,
 * after the offers, their own outcome plus group counts. Never another CI's type, beliefs, answers
 * or payoff, and never a participant id.
 */
import type { Viewer } from "../../core/game";
import { at, ciUtility, contractFor, tau, type Algorithm1State, type CipType } from "../../mechanisms/cip";
import type { CiStatus } from "./outcome";
import { ciId, instanceOf, pointsFor, seatOf, type CipGameParams } from "./params";
import { seatIndex, type CipState, type Ctx } from "./state";

export interface CipTypeView {
  /** 1-based type number (= the number of the contract designed for it). */
  number: number;
  label: string;
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
  /** Gives me the highest utility on this menu (ties: several). */
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
  /** Public announcements of the control center, oldest first. */
  news: string[];
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
    group: { signed: number; rejected: number; excluded: number; unserved: number; handedOut: number; budget: number; rationed: boolean; offers: number };
  } | null;
}

const typeView = (t: CipType, k: number, label: string | undefined): CipTypeView => ({
  number: k + 1,
  label: label ?? `type ${k + 1}`,
  theta: t.theta,
  phi: t.phi,
  tau: tau(t),
  probability: t.probability,
  minResources: t.minResources,
  rewardRate: t.rewardRate,
});

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const ciName = (id: string, mine: string) => (id === mine ? `you (CI ${seatOf(id) + 1})` : `CI ${seatOf(id) + 1}`);

/** Public announcements from Algorithm 1's log, as sentences for CI `me`. */
export function newsFor(alg: Algorithm1State, me: string): string[] {
  const out: string[] = [];
  for (const e of alg.log) {
    switch (e.kind) {
      case "exclude":
        out.push(`The resources cannot serve every CI: ${ciName(e.ciId, me)} ${e.ciId === me ? "are" : "is"} excluded for now (the CI most likely to be of the lowest criticality).`);
        break;
      case "offer":
        out.push(
          e.round === 1
            ? `Offer 1: the control center offers its menu to ${plural(e.to.length, "CI", "CIs")}.`
            : `Offer ${e.round}: the menu was redesigned for the ${plural(e.to.length, "CI", "CIs")} still in; everyone still in chooses again.`,
        );
        break;
      case "rejections":
        out.push(`${plural(e.ciIds.length, "CI", "CIs")} rejected offer ${e.round} and left${e.ciIds.includes(me) ? " (you among them)" : ""}.`);
        break;
      case "readmit":
        out.push(`${ciName(e.ciId, me)} ${e.ciId === me ? "are" : "is"} readmitted: resources freed up.`);
        break;
      case "nobody":
        out.push("Nobody is left to serve: no contract is signed this round.");
        break;
      case "budget-rule":
        if (e.rationed)
          out.push(
            `The accepted contracts ask for ${round2(e.requested)} resources but the control center has ${round2(e.budget)}: they are served in order of criticality${e.unserved.length ? `; ${plural(e.unserved.length, "CI", "CIs")} could not be served` : ""}.`,
          );
        break;
      case "done":
        out.push(`${plural(e.signed, "contract", "contracts")} signed; ${round2(e.handedOut)} of ${round2(e.budget)} resources handed out.`);
        break;
      default:
        break;
    }
  }
  return out;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function cipView(s: CipState, viewer: Viewer, ctx: Ctx): CipView {
  const p: CipGameParams = ctx.params;
  const instance = instanceOf(p);
  const seat = viewer.kind === "player" ? Math.max(0, seatIndex(ctx, viewer.playerId)) : 0;
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
  const news = alg
    ? newsFor(alg, id)
    : [`Equal allocation: each of the ${s.trueTypes.length} CIs is offered ${round2(instance.resources / Math.max(1, s.trueTypes.length))} resources at its own type's reward rate.`];
  return {
    allocation: p.allocation,
    ci: seat + 1,
    groupSize: s.trueTypes.length,
    model: { a: p.evaluationRate, c: p.paymentCost, R: p.resources, integer: p.integerResources },
    points: { endowment: p.endowment, scale: p.pointsScale },
    types,
    me: { ...typeView(myType, k, p.types[k]?.label), probabilities: p.beliefs === "perCi" ? (p.ciProbabilities?.[seat] ?? null) : null },
    status,
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
            group: {
              signed: o.group.signed,
              rejected: o.group.rejections,
              excluded: o.group.excludedFinal,
              unserved: o.group.unserved,
              handedOut: o.group.handedOut,
              budget: o.group.budget,
              rationed: o.group.rationed,
              offers: o.group.offers,
            },
          }
        : null,
  };
}
