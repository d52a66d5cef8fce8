/**
 * The projector's view is a whitelist: only the public fields below, aggregates in the charts, no
 * completion code, panel id, treatment name or per-round payoff; charts by private type only after the
 * session; the leaderboard ranks people's total points (not bot seats), counts each person's rounds on
 * time-out or played by a bot, and disappears when the treatment hides it. While playing, the charts and
 * the leaderboard count the rounds every group has finished, and "k of n decided" counts every seat of
 * the round.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sessionCharts } from "../charts";
import { chartRoundOf } from "../charts/from-session";
import { ROOM_MIN_GROUPS, ROOM_MIN_SPREAD, roomCharts } from "../charts/room";
import { games } from "../games/registry";
import { translatorFor } from "../i18n/translate";
import { must, newSession, passIntro, runBots } from "../testing/drive";
import { ChunkMap } from "./chunk-map";
import { keysOffWhitelist } from "../testing/projector-whitelist";
import { endCut, leaderboard, projectorView, rankedUnder } from "./projector-view";
import type { RoundRow, SessionState } from "./state";
import { loadTreatment, type LoadedTreatment } from "./treatment";
import { participantView } from "./views";

const EXAMPLES = join(import.meta.dirname, "..", "..", "examples", "treatments");
function load(file: string, patch: Record<string, unknown> = {}): LoadedTreatment {
  const t = { ...(JSON.parse(readFileSync(join(EXAMPLES, file), "utf8")) as Record<string, unknown>), ...patch };
  const lt = loadTreatment(t, games);
  if (!lt.ok) throw new Error(lt.errors.join("; "));
  return lt.value;
}

/** The state with every seat a person's who decided every round themselves (bots played them in the test). */
function asPeople(s: SessionState): SessionState {
  const people = [...s.participants.entries()].map(([k, p]) => [k, { ...p, bot: false, replacedByBot: false, botReason: null, claimed: true, history: p.history.map((h) => ({ ...h, isBot: false, timedOut: false })) }] as const);
  return { ...s, participants: ChunkMap.fromEntries(people) };
}

/** A session played to the end (by bots, standing in for people), with a typed label and a panel id on seat 1. */
function played(file: string, patch: Record<string, unknown> = {}) {
  const lt0 = load(file);
  const lt = load(file, { ...patch, bots: { seats: Array.from({ length: lt0.seats }, () => lt0.game.defaultBot), delayMs: 0 } });
  const end = runBots(newSession(lt, "projector").state, lt, 0);
  const people = asPeople(end.state);
  const p1 = people.order[0]!;
  const state: SessionState = {
    ...people,
    participants: ChunkMap.fromEntries([...people.participants.entries(), [p1, { ...people.participants.get(p1)!, label: "Alice", external: { source: "prolific", id: "PANEL-ID-5f00", extra: {} } }]]),
  };
  return { lt, state, charts: sessionCharts(lt.game.id, { params: lt.params, rounds: end.rounds.map(chartRoundOf) }) };
}

describe("projector view", () => {
  const files = ["ids-investment-3.json", "ids-pivotal-full-4.json", "ids-externality-4.json", "ssg-defense-recommendation.json", "cip-contracts-menu-4.json"];
  it.each(files)("%s: only whitelisted fields, no completion code, panel id, treatment name or per-round payoff", (file) => {
    const { lt, state, charts } = played(file);
    const v = projectorView(state, lt, 0, "ROOM7", charts);
    expect(v.stage).toBe("after");
    expect(keysOffWhitelist(v)).toEqual([]);
    const json = JSON.stringify(v);
    for (const p of state.participants.toArray()) expect(json).not.toContain(p.completionCode);
    expect(json).not.toContain("PANEL-ID-5f00");
    expect(json).not.toContain(lt.treatment.name);
    expect(v.title).toBe(lt.treatment.participantTitle ?? "Study");
    expect(v.language).toBe(lt.treatment.language);
    expect(v.leaderboard!.map((r) => r.label)).toContain("Alice");
    expect(v.debrief!.length).toBeGreaterThan(0);
  });

  /** Round 1 scored by every group, play goes on: the state, the monitor's charts and the room's view. */
  function midSession(file: string, groups: number) {
    const lt0 = load(file, { groups });
    const lt = load(file, { groups, bots: { seats: Array.from({ length: lt0.seats }, () => lt0.game.defaultBot), delayMs: 0 } });
    const mid = runBots(newSession(lt, "projector").state, lt, 0, { until: (s) => s.groups.toArray().every((g) => g.round >= 2) });
    expect(mid.rounds.length).toBeGreaterThan(0);
    const charts = sessionCharts(lt.game.id, { params: lt.params, rounds: mid.rounds.map(chartRoundOf) });
    return { mid, charts, v: projectorView(mid.state, lt, mid.nowMs, "ROOM7", charts) };
  }

  it.each(files)("%s mid-session with one group: no chart at all (a group's own numbers give its members' hidden choices and types away)", (file) => {
    const { mid, charts, v } = midSession(file, 1);
    expect(v.stage).toBe("playing");
    expect(keysOffWhitelist(v)).toEqual([]);
    expect(charts.some((c) => c.series.some((s) => s.points.some((p) => p.y !== null)))).toBe(true); // the monitor has them
    expect([v.charts, v.chartsHeld, v.playingGroups]).toEqual([[], "fewGroups", 1]);
    expect(v.debrief).toBeNull();
    const json = JSON.stringify(v);
    for (const p of mid.state.participants.toArray()) expect(json).not.toContain(p.completionCode);
  });

  it.each(files)(`%s mid-session with ${ROOM_MIN_GROUPS} groups: only what was played (no theory line, no chart by private type, no band over fewer than 5 values)`, (file) => {
    const { charts, v } = midSession(file, ROOM_MIN_GROUPS);
    expect(v.stage).toBe("playing");
    expect(keysOffWhitelist(v)).toEqual([]);
    expect([v.chartsHeld, v.playingGroups]).toEqual(["theoryAfter", ROOM_MIN_GROUPS]);
    expect(charts.some((c) => c.series.some((s) => s.role === "theory"))).toBe(true); // the monitor has theory lines
    expect(v.charts.flatMap((c) => c.series.filter((s) => s.role !== "played"))).toEqual([]);
    expect(v.charts.filter((c) => c.byPrivateType)).toEqual([]);
    expect(v.charts.some((c) => c.series.some((s) => s.points.some((p) => p.y !== null)))).toBe(true);
    for (const p of v.charts.flatMap((c) => c.series.flatMap((s) => s.points))) if ((p.n ?? 0) < ROOM_MIN_SPREAD) expect(p).not.toHaveProperty("lo");
  });

  it.each(files)(`%s mid-session with ${ROOM_MIN_GROUPS} groups: each caption describes what is drawn, not the theory lines held back`, (file) => {
    const { charts, v } = midSession(file, ROOM_MIN_GROUPS);
    const theoryWords = /Nash|optim|equilibri|theory|Theorie|\bNSE\b|CSW|\bIC\b|benchmark|Vergleichsfall|Gleichgewicht|Gl\. 6|verglichen mit|against/i;
    for (const c of charts.filter((x) => !x.byPrivateType && x.series.some((s) => s.role === "theory"))) {
      const shown = v.charts.find((x) => x.id === c.id);
      if (!shown) continue;
      const names = c.series.filter((s) => s.role === "theory").map((s) => s.name);
      // a theory line of value 0 drawn as a fact of the mechanism ("both are 0 at the equilibrium") may be named
      if (c.series.filter((s) => s.role === "theory").every((s) => s.points.every((p) => p.y === 0))) continue;
      expect(shown.description, c.id).not.toMatch(theoryWords);
      for (const n of names) expect(shown.description, c.id).not.toContain(n);
    }
    for (const c of v.charts) expect(c).not.toHaveProperty("descriptionPlayed");
    // after the session the full caption (against theory) comes back with the lines
    expect(roomCharts(charts, null).map((c) => c.description)).toEqual(charts.map((c) => c.description));
  });

  it("random matching: the groups of the round on display count, not those of rounds before", () => {
    const base = JSON.parse(readFileSync(join(EXAMPLES, "ids-investment-3.json"), "utf8")) as { params: Record<string, unknown> };
    for (const groups of [3, ROOM_MIN_GROUPS]) {
      const patch = { groups, matching: "random", params: { ...base.params, rounds: 4 } };
      const lt0 = load("ids-investment-3.json", patch);
      const lt = load("ids-investment-3.json", { ...patch, bots: { seats: Array.from({ length: lt0.seats }, () => lt0.game.defaultBot), delayMs: 0 } });
      const mid = runBots(newSession(lt, "p").state, lt, 0, { until: (s) => s.groups.toArray().some((g) => g.round >= 2 && g.status === "playing") });
      expect(mid.state.groups.size).toBeGreaterThan(groups); // round 1's groups are still in the state
      const v = projectorView(mid.state, lt, mid.nowMs, "R", sessionCharts(lt.game.id, { params: lt.params, rounds: mid.rounds.map(chartRoundOf) }));
      expect([v.playingGroups, v.chartsHeld]).toEqual([groups, groups < ROOM_MIN_GROUPS ? "fewGroups" : "theoryAfter"]);
      if (groups < ROOM_MIN_GROUPS) expect(v.charts).toEqual([]);
    }
  });

  it("a group a round ahead: a chart of one round (not cut back by round) waits until every group has finished it", () => {
    const file = "ssg-defense-recommendation.json";
    const lt0 = load(file, { groups: ROOM_MIN_GROUPS });
    const lt = load(file, { groups: ROOM_MIN_GROUPS, bots: { seats: Array.from({ length: lt0.seats }, () => lt0.game.defaultBot), delayMs: 0 } });
    const mid = runBots(newSession(lt, "p").state, lt, 0, { until: (s) => s.groups.toArray().some((g) => g.round >= 3) });
    // the first group has recorded round 2, the others are still deciding it
    const [ahead, ...rest] = mid.state.groups.toArray();
    const behind = new Set(rest.map((g) => g.id));
    const state: SessionState = { ...mid.state, groups: ChunkMap.fromEntries(mid.state.groups.toArray().map((g) => [g.id, behind.has(g.id) ? { ...g, round: 2, status: "playing" as const } : g])) };
    const rounds = mid.rounds.filter((r) => r.round === 1 || r.groupId === ahead!.id).map(chartRoundOf);
    const charts = sessionCharts(lt.game.id, { params: lt.params, rounds });
    expect(charts.some((c) => c.kind !== "rounds" && c.series.some((x) => x.points.some((p) => p.n === 1)))).toBe(true); // the monitor: the ahead group's round alone
    const v = projectorView(state, lt, mid.nowMs, "R", charts);
    expect(v.stage).toBe("playing");
    expect(v.charts.filter((c) => c.kind !== "rounds").map((c) => c.id)).toEqual([]);
    for (const c of v.charts) for (const x of c.series) expect(x.points.every((p) => p.x === 1)).toBe(true); // round 1 only, which every group finished
  });

  it("with one group short of ROOM_MIN_GROUPS the room still sees no chart; at the end it sees every chart and theory line", () => {
    expect(midSession("ids-investment-3.json", ROOM_MIN_GROUPS - 1).v.chartsHeld).toBe("fewGroups");
    const { charts, lt, state } = played("ids-investment-3.json");
    const after = projectorView(state, lt, 0, "R", charts);
    expect(after.chartsHeld).toBeNull();
    expect(after.charts.map((c) => [c.id, c.series.map((s) => s.name)])).toEqual(charts.map((c) => [c.id, c.series.map((s) => s.name)]));
  });

  it("spread bands over fewer than ROOM_MIN_SPREAD values are dropped; charts by private type wait for the end", () => {
    const { lt, state, charts } = played("cip-contracts-menu-4.json");
    const during = projectorView({ ...state, status: "running", participants: ChunkMap.fromEntries([...state.participants.entries()].map(([k, p]) => [k, { ...p, stage: "playing" as const }])) }, lt, 0, "R", charts);
    expect(during.stage).toBe("playing");
    expect(during.charts.map((c) => c.id)).not.toContain("cip-contracts/contract-by-type");
    expect(charts.map((c) => c.id)).toContain("cip-contracts/contract-by-type");
    const withBand = charts.flatMap((c) => c.series.flatMap((s) => s.points)).filter((p) => p.lo !== undefined && p.lo !== null);
    expect(withBand.length).toBeGreaterThan(0); // the monitor has bands (one group: n = 1 per round)
    for (const p of during.charts.flatMap((c) => c.series.flatMap((s) => s.points))) if ((p.n ?? 0) < ROOM_MIN_SPREAD) expect(p).not.toHaveProperty("lo");
  });

  it("ids-investment classroom (20 seats): bands over ≥ 5 values stay; leaderboard top N by total points, ties share a rank", () => {
    const { lt, state, charts } = played("ids-investment-classroom.json", { leaderboard: { top: 3 } });
    const v = projectorView(state, lt, 0, "R", charts);
    const inv = v.charts.find((c) => c.id === "ids-investment/investment")!;
    expect(inv.series[0]!.points.every((p) => p.n === 20 && typeof p.lo === "number")).toBe(true);
    expect(v.leaderboard).toHaveLength(3);
    const totals = state.participants.toArray().map((p) => Math.round(p.totalPayoff * 10) / 10).sort((a, b) => b - a);
    expect(v.leaderboard!.map((r) => r.points)).toEqual(totals.slice(0, 3));
    const tied = leaderboard({ ...state, participants: ChunkMap.fromEntries([...state.participants.entries()].map(([k, p]) => [k, { ...p, totalPayoff: p.seat < 2 ? 50 : 10 }])) }, 3);
    expect(tied.map((r) => r.rank)).toEqual([1, 1, 3]);
  });

  it("hidden by the treatment: no leaderboard at all", () => {
    const { lt, state, charts } = played("ids-investment-3.json", { leaderboard: { show: false } });
    expect(projectorView(state, lt, 0, "R", charts).leaderboard).toBeNull();
  });

  it("the classroom example ends in its exit survey: play is over for the room's screen once everyone is in it", () => {
    const { lt, state, charts } = played("ids-investment-classroom.json");
    const inSurvey = { ...state, participants: ChunkMap.fromEntries([...state.participants.entries()].map(([k, p]) => [k, { ...p, stage: "survey" as const }])) };
    expect(projectorView(inSurvey, lt, 0, "R", charts).stage).toBe("after");
  });

  it("a German treatment: the step's name and unnamed seats in German, the charts as given (built in German by the server)", () => {
    const lt = load("ids-investment-3.json", { language: "de", groups: ROOM_MIN_GROUPS, bots: { seats: Array.from({ length: 3 * ROOM_MIN_GROUPS }, () => "myopic"), delayMs: 0 } });
    const s0 = newSession(lt).state;
    const mid = runBots(passIntro({ ...s0, status: "running" }, lt, 0, [...s0.order]), lt, 0, { until: (s) => s.groups.toArray().some((g) => g.round >= 2) });
    const s = asPeople(mid.state);
    const v = projectorView(s, lt, mid.nowMs, "R", sessionCharts(lt.game.id, { params: lt.params, rounds: [], locale: "de" }));
    expect(v.stage).toBe("playing");
    expect(v.phaseLabel).toBe("Wählen Sie Ihre Investition");
    expect(v.title).toBe("Studie"); // no participantTitle in the treatment: the default in its language
    expect(v.leaderboard!.map((r) => r.label).slice(0, 3)).toEqual(expect.arrayContaining([expect.stringMatching(/^Platz \d+$/)]));
    expect(v.charts.map((c) => c.title)).toContain("Investition pro Runde");
    for (const label of projectorView(s, load("ids-investment-3.json"), mid.nowMs, "R", []).leaderboard!.map((r) => r.label)) expect(label).toMatch(/^Seat \d+$/);
  });

  it("groups of bots finished while the people still read the instructions: no round, but who is still reading (not a bare 'no time limit')", () => {
    const lt = load("ssg-defense-uncoordinated-3.json", { groups: 5 });
    let s = newSession(lt).state;
    s = { ...s, status: "running" };
    const person = s.order[0]!;
    s = must(s, lt, { kind: "connect", pid: person }, 0);
    s = must(s, lt, { kind: "consent", pid: person }, 0);
    s = must(s, lt, { kind: "fillWithBots" }, 1);
    const end = runBots(s, lt, 1, { until: (x) => x.groups.size >= 4 && x.groups.toArray().every((g) => g.status === "finished") });
    const v = projectorView(end.state, lt, end.nowMs, "R", []);
    // (not "full": a latecomer may still take over one of the filled seats that wait for the person's group, lib/engine/takeover.ts)
    expect(v).toMatchObject({ stage: "playing", round: null, phaseLabel: null, reading: 1, waiting: 0, full: false });
    expect(keysOffWhitelist(v)).toEqual([]);
    for (const locale of ["en", "de"] as const) expect(translatorFor(locale)("projector.reading", { count: 1 })).toMatch(/^1 /);
    expect(translatorFor("en")("projector.reading", { count: 4 })).toBe("4 people are still reading the instructions");
  });

  it("once every seat is taken the view says the session is full (the screen stops inviting people who would be turned away)", () => {
    const lt = load("ids-investment-3.json");
    let s = newSession(lt).state;
    s = passIntro({ ...s, status: "running" }, lt, 0, s.order.slice(0, 2));
    expect(projectorView(s, lt, 0, "R", []).full).toBe(false);
    s = passIntro(s, lt, 0, s.order.slice(2));
    expect(projectorView(s, lt, 0, "R", []).full).toBe(true);
    expect(translatorFor("en")("projector.full", { seats: 3 })).toBe("Session full: all 3 places are taken");
    expect(translatorFor("de")("projector.full", { seats: 3 })).toBe("Sitzung voll: alle 3 Plätze sind vergeben");
  });

  it("play over but the exit survey open: 'after', with how many still answer while the session runs (0 once it ended)", () => {
    const { lt, state, charts } = played("ids-investment-classroom.json");
    const inSurvey: SessionState = { ...state, status: "running", participants: ChunkMap.fromEntries([...state.participants.entries()].map(([k, p], i) => [k, { ...p, stage: i < 3 ? ("survey" as const) : ("done" as const) }])) };
    expect(projectorView(inSurvey, lt, 0, "R", charts)).toMatchObject({ stage: "after", surveying: 3 });
    expect(projectorView({ ...inSurvey, status: "ended" }, lt, 0, "R", charts).surveying).toBe(0);
  });

  it("before play: stage before, joined counts seats past the start, no round", () => {
    const lt = load("ids-investment-3.json");
    let s = newSession(lt).state;
    s = passIntro({ ...s, status: "running" }, lt, 0, [s.order[0]!]);
    const v = projectorView(s, lt, 0, "R", []);
    expect(v).toMatchObject({ stage: "before", joined: 1, bots: 0, seats: 3, round: null, debrief: null });
  });

  it("bots filled into the empty seats count as joined and are said apart: '3 of 3 joined (2 bots)'", () => {
    const lt = load("ids-investment-3.json");
    let s = newSession(lt).state;
    s = passIntro({ ...s, status: "running" }, lt, 0, [s.order[0]!]);
    s = must(s, lt, { kind: "fillWithBots" }, 1);
    const v = projectorView(s, lt, 1, "R", []);
    expect(v).toMatchObject({ joined: 3, bots: 2, seats: 3 });
    const t = translatorFor("en");
    expect(t("projector.joined", { joined: v.joined, seats: v.seats, bots: v.bots })).toBe("3 of 3 joined (2 bots)");
    expect(t("projector.joined", { joined: 1, seats: 3, bots: 0 })).toBe("1 of 3 joined");
    // a person a bot replaced is still a person
    s = must(s, lt, { kind: "replaceWithBot", pid: s.order[0]! }, 2);
    expect(projectorView(s, lt, 2, "R", []).bots).toBe(2);
  });

  it("counts who decided only at a decision step: none in the results step, where all have decided and read on", () => {
    const lt = load("ids-investment-3.json");
    const s0 = newSession(lt).state;
    let s = passIntro({ ...s0, status: "running" }, lt, 0, [...s0.order]);
    expect(projectorView(s, lt, 0, "R", [])).toMatchObject({ stage: "playing", round: 1, pending: 3, playing: 3 });
    s = must(s, lt, { kind: "action", pid: s.order[0]!, clientActionId: "a1", action: { type: "invest", x: 1 } }, 1);
    expect(projectorView(s, lt, 1, "R", [])).toMatchObject({ pending: 2, playing: 3 });
    s = must(s, lt, { kind: "action", pid: s.order[1]!, clientActionId: "a2", action: { type: "invest", x: 1 } }, 2);
    s = must(s, lt, { kind: "action", pid: s.order[2]!, clientActionId: "a3", action: { type: "invest", x: 1 } }, 3);
    const results = projectorView(s, lt, 3, "R", []);
    expect(s.groups.toArray()[0]!.phase).toBe("results");
    // before: "0 of 3 decided" (the three still had to press "Next round")
    expect(results).toMatchObject({ stage: "playing", round: 1, pending: null, playing: null });
  });

  it("ended by the experimenter with one group a round ahead: after the end the charts count the rounds every group played, and say how many played the last", () => {
    const lt = load("ids-investment-3.json", { groups: 2 });
    const s0 = newSession(lt).state;
    let s = passIntro({ ...s0, status: "running" }, lt, 0, [...s0.order]);
    const [g1, g2] = s.groups.toArray();
    const sink = { state: s, rounds: [] as RoundRow[], notes: [] as string[] };
    let n = 0;
    const all = (pids: readonly string[], action: Record<string, unknown>, at: number) => {
      for (const pid of pids) s = must(s, lt, { kind: "action", pid, clientActionId: `e${++n}`, action }, at, sink);
    };
    all([...g1!.members, ...g2!.members], { type: "invest", x: 1 }, 1_000); // round 1 decided by everyone
    all([...g1!.members, ...g2!.members], { type: "continue" }, 2_000); // and read: both groups in round 2
    all(g1!.members, { type: "invest", x: 2 }, 3_000); // group 1 reads round 2's results, group 2 still decides
    s = must(s, lt, { kind: "end" }, 4_000, sink);
    expect(endCut(s, lt.rounds)).toEqual({ through: 1, latest: 2, done: 1, groups: 2 });
    const xs = (v: { charts: { id: string; series: { points: { x: number | string }[] }[] }[] }) => v.charts.find((c) => c.id === "ids-investment/investment")!.series[0]!.points.map((p) => p.x);
    const charts = sessionCharts(lt.game.id, { params: lt.params, rounds: sink.rounds.map(chartRoundOf) });
    expect(xs({ charts })).toEqual([1, 2]); // the data hold group 1's round 2
    const v = projectorView(s, lt, 5_000, "R", charts);
    expect(v.stage).toBe("after");
    expect(xs(v)).toEqual([1]);
    expect(v.charts.find((c) => c.id === "ids-investment/investment-histogram")!.title).toContain("(round 2: 1 of 2 groups played it before the session ended)");
    // a session that ran to its end is not cut
    expect(endCut({ ...s, status: "running" }, lt.rounds)).toBeNull();
  });

  it("one group reads its results while another still decides: the header names the decision step and its clock, not the results", () => {
    const lt = load("ids-investment-3.json", { groups: 2 });
    const s0 = newSession(lt).state;
    let s = passIntro({ ...s0, status: "running" }, lt, 0, [...s0.order]);
    const deciding = projectorView(s, lt, 0, "R", []);
    const [g1, g2] = s.groups.toArray();
    let n = 0;
    for (const pid of g1!.members) s = must(s, lt, { kind: "action", pid, clientActionId: `d${++n}`, action: { type: "invest", x: 1 } }, 1_000);
    s = must(s, lt, { kind: "action", pid: g2!.members[0]!, clientActionId: `d${++n}`, action: { type: "invest", x: 1 } }, 1_000);
    expect(s.groups.get(g1!.id)!.phase).toBe("results");
    const v = projectorView(s, lt, 2_000, "R", []);
    expect(v.phaseLabel).toBe(deciding.phaseLabel);
    // the clock of the deciding group (its phase started at 0), not the results step's (started at 1,000)
    expect(v.remainingMs).toBe(s.groups.get(g2!.id)!.deadlineMs! - 2_000);
    expect(v).toMatchObject({ pending: 2, playing: 6 });
  });
});

describe("projector leaderboard: people, not bot seats (but in a bots-only pilot); defaults marked", () => {
  /** ids-investment-3 opened with seat 3's person in it; `then` runs on the running session before play goes on. */
  function threeSeats(then: (s: SessionState, lt: LoadedTreatment) => SessionState, people: string[] = ["p3"]) {
    const lt = load("ids-investment-3.json");
    const s0 = newSession(lt).state;
    const s = then(passIntro({ ...s0, status: "running" }, lt, 0, people), lt);
    return { lt, end: runBots(s, lt, 1) };
  }

  it("after 'Fill empty seats with bots' only the person is ranked, with the rounds they let time out", () => {
    const { lt, end } = threeSeats((s, lt) => must(s, lt, { kind: "fillWithBots" }, 1));
    expect(end.state.participants.toArray().filter((p) => p.bot).map((p) => p.id)).toEqual(["p1", "p2"]);
    const v = projectorView(end.state, lt, end.nowMs, "R", []);
    expect(v.stage).toBe("after");
    // the person never answered: both rounds timed out, and the screen says so next to the points
    expect(v.leaderboard).toEqual([{ rank: 1, label: "Seat 3", bot: false, points: Math.round(end.state.participants.get("p3")!.totalPayoff * 10) / 10, timeouts: 2, botRounds: 0 }]);
  });

  it("a round the experimenter ended ('End phase now') before the person chose counts as decided by default too", () => {
    const { lt, end } = threeSeats((s, lt) => {
      const filled = must(s, lt, { kind: "fillWithBots" }, 1);
      return must(filled, lt, { kind: "forcePhaseEnd" }, 2); // round 1: p3 has not chosen
    });
    const p3 = end.state.participants.get("p3")!;
    expect(p3.history.map((h) => [h.timedOut, h.endedByExperimenter === true])).toEqual([[false, true], [true, false]]);
    // the person's own history (play screen, final page) says which round the experimenter ended
    expect(participantView(end.state, lt, "p3", end.nowMs)!.history.map((h) => [h.timedOut, h.endedByExperimenter])).toEqual([[false, true], [true, false]]);
    const v = projectorView(end.state, lt, end.nowMs, "R", []);
    expect(v.leaderboard![0]).toMatchObject({ label: "Seat 3", timeouts: 2, botRounds: 0 });
  });

  it("a pilot with bots only (every seat filled with a bot) ranks its bots, marked, so the board can be seen; one person in it and they are not ranked", () => {
    const { lt, end } = threeSeats((s, lt) => must(s, lt, { kind: "fillWithBots" }, 1), []);
    expect(end.state.participants.toArray().every((p) => p.bot)).toBe(true);
    const v = projectorView(end.state, lt, end.nowMs, "R", []);
    expect(v).toMatchObject({ bots: 3, seats: 3 }); // the screen's cue for its "pilot with bots only" note
    expect(v.leaderboard!.map((r) => r.label).sort()).toEqual(["Seat 1", "Seat 2", "Seat 3"]);
    expect(v.leaderboard!.every((r) => r.bot && r.botRounds === 2)).toBe(true); // every round a bot's, as the board notes
    const points = v.leaderboard!.map((r) => r.points);
    expect(points).toEqual([...points].sort((a, b) => b - a));
    // with a person, the bot seats drop out of the ranking again
    const withPerson = threeSeats((s, lt) => must(s, lt, { kind: "fillWithBots" }, 1));
    expect(projectorView(withPerson.end.state, withPerson.lt, withPerson.end.nowMs, "R", []).leaderboard!.map((r) => r.label)).toEqual(["Seat 3"]);
  });

  it("a person the experimenter replaced by a bot stays listed, marked, with the rounds the bot played", () => {
    const { lt, end } = threeSeats((s, lt) => must(s, lt, { kind: "replaceWithBot", pid: "p1" }, 1), ["p1", "p2", "p3"]);
    const rows = projectorView(end.state, lt, end.nowMs, "R", []).leaderboard!;
    expect(rows).toHaveLength(3);
    const seat1 = rows.find((r) => r.label === "Seat 1")!;
    expect(seat1).toMatchObject({ bot: true, botRounds: 2, timeouts: 0 });
    for (const label of ["Seat 2", "Seat 3"]) expect(rows.find((r) => r.label === label)).toMatchObject({ bot: false, botRounds: 0, timeouts: 2 });
  });
});

describe("leaderboard.minOwnRounds: only people who decided enough rounds themselves are ranked (instructor review C5)", () => {
  /**
   * ids-investment-3 played to the end by people; the seat with the most points made none of its choices
   * itself (`how`: every round a default on time-out, or a bot's after the person dropped out).
   */
  function topSeatDidNotDecide(how: "default" | "bot", patch: Record<string, unknown> = {}) {
    const { lt, state } = played("ids-investment-3.json", patch);
    // distinct totals (the bots standing in for the people all earned the same): the seat of defaults has the most
    const totals = [100, 60, 40];
    const [best, ...rest] = state.order;
    const participants = state.order.map((id, i) => {
      const p = { ...state.participants.get(id)!, totalPayoff: totals[i]! };
      if (id !== best) return [id, p] as const;
      const history = p.history.map((h) => (how === "bot" ? { ...h, isBot: true } : { ...h, timedOut: true }));
      return [id, { ...p, history, ...(how === "bot" ? { replacedByBot: true, botReason: "dropout" as const } : {}) }] as const;
    });
    expect(rest).toHaveLength(2);
    return { lt, s: { ...state, participants: ChunkMap.fromEntries(participants) } as SessionState, best: 100, others: [60, 40] };
  }

  it.each(["default", "bot"] as const)("a seat whose every round was %s is not ranked above the people: listed after them, without a place", (how) => {
    const { lt, s, best, others } = topSeatDidNotDecide(how, { leaderboard: { minOwnRounds: 1 } });
    expect(lt.rounds).toBe(2);
    const v = projectorView(s, lt, 0, "R", []);
    expect(v.stage).toBe("after");
    expect(v.minOwnRounds).toBe(1);
    expect(keysOffWhitelist(v)).toEqual([]);
    expect(v.leaderboard!.map((r) => [r.rank, r.points])).toEqual([[1, others[0]], [2, others[1]], [null, best]]);
    expect(v.leaderboard![2]).toMatchObject(how === "bot" ? { bot: true, botRounds: 2, timeouts: 0 } : { bot: false, botRounds: 0, timeouts: 2 });
    // with top 2 the places go to the ranked people
    expect(leaderboard(s, 2, "en", null, { minOwnRounds: 1, rounds: 2 }).map((r) => r.rank)).toEqual([1, 2]);
  });

  it("unset (default 0): unchanged, the seat of defaults leads the board", () => {
    const { lt, s, best } = topSeatDidNotDecide("default");
    expect(lt.treatment.leaderboard.minOwnRounds).toBe(0);
    const v = projectorView(s, lt, 0, "R", []);
    expect(v.minOwnRounds).toBeNull();
    expect(v.leaderboard![0]).toMatchObject({ rank: 1, points: best, timeouts: 2 });
    expect(v.leaderboard!.map((r) => r.points)).toEqual([100, 60, 40]);
  });

  it("during play a person stays ranked while the rounds left can still make up the rule; once not, they stay out; at the end the rule holds", () => {
    const rule = { minOwnRounds: 5, rounds: 8 };
    expect(rankedUnder(rule, 0, 3, 3)).toBe(true); // 3 defaults, 5 rounds left
    expect(rankedUnder(rule, 0, 4, 4)).toBe(false); // 4 left: cannot reach 5
    expect(rankedUnder(rule, 4, 8, 8)).toBe(false);
    expect(rankedUnder(rule, 4, 8, null)).toBe(false);
    expect(rankedUnder(rule, 5, 8, null)).toBe(true);
    // a session ended after 3 rounds: who decided each of them themselves is ranked
    expect(rankedUnder(rule, 3, 3, null)).toBe(true);
    expect(rankedUnder(rule, 2, 3, null)).toBe(false);
    expect(rankedUnder(null, 0, 8, null)).toBe(true);
  });

  it("more than the rounds of the session (e.g. rounds lowered on the New Session page) asks for every round; the classroom treatments set it", () => {
    const { lt, s } = topSeatDidNotDecide("default", { leaderboard: { minOwnRounds: 5 } });
    const v = projectorView(s, lt, 0, "R", []);
    expect(v.minOwnRounds).toBe(2);
    expect(v.leaderboard!.map((r) => r.rank)).toEqual([1, 2, null]);
    for (const f of readdirSync(EXAMPLES).filter((f) => f.includes("-classroom"))) {
      const lt = load(f);
      expect(lt.treatment.leaderboard.minOwnRounds, f).toBeGreaterThan(lt.rounds / 2);
      expect(lt.treatment.leaderboard.minOwnRounds, f).toBeLessThan(lt.rounds);
    }
  });
});

describe("projector during a round some groups have finished (classroom, random matching)", () => {
  /** 16 bot seats and 4 people who never answer: the all-bot groups finish each round long before the rest. */
  function classroom() {
    const lt = load("ids-investment-classroom.json", { bots: { seats: Array.from({ length: 16 }, () => "myopic"), delayMs: 0 } });
    const s0 = newSession(lt).state;
    const s = passIntro({ ...s0, status: "running" }, lt, 0, ["p17", "p18", "p19", "p20"]);
    const atBarrier = (round: number) => (x: SessionState) => x.groups.toArray().some((g) => g.round === round && g.status === "barrier");
    const r1 = runBots(s, lt, 0, { until: atBarrier(1) });
    const r2 = runBots(r1.state, lt, r1.nowMs, { until: atBarrier(2) });
    const charts = (rows: typeof r1.rounds) => sessionCharts(lt.game.id, { params: lt.params, rounds: rows.map(chartRoundOf) });
    return { lt, r1, r2: { ...r2, rounds: [...r1.rounds, ...r2.rounds] }, charts };
  }
  const played = (v: { charts: { id: string; series: { points: { x: number | string }[] }[] }[] }, id: string) => v.charts.find((c) => c.id === id)!.series[0]!.points.map((p) => p.x);

  it("round 1, the all-bot groups at the barrier: round 1 of the room, nothing counted yet, '16 of 20 decided', the histogram (one round) waits for every group", () => {
    const { lt, r1, charts } = classroom();
    const groups = r1.state.groups.toArray();
    const waiting = groups.filter((g) => g.status === "barrier").length;
    expect(waiting).toBeGreaterThan(0);
    expect(waiting).toBeLessThan(5);
    const built = charts(r1.rounds);
    expect(played({ charts: built }, "ids-investment/investment")).toEqual([1]); // what the server builds holds the finished groups' round 1
    const v = projectorView(r1.state, lt, r1.nowMs, "R", built);
    expect(v).toMatchObject({ stage: "playing", round: 1, pending: 4, playing: 20 });
    expect(played(v, "ids-investment/investment")).toEqual([]);
    expect(played(v, "ids-investment/total-cost")).toEqual([]);
    // it would hold the finished groups' round alone (with a group or two: their own numbers)
    expect(v.charts.find((c) => c.id === "ids-investment/investment-histogram")).toBeUndefined();
    expect(v.leaderboard).toEqual([]);
  });

  it("round 2, the all-bot groups done with it: charts and leaderboard count round 1 only, for everyone alike", () => {
    const { lt, r2, charts } = classroom();
    const built = charts(r2.rounds);
    expect(played({ charts: built }, "ids-investment/investment")).toEqual([1, 2]);
    const v = projectorView(r2.state, lt, r2.nowMs, "R", built);
    expect(v).toMatchObject({ stage: "playing", round: 2, playing: 20 });
    expect(played(v, "ids-investment/investment")).toEqual([1]);
    // the four people are ranked (the 16 bot seats are not), each with round 1 on time-out
    expect(v.leaderboard!.map((r) => r.label).sort()).toEqual(["Seat 17", "Seat 18", "Seat 19", "Seat 20"]);
    for (const r of v.leaderboard!) expect(r).toMatchObject({ timeouts: 1, botRounds: 0, bot: false });
    // had everyone been a person: the totals of round 1 only, although the all-bot groups' seats have round 2 too
    const people = asPeople(r2.state);
    expect(people.participants.toArray().some((p) => p.history.length === 2)).toBe(true);
    const round1 = people.participants.toArray().map((p) => Math.round(p.history.find((h) => h.round === 1)!.payoff * 10) / 10).sort((a, b) => b - a);
    expect(projectorView(people, lt, r2.nowMs, "R", built).leaderboard!.map((r) => r.points)).toEqual(round1.slice(0, 10));
  });
});

describe("shipped classroom treatments", () => {
  const classroom = readdirSync(EXAMPLES).filter((f) => f.includes("-classroom")).sort();

  it("one per game family (IDS, defenders, CI owners), each with enough groups for live charts, timers and the leaderboard", () => {
    expect(classroom).toEqual(["cip-contracts-menu-classroom.json", "ids-investment-classroom-de.json", "ids-investment-classroom.json", "ssg-defense-uncoordinated-classroom.json"]);
    for (const file of classroom) {
      const lt = load(file);
      expect(lt.treatment.groups, file).toBeGreaterThanOrEqual(ROOM_MIN_GROUPS);
      expect(lt.treatment.matching, file).toBe("random");
      expect(lt.treatment.leaderboard.show, file).toBe(true);
      const p = lt.params as Record<string, unknown>;
      const decide = (p.decisionSeconds ?? p.offerSeconds) as number;
      expect(decide, file).toBeGreaterThan(0);
      expect(decide, file).toBeLessThanOrEqual(60);
    }
  });

  it.each(["ssg-defense-uncoordinated-classroom.json", "cip-contracts-menu-classroom.json"])("%s: the room sees live charts during play (only what was played)", (file) => {
    const lt0 = load(file);
    const lt = load(file, { params: { ...(lt0.params as object), rounds: 3 }, bots: { seats: Array.from({ length: lt0.seats }, () => lt0.game.defaultBot), delayMs: 0 } });
    const end = runBots(newSession(lt, "classroom").state, lt, 0);
    // the state as during round 3: every group has finished rounds 1 and 2
    const charts = sessionCharts(lt.game.id, { params: lt.params, rounds: end.rounds.filter((r) => r.round <= 2).map(chartRoundOf) });
    const during = { ...end.state, status: "running" as const, participants: ChunkMap.fromEntries([...end.state.participants.entries()].map(([k, p]) => [k, { ...p, stage: "playing" as const }])), groups: ChunkMap.fromEntries([...end.state.groups.entries()].filter(([, g]) => g.round === 3).map(([k, g]) => [k, { ...g, status: "playing" as const }])) };
    const v = projectorView(during, lt, 0, "ROOM7", charts);
    expect(v.stage).toBe("playing");
    expect(keysOffWhitelist(v)).toEqual([]);
    expect(v.chartsHeld).toBe("theoryAfter");
    expect(v.charts.length).toBeGreaterThan(0);
    expect(v.charts.flatMap((c) => c.series.map((x) => x.role))).not.toContain("theory");
  });

  it("each has its own participantTitle, so phones and the room's screen do not say \"Study\"", () => {
    for (const file of classroom) {
      const title = load(file).treatment.participantTitle;
      expect(title, file).toBeTruthy();
      expect(title, file).not.toMatch(/^(Study|Studie)$/);
    }
  });

  it.each(["ids-investment-classroom.json", "ids-investment-classroom-de.json", "ssg-defense-uncoordinated-classroom.json", "cip-contracts-menu-classroom.json"])("%s: the consent says truthfully that the label is on the class leaderboard", (file) => {
    const lt = load(file);
    expect(lt.treatment.leaderboard.show).toBe(true);
    const consent = lt.treatment.intro.consent ?? "";
    expect(consent).not.toMatch(/only to the instructor|nur für die Lehrperson/i);
    expect(consent).toMatch(/leaderboard|Rangliste/i);
  });
});
