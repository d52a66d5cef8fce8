/**
 * A CI owner's view never holds another CI's private data (true type, the CC's beliefs about it, its
 * answers, its payoff) nor another participant's id, in any phase: offers, re-offers, results.
 */
import { describe, expect, it } from "vitest";
import { participantView, type LoadedTreatment, type SessionState } from "../../engine";
import { must, newSession, runBots } from "../../testing/drive";
import { cipContracts } from ".";
import type { CipState } from "./state";
import type { CipView } from "./views";
import { accept, cont, loadCip, passIntro, PHI_TYPES, REF_PARAMS, reject } from "./testing";

const groupOf = (s: SessionState) => s.groups.toArray()[0]!;

// Distinctive per-CI beliefs (numbers that appear nowhere else); R = 150 forces one exclusion.
const BELIEFS = [
  [0.517, 0.163, 0.211, 0.109],
  [0.113, 0.379, 0.127, 0.381],
  [0.287, 0.223, 0.283, 0.207],
  [0.053, 0.251, 0.199, 0.497],
];
const PARAMS = { ...REF_PARAMS, types: PHI_TYPES, resources: 150, beliefs: "perCi", ciProbabilities: BELIEFS, rounds: 4, pointsScale: 0.5 };

function keysOf(x: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(x)) x.forEach((v) => keysOf(v, out));
  else if (x && typeof x === "object")
    for (const [k, v] of Object.entries(x)) {
      out.add(k);
      keysOf(v, out);
    }
  return out;
}

function checkView(s: SessionState, lt: LoadedTreatment, me: string, now: number) {
  const v = participantView(s, lt, me, now)!;
  const text = JSON.stringify(v);
  const g = groupOf(s);
  const mySeat = g.members.indexOf(me);
  const others = g.members.filter((m) => m !== me);
  // other participants' ids (they are link tokens in production)
  for (const o of others) expect(text).not.toContain(`"${o}"`);
  // the CC's beliefs about the others
  BELIEFS.forEach((row, seat) => {
    if (seat === mySeat) return;
    for (const x of row) expect(text).not.toContain(String(x));
  });
  // no field of the mechanism's internals
  const keys = keysOf(v.play?.game);
  for (const k of ["trueType", "trueTypes", "events", "log", "responses", "alg", "signing", "weights", "cis"]) expect(keys.has(k)).toBe(false);
  // another CI's realised utility or points (when they differ from every number I may see about myself)
  const st = g.game as CipState;
  const game = v.play?.game as CipView | undefined;
  if (st.outcome && game) {
    // numbers about myself, and the public ones (types table, model, points rule, group totals)
    const mine = new Set<number>([game.results?.utility ?? NaN, game.results?.points ?? NaN]);
    const publicNumbers = (x: unknown): void => {
      if (typeof x === "number") mine.add(x);
      else if (x && typeof x === "object") Object.values(x).forEach(publicNumbers);
    };
    publicNumbers([game.types, game.model, game.points, game.results?.group]);
    for (const c of st.outcome.cis)
      if (c.seat !== mySeat && c.utility !== 0 && !mine.has(c.utility)) expect(text).not.toContain(`:${c.utility}`);
  }
  return v;
}

describe("views", () => {
  it("never contain another CI's type, beliefs, answers or payoff, in any phase (offer, re-offer, results)", () => {
    const lt = loadCip(PARAMS, { bots: { seats: ["random", "mimic", "random"] } });
    let s = passIntro(newSession(lt, "leak").state, lt, 0);
    const me = s.order[3]!;
    const phases = new Set<string>();
    let reoffers = 0;
    let now = 0;
    for (let k = 0; k < 400 && s.status !== "ended"; k++) {
      const g = groupOf(s);
      if (g.status !== "playing") break;
      phases.add(g.phase);
      const st = g.game as CipState;
      if (st.alg && st.alg.round > 1) reoffers++;
      checkView(s, lt, me, now);
      const play = participantView(s, lt, me, now)!.play!;
      const v = play.game as CipView;
      now += 100;
      if (play.myTurn && g.phase === "offer") {
        // alternate behaviours so that re-offers and rejections occur
        const own = v.offer!.menu!.find((c) => c.mine)!.number;
        s = must(s, lt, g.round % 2 === 0 ? reject(me) : accept(me, own), now);
      } else if (play.myTurn && g.phase === "results") s = must(s, lt, cont(me), now);
      else s = runBots(s, lt, now, { until: (x) => x.version > s.version, maxSteps: 5 }).state;
    }
    expect(s.participants.get(me)!.history.length).toBe(4);
    expect(phases).toEqual(new Set(["offer", "results"]));
    expect(reoffers).toBeGreaterThan(0);
  });

  it("shows my own true type, my own beliefs and what each contract gives MY type", () => {
    const lt = loadCip({ ...PARAMS, fixedTypes: [1, 2, 3, 4], requestOrder: "seat" });
    const s = passIntro(newSession(lt).state, lt, 0);
    const [a, b, c] = groupOf(s).members as [string, string, string, string];
    const vb = participantView(s, lt, b, 0)!.play!.game as CipView;
    expect(vb.ci).toBe(2);
    expect(vb.me).toMatchObject({ number: 2, theta: 1, phi: 0.5, tau: 1.5, probabilities: BELIEFS[1] });
    expect(vb.status).toBe("choosing");
    expect(vb.offer!.offeredTo).toBe(3);
    const menu = vb.offer!.menu!;
    // U = τ·a·r − c·π for MY type (τ = 1.5), points = 100 + 0.5·U
    for (const k of menu) {
      expect(k.myUtility).toBeCloseTo(1.5 * 2 * k.resources - 0.5 * k.reward, 9);
      expect(k.myPoints).toBeCloseTo(Math.max(0, 100 + 0.5 * k.myUtility), 9);
      expect(k.designedFor).toBe(k.number);
    }
    expect(menu.find((k) => k.mine)!.number).toBe(2);
    expect(menu.find((k) => k.mine)!.best).toBe(true);
    const vc = participantView(s, lt, c, 0)!.play!.game as CipView;
    expect(vc.offer!.menu!.map((k) => k.resources)).toEqual(menu.map((k) => k.resources)); // the menu is public
    expect(vc.offer!.menu!.map((k) => k.myUtility)).not.toEqual(menu.map((k) => k.myUtility));
    const va = participantView(s, lt, a, 0)!.play!.game as CipView;
    expect(va.status).toBe("excluded");
    // no labels in the treatment: the page shows the type numbers in its own language
    expect(va.types.map((t) => [t.number, t.label])).toEqual([[1, null], [2, null], [3, null], [4, null]]);
  });

  it("the admin's monitor shows what the experimenter needs, live and after the offers", () => {
    const lt = loadCip({ ...PARAMS, fixedTypes: [1, 2, 3, 4], requestOrder: "seat" }, { bots: { seats: ["truthful", "truthful", "truthful", "truthful"] } });
    const s0 = newSession(lt).state;
    const g0 = groupOf(s0);
    const ctx = { params: lt.params, round: 1, players: g0.members, roles: g0.roles, rng: { next: () => 0, int: () => 0, state: () => ({ s: 0 }) }, nowMs: 0, history: {} } as never;
    const live = cipContracts.monitor(g0.game as CipState, ctx);
    const m = Object.fromEntries(live.metrics.map((x) => [x.label, x.value]));
    expect(m["Excluded now (CI)"]).toBe("1");
    expect(m["Offered to (CI)"]).toBe("2, 3, 4");
    expect(live.tables.map((t) => t.title)).toEqual(["CIs this round", "Menu (offer 1)", "Algorithm 1 log"]);
    const s1 = runBots(s0, lt, 0, { until: (x) => groupOf(x).phase === "results" }).state;
    const after = cipContracts.monitor(groupOf(s1).game as CipState, ctx);
    const m2 = Object.fromEntries(after.metrics.map((x) => [x.label, x.value]));
    expect(m2["IC rate (own contract)"]).toBe("100 %");
    expect(m2["Rejections"]).toBe(0);
    expect(m2["Excluded (initially / at the end)"]).toBe("1 / 1");
    expect(typeof m2["CC utility (played)"]).toBe("number");
    expect(typeof m2["CC utility, equal split R/N"]).toBe("number");
    // slot weighting with n = 3 < K = 4 CIs keeps the budget only in expectation: types 2, 3, 4 ask for more than R
    expect(m2[`Over-budget rule (criticality-order-fill)`]).toBe("rationed: 0 partial, 1 unserved");
    const log = after.tables.find((t) => t.title === "Algorithm 1 log")!;
    expect(log.rows.map((r) => r[2]).join("\n")).toMatch(/exclude CI 1 \(P\(lowest\) = 0\.728/);
    expect(log.rows.some((r) => String(r[2]).startsWith("done: 2 signed"))).toBe(true);
  });
});

describe("no inference of the others' contracts from group figures (findings B3)", () => {
  // Two CIs, the reference instance: the menu is r ≈ (20, 213.3, 426.7, 640). I am type 1 and take contract 1;
  // the other CI (a truthful bot) is of type 2 or 3 — both fit in R = 650, so my own outcome is the same.
  function myResults(other: number) {
    const probe = loadCip({ ...REF_PARAMS, cis: 2, rounds: 1 }, { bots: { seats: ["truthful"] } });
    const human = (x: SessionState) => x.order.find((pid) => !x.participants.get(pid)!.bot)!;
    const s0 = passIntro(newSession(probe, "b3").state, probe, 0);
    const seat = groupOf(s0).members.indexOf(human(s0)); // the seat the person gets (bots fill the others)
    const fixedTypes = seat === 0 ? [1, other] : [other, 1];
    const lt = loadCip({ ...REF_PARAMS, cis: 2, fixedTypes, requestOrder: "seat", rounds: 1 }, { bots: { seats: ["truthful"] } });
    let s = passIntro(newSession(lt, "b3").state, lt, 0);
    const me = human(s);
    expect(groupOf(s).members.indexOf(me)).toBe(seat);
    s = must(s, lt, accept(me, 1), 1000);
    s = runBots(s, lt, 1000, { until: (x) => groupOf(x).phase === "results" }).state;
    const st = groupOf(s).game as CipState;
    expect(st.outcome!.cis[1 - seat]!.contract).toBe(other - 1); // the other did take its own contract
    return { view: participantView(s, lt, me, 2000)!.play!.game as CipView, outcome: st.outcome! };
  }

  it("my view after the offers is the same whichever contract the other CI chose", () => {
    const a = myResults(2);
    const b = myResults(3);
    expect(a.view.results!.status).toBe("signed");
    expect(a.outcome.group.handedOut).not.toBeCloseTo(b.outcome.group.handedOut, 3); // the totals differ …
    expect(b.view).toEqual(a.view); // … but nothing on my screen does
  });

  it("holds no group total of resources, no signed/unserved count and no rationing flag", () => {
    const { view, outcome } = myResults(3);
    const keys = keysOf(view);
    for (const k of ["handedOut", "requested", "unserved", "rationed", "signed"]) expect(keys.has(k)).toBe(false);
    expect(view.results!.group).toEqual({ accepted: 2, rejected: 0, excluded: 0, offers: 1 });
    const text = JSON.stringify(view);
    const total = Math.round(outcome.group.handedOut * 100) / 100;
    expect(text).not.toContain(String(total));
    expect(text).not.toContain(String(outcome.group.handedOut));
  });
});
