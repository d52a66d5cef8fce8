/**
 * The projector's view is a whitelist: only the public fields below, aggregates in the charts, no
 * completion code, panel id, treatment name or per-round payoff; charts by private type only after the
 * session; the leaderboard ranks total points and disappears when the treatment hides it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sessionCharts } from "../charts";
import { chartRoundOf } from "../charts/from-session";
import { ROOM_MIN_SPREAD } from "../charts/room";
import { games } from "../games/registry";
import { must, newSession, passIntro, runBots } from "../testing/drive";
import { ChunkMap } from "./chunk-map";
import { keysOffWhitelist } from "../testing/projector-whitelist";
import { leaderboard, projectorView } from "./projector-view";
import type { SessionState } from "./state";
import { loadTreatment, type LoadedTreatment } from "./treatment";

const EXAMPLES = join(import.meta.dirname, "..", "..", "examples", "treatments");
function load(file: string, patch: Record<string, unknown> = {}): LoadedTreatment {
  const t = { ...(JSON.parse(readFileSync(join(EXAMPLES, file), "utf8")) as Record<string, unknown>), ...patch };
  const lt = loadTreatment(t, games);
  if (!lt.ok) throw new Error(lt.errors.join("; "));
  return lt.value;
}

/** A session of bots played to the end, with a typed label and a panel id on seat 1. */
function played(file: string, patch: Record<string, unknown> = {}) {
  const lt0 = load(file);
  const lt = load(file, { ...patch, bots: { seats: Array.from({ length: lt0.seats }, () => lt0.game.defaultBot), delayMs: 0 } });
  const end = runBots(newSession(lt, "projector").state, lt, 0);
  const p1 = end.state.order[0]!;
  const state: SessionState = {
    ...end.state,
    participants: ChunkMap.fromEntries([...end.state.participants.entries(), [p1, { ...end.state.participants.get(p1)!, label: "Alice", external: { source: "prolific", id: "PANEL-ID-5f00", extra: {} } }]]),
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

  it.each(files)("%s mid-session (round 1 scored, play goes on): whitelisted fields, no chart by private type, no band over fewer than 5 values", (file) => {
    const lt0 = load(file);
    const lt = load(file, { bots: { seats: Array.from({ length: lt0.seats }, () => lt0.game.defaultBot), delayMs: 0 } });
    const mid = runBots(newSession(lt, "projector").state, lt, 0, { until: (s) => s.groups.toArray().some((g) => g.round >= 2) });
    expect(mid.rounds.length).toBeGreaterThan(0);
    const charts = sessionCharts(lt.game.id, { params: lt.params, rounds: mid.rounds.map(chartRoundOf) });
    const v = projectorView(mid.state, lt, mid.nowMs, "ROOM7", charts);
    expect(v.stage).toBe("playing");
    expect(keysOffWhitelist(v)).toEqual([]);
    expect(v.charts.filter((c) => c.byPrivateType)).toEqual([]);
    expect(v.charts.some((c) => c.series.some((s) => s.points.some((p) => p.y !== null)))).toBe(true);
    for (const p of v.charts.flatMap((c) => c.series.flatMap((s) => s.points))) if ((p.n ?? 0) < ROOM_MIN_SPREAD) expect(p).not.toHaveProperty("lo");
    expect(v.debrief).toBeNull();
    const json = JSON.stringify(v);
    for (const p of mid.state.participants.toArray()) expect(json).not.toContain(p.completionCode);
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
    const lt = load("ids-investment-3.json", { language: "de", bots: { seats: ["myopic", "myopic", "myopic"], delayMs: 0 } });
    const s0 = newSession(lt).state;
    const s = passIntro({ ...s0, status: "running" }, lt, 0, [...s0.order]);
    const v = projectorView(s, lt, 0, "R", sessionCharts(lt.game.id, { params: lt.params, rounds: [], locale: "de" }));
    expect(v.stage).toBe("playing");
    expect(v.phaseLabel).toBe("Wählen Sie Ihre Investition");
    expect(v.title).toBe("Studie"); // no participantTitle in the treatment: the default in its language
    expect(v.leaderboard!.map((r) => r.label)).toEqual(["Platz 1", "Platz 2", "Platz 3"]);
    expect(v.charts.map((c) => c.title)).toContain("Investition pro Runde");
    expect(projectorView(s, load("ids-investment-3.json"), 0, "R", []).leaderboard!.map((r) => r.label)).toEqual(["Seat 1", "Seat 2", "Seat 3"]);
  });

  it("before play: stage before, joined counts seats past the start, no round", () => {
    const lt = load("ids-investment-3.json");
    let s = newSession(lt).state;
    s = passIntro({ ...s, status: "running" }, lt, 0, [s.order[0]!]);
    const v = projectorView(s, lt, 0, "R", []);
    expect(v).toMatchObject({ stage: "before", joined: 1, seats: 3, round: null, debrief: null });
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
});
