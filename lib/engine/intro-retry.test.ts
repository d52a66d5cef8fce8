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

describe("quiz attempts", () => {
  it("a wrong answer is refused with its hint and still counted as an attempt; the right one after it makes 2", () => {
    let s = newSession(lt).state;
    for (const kind of ["connect", "consent", "instructions"] as const) s = must(s, lt, { kind, pid: "p1" }, 10);
    const wrong = reduce(s, lt, { kind: "quiz", pid: "p1", answers: [0] }, 11);
    expect(!wrong.ok && wrong.error.code).toBe("intro/wrong_answer");
    if (wrong.ok || !wrong.kept) throw new Error("a wrong answer must be kept as an attempt");
    expect(wrong.kept.version).toBe(s.version + 1);
    const p = wrong.kept.participants.get("p1")!;
    expect([p.quizAttempts, p.introStep, p.stage]).toEqual([1, "quiz", s.participants.get("p1")!.stage]);
    s = must(wrong.kept, lt, { kind: "quiz", pid: "p1", answers: [1] }, 12);
    expect(s.participants.get("p1")!.quizAttempts).toBe(2);
    expect(s.participants.get("p1")!.stage).not.toBe("intro");
  });
});
