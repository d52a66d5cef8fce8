/**
 * Issue 10 item 13: with othersFeedback "pooled" (the default) a defender never sees a coverage
 * number from which one other defender's allocation can be read; "combined" keeps the full feedback.
 */
import { describe, expect, it } from "vitest";
import { participantView } from "../../engine";
import { must, newSession } from "../../testing/drive";
import { othersPooled } from "./pooling";
import { act, load, start } from "./testing";
import type { SsgView } from "./views";

describe("othersPooled", () => {
  it("is false whenever a target is protected by exactly one other defender, or there is only one other", () => {
    expect(othersPooled([[0.5, 0.5], [1, 0]], 0)).toBe(false); // one other defender: its coverage is the aggregate
    expect(othersPooled([[0, 0], [0, 0]], 0)).toBe(false);
    expect(othersPooled([[1, 0], [0.5, 0.5], [0.5, 0.5]], 0)).toBe(true);
    expect(othersPooled([[1, 0], [1, 0], [0, 1]], 0)).toBe(false); // target 1 only by defender 2
    expect(othersPooled([[1, 0], [1, 0], [1, 0]], 0)).toBe(true); // target 1 by nobody, target 0 by two
  });
});

/** Two defenders, both allocating by hand; the view of defender 1 after round 1 and in round 2. */
function twoDefenderViews(othersFeedback?: "pooled" | "combined") {
  const lt = load({
    defenders: [
      { resources: 1, reward: [5, 4, 3], penalty: [-5, -4, -3] },
      { resources: 1, reward: [4, 5, 3], penalty: [-4, -5, -3] },
    ],
    targets: ["A", "B", "C"],
    attacker: { reward: [6, 5, 4], penalty: [-3, -3, -3] },
    mode: "uncoordinated",
    feedback: "coverage",
    ...(othersFeedback ? { othersFeedback } : {}),
  });
  let s = start(lt, newSession(lt, "pool").state);
  const [a, b] = s.order as [string, string];
  s = must(s, lt, act(a, { type: "allocate", coverage: [0.7, 0.3, 0] }), 1);
  s = must(s, lt, act(b, { type: "allocate", coverage: [0, 0.2, 0.8] }), 2);
  const resultsPlay = participantView(s, lt, b, 3)!.play!;
  const results = resultsPlay.game as SsgView;
  s = must(s, lt, act(a, { type: "continue" }), 4);
  s = must(s, lt, act(b, { type: "continue" }), 5);
  const nextPlay = participantView(s, lt, b, 6)!.play!;
  const next = nextPlay.game as SsgView;
  return { results, next, phases: [resultsPlay.phase, nextPlay.phase] };
}

describe("SSG feedback about the other defenders", () => {
  it("by default hides the combined coverage when it would reveal the one other defender's allocation", () => {
    const { results, next, phases } = twoDefenderViews();
    expect(phases).toEqual(["results", "decide"]);
    expect(results.results!.coverage).toBeNull();
    expect(results.results!.coverageWithheld).toBe(true); // the screen says why the number is missing
    expect(next.last.others).toBeNull();
    expect(next.last.own).toEqual([0, 0.2, 0.8]);
    expect(JSON.stringify({ results, next })).not.toContain("0.7");
  });

  it("shows it with othersFeedback combined (and then it is exactly the other's coverage)", () => {
    const { results, next } = twoDefenderViews("combined");
    expect(results.results!.coverage).not.toBeNull();
    expect(results.results!.coverageWithheld).toBe(false);
    expect(next.last.others).toEqual([0.7, 0.3, 0]);
  });
});
