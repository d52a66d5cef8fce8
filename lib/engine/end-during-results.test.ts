/**
 * The experimenter ends the session while groups read a round's results: that round counts (people saw
 * its points), a round still being decided does not, and the data, the points and the final page agree.
 */
import { describe, expect, it } from "vitest";
import { games } from "../games/registry";
import { must, newSession, passIntro, type DriveResult } from "../testing/drive";
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
