/**
 * The experimenter ends the session while groups read a round's results: that round counts (people saw
 * its points), a round still being decided does not, and the data, the points and the final page agree.
 */
import { describe, expect, it } from "vitest";
import { games } from "../games/registry";
import { must, newSession, passIntro, type DriveResult } from "../testing/drive";
import { sessionCharts } from "../charts";
import { chartRoundOf } from "../charts/from-session";
import { paymentRows } from "../study/payments";
import { endCut, projectorView } from "./projector-view";
import { loadTreatment } from "./treatment";
import { participantView } from "./views";
import type { SessionState } from "./state";

const load = (matching: "fixed" | "random") => {
  const params = { alpha: [10, 12], W: [[1, 0.5], [0.5, 1]], c: [1, 1.5], xMax: 5, rounds: 3, decisionSeconds: 60, resultsSeconds: null, timeoutDefault: "zero" };
  const r = loadTreatment({ name: "t", game: "ids-investment", groups: 2, matching, params }, games);
  if (!r.ok) throw new Error(r.errors.join("\n"));
  return r.value;
};
let n = 0;
const invest = (pid: string, x: number) => ({ kind: "action" as const, pid, clientActionId: `end-${++n}`, action: { type: "invest", x } });
const groupOf = (s: SessionState, pid: string) => s.groups.toArray().find((g) => g.members.includes(pid) && g.status === "playing")!;

describe("ending the session during a round's results", () => {
  it.each(["fixed", "random"] as const)("%s matching: the round on screen is recorded, with the points people saw; a round still being decided is not", (matching) => {
    const lt = load(matching);
    const sink: DriveResult = { state: null as unknown as SessionState, rounds: [], notes: [] };
    let s = passIntro(newSession(lt).state, lt, 1_000_000);
    const [a, b] = groupOf(s, "p1").members;
    const others = s.order.filter((p) => p !== a && p !== b);
    // group of p1: round 1 decided, its results on screen; the other group: one of two decided
    s = must(s, lt, invest(a!, 1), 1_001_000, sink);
    s = must(s, lt, invest(b!, 2), 1_002_000, sink);
    s = must(s, lt, invest(others[0]!, 3), 1_003_000, sink);
    expect(groupOf(s, "p1").phase).toBe("results");
    const shown = participantView(s, lt, a!, 1_004_000)!.play!;
    expect(sink.rounds).toHaveLength(0); // not recorded yet: the round ends when people go on from its results
    s = must(s, lt, { kind: "end" }, 1_005_000, sink);
    expect(s.status).toBe("ended");
    // one round row: the group that was reading its results, round 1, both members, the points they saw
    expect(sink.rounds.map((r) => [r.round, r.players.map((p) => p.participantId).sort()])).toEqual([[1, [a, b].sort()]]);
    const row = sink.rounds[0]!;
    const pa = s.participants.get(a!)!;
    expect(pa.history).toHaveLength(1);
    expect(pa.totalPayoff).toBeCloseTo(row.players.find((p) => p.participantId === a)!.record.payoff, 12);
    expect(JSON.stringify(shown)).toContain(String(row.players.find((p) => p.participantId === a)!.record.payoff));
    expect(sink.notes).toContain(`group ${row.groupId}: round 1 recorded (its results were on screen when the session ended)`);
    // the other group's round was still being decided: nothing of it is recorded, nobody there earned points
    for (const p of others) expect([s.participants.get(p)!.history.length, s.participants.get(p)!.totalPayoff]).toEqual([0, 0]);
    // everyone is on the final page, and it shows the recorded total
    expect(participantView(s, lt, a!, 1_006_000)!.done!.totalPoints).toBeCloseTo(pa.totalPayoff, 12);
  });

  it("ending during a decision step records nothing of that round", () => {
    const lt = load("fixed");
    const sink: DriveResult = { state: null as unknown as SessionState, rounds: [], notes: [] };
    let s = passIntro(newSession(lt).state, lt, 1_000_000);
    s = must(s, lt, invest("p1", 1), 1_001_000, sink);
    s = must(s, lt, { kind: "end" }, 1_002_000, sink);
    expect(sink.rounds).toEqual([]);
    expect(s.order.map((p) => s.participants.get(p)!.history.length)).toEqual(s.order.map(() => 0));
  });
});

const loadWith = (extra: Record<string, unknown>, groups: number) => {
  const params = { alpha: [10, 12], W: [[1, 0.5], [0.5, 1]], c: [1, 1.5], xMax: 5, rounds: 3, decisionSeconds: 60, resultsSeconds: null, timeoutDefault: "zero" };
  const r = loadTreatment({ name: "t", game: "ids-investment", groups, params, ...extra }, games);
  if (!r.ok) throw new Error(r.errors.join("\n"));
  return r.value;
};
const sinkOf = (): DriveResult => ({ state: null as unknown as SessionState, rounds: [], notes: [] });
/** Every member of `pids` invests, then (unless `read` is false) goes on from the results. */
function round(s: SessionState, lt: ReturnType<typeof loadWith>, pids: readonly string[], t: number, sink: DriveResult, read = true) {
  for (const p of pids) s = must(s, lt, invest(p, 1), t, sink);
  if (read) for (const p of pids) s = must(s, lt, { kind: "action", pid: p, clientActionId: `c-${++n}`, action: { type: "continue" } }, t + 1, sink);
  return s;
}

describe("after an early end, every view tells the same story", () => {
  it("ended during the last round's results: the group finished (every round played), paid and marked finished; only the survey is skipped", () => {
    const lt = loadWith({ survey: [{ id: "q", type: "number", prompt: "How many?", min: 0, max: 5 }] }, 1);
    const sink = sinkOf();
    let s = passIntro(newSession(lt).state, lt, 1_000_000);
    const members = s.groups.toArray()[0]!.members;
    s = round(s, lt, members, 1_001_000, sink);
    s = round(s, lt, members, 1_002_000, sink);
    s = round(s, lt, members, 1_003_000, sink, false); // round 3 of 3: results on screen
    s = must(s, lt, { kind: "end" }, 1_004_000, sink);
    expect(s.groups.toArray().map((g) => g.status)).toEqual(["finished"]);
    expect(paymentRows(s, lt).map((r) => [r.rounds, r.finished])).toEqual(members.map(() => [3, true]));
    expect(endCut(s, lt.rounds)).toBeNull();
  });

  it("fixed matching, one group played every round, one was cut reading round 2's results, one deciding round 2: the projector counts round 1, and round 3 is one group's", () => {
    const lt = loadWith({}, 3);
    const sink = sinkOf();
    let s = passIntro(newSession(lt).state, lt, 1_000_000);
    const [g1, g2, g3] = s.groups.toArray();
    for (const t of [1_001_000, 1_002_000, 1_003_000]) s = round(s, lt, g1!.members, t, sink);
    s = round(s, lt, [...g2!.members, ...g3!.members], 1_001_000, sink);
    s = round(s, lt, g2!.members, 1_002_000, sink, false);
    s = must(s, lt, invest(g3!.members[0]!, 1), 1_002_000, sink);
    s = must(s, lt, { kind: "end" }, 1_005_000, sink);
    expect(endCut(s, lt.rounds)).toEqual({ through: 1, latest: 3, done: 1, groups: 3 });
    const charts = sessionCharts(lt.game.id, { params: lt.params, rounds: sink.rounds.map(chartRoundOf) });
    const v = projectorView(s, lt, 1_006_000, "R", charts);
    expect(v.charts.find((c) => c.id === "ids-investment/investment")!.series[0]!.points.map((p) => p.x)).toEqual([1]);
    expect(v.charts.find((c) => c.id === "ids-investment/investment-histogram")!.title).toContain("(round 3: 1 of 3 groups played it before the session ended)");
  });

  it("one group finished every round, the other was cut in round 1: nothing of the room's rounds is complete, so no round is drawn", () => {
    const lt = loadWith({}, 2);
    const sink = sinkOf();
    let s = passIntro(newSession(lt).state, lt, 1_000_000);
    const [g1, g2] = s.groups.toArray();
    for (const t of [1_001_000, 1_002_000, 1_003_000]) s = round(s, lt, g1!.members, t, sink);
    s = must(s, lt, invest(g2!.members[0]!, 1), 1_002_000, sink);
    s = must(s, lt, { kind: "end" }, 1_004_000, sink);
    expect(endCut(s, lt.rounds)).toEqual({ through: 0, latest: 3, done: 1, groups: 2 });
  });

  it("dropout policy end during a round's results: that round counts, as when the session ends", () => {
    const lt = loadWith({ dropout: { policy: "end", graceSeconds: 10 } }, 1);
    const sink = sinkOf();
    let s = passIntro(newSession(lt).state, lt, 1_000_000);
    const members = s.groups.toArray()[0]!.members;
    s = round(s, lt, members, 1_001_000, sink, false);
    s = must(s, lt, { kind: "disconnect", pid: members[1]! }, 1_001_200, sink);
    s = must(s, lt, { kind: "tick" }, 1_020_000, sink);
    expect(s.groups.toArray().map((g) => g.status)).toEqual(["ended"]);
    expect(sink.rounds.map((r) => r.round)).toEqual([1]);
    expect(members.map((m) => s.participants.get(m)!.history.length)).toEqual([1, 1]);
  });
});
