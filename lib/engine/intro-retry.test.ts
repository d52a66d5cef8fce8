/**
 * An intro step sent again after it was counted (its answer was lost: a dropped connection, or the
 * session changing process in a cluster) is a duplicate, not an error; a step that is not yet due is
 * still refused.
 */
import { describe, expect, it } from "vitest";
import { games } from "../games/registry";
import { must, newSession } from "../testing/drive";
import { loadTreatment } from "./treatment";
import { reduce } from "./reduce";

const lt = (() => {
  const r = loadTreatment(
    {
      name: "t",
      game: "ids-investment",
      params: { alpha: [10, 10], W: [[1, 0.3], [0.3, 1]], c: [1, 1], xMax: 5, rounds: 1, decisionSeconds: 60, resultsSeconds: 10 },
      intro: { quiz: [{ question: "2+2?", options: ["3", "4"], answer: 1 }] },
    },
    games,
  );
  if (!r.ok) throw new Error(r.errors.join("\n"));
  return r.value;
})();

describe("intro steps sent twice", () => {
  it("count once; a step not yet due is refused", () => {
    let s = newSession(lt).state;
    s = must(s, lt, { kind: "connect", pid: "p1" }, 10);
    s = must(s, lt, { kind: "consent", pid: "p1" }, 10);
    const again = reduce(s, lt, { kind: "consent", pid: "p1" }, 11);
    expect(again.ok && again.duplicate).toBe(true);
    if (again.ok) expect(again.state.participants.get("p1")!.introStep).toBe("instructions");
    s = must(s, lt, { kind: "instructions", pid: "p1" }, 12);
    for (const kind of ["consent", "instructions"] as const) {
      const r = reduce(s, lt, { kind, pid: "p1" }, 13);
      expect(r.ok && r.duplicate, kind).toBe(true);
    }
    const early = reduce(must(newSession(lt).state, lt, { kind: "connect", pid: "p1" }, 10), lt, { kind: "instructions", pid: "p1" }, 11);
    expect(!early.ok && early.error.code).toBe("intro/wrong_step");
  });
});
