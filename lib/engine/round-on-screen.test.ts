/**
 * The monitor's points while a round's results are on people's screens: the round is recorded only when
 * the group goes on, but the phone already counts its points, so the monitor shows them beside the
 * recorded total ("+x this round") — the same points the round is then recorded with.
 */
import { describe, expect, it } from "vitest";
import { games } from "../games/registry";
import { must, newSession, passIntro, type DriveResult } from "../testing/drive";
import { loadTreatment } from "./treatment";
import { adminView } from "./views";
import type { SessionState } from "./state";

const lt = (() => {
  const params = { alpha: [10, 12], W: [[1, 0.5], [0.5, 1]], c: [1, 1.5], xMax: 5, rounds: 2, decisionSeconds: 60, resultsSeconds: null, timeoutDefault: "zero" };
  const r = loadTreatment({ name: "t", game: "ids-investment", groups: 2, params }, games);
  if (!r.ok) throw new Error(r.errors.join("\n"));
  return r.value;
})();
let n = 0;
const act = (pid: string, action: Record<string, unknown>) => ({ kind: "action" as const, pid, clientActionId: `ros-${++n}`, action });
const row = (s: SessionState, pid: string, now: number) => adminView(s, lt, now).participants.find((p) => p.id === pid)!;

describe("the monitor's points of the round on screen", () => {
  it("is the round's points before it is recorded, the same it is recorded with, and nothing in other steps", () => {
    const sink: DriveResult = { state: null as unknown as SessionState, rounds: [], notes: [] };
    let s = passIntro(newSession(lt).state, lt, 1_000_000);
    const g = s.groups.toArray().find((x) => x.members.includes("p1"))!;
    const [a, b] = g.members as [string, string];
    const other = s.order.find((p) => !g.members.includes(p))!;
    s = must(s, lt, act(a, { type: "invest", x: 1 }), 1_001_000, sink);
    expect(row(s, a, 1_001_500).roundOnScreen).toBeNull(); // still deciding
    s = must(s, lt, act(b, { type: "invest", x: 2.5 }), 1_002_000, sink);
    const before = JSON.stringify(s);
    const [ra, rb] = [row(s, a, 1_003_000), row(s, b, 1_003_000)];
    expect(JSON.stringify(s)).toBe(before); // a view changes nothing (not even the group's random state)
    expect([ra.totalPoints, ra.rounds]).toEqual([0, 0]);
    expect(ra.roundOnScreen).not.toBeNull();
    expect(row(s, other, 1_003_000).roundOnScreen).toBeNull(); // the other group has not decided
    // a goes on, b still reads: the round is recorded when the whole group has gone on
    s = must(s, lt, act(a, { type: "continue" }), 1_004_000, sink);
    expect(row(s, a, 1_004_500).roundOnScreen).toBe(ra.roundOnScreen);
    s = must(s, lt, act(b, { type: "continue" }), 1_005_000, sink);
    const recorded = sink.rounds.find((r) => r.groupId === g.id)!;
    for (const [pid, shown] of [[a, ra], [b, rb]] as const) {
      const after = row(s, pid, 1_006_000);
      expect(after.totalPoints).toBeCloseTo(shown.roundOnScreen!, 12);
      expect(recorded.players.find((p) => p.participantId === pid)!.record.payoff).toBeCloseTo(shown.roundOnScreen!, 12);
      expect(after.roundOnScreen).toBeNull(); // round 2 is being decided
    }
    expect(ra.roundOnScreen).not.toBeCloseTo(rb.roundOnScreen!, 6); // different investments, different points
  });
});
