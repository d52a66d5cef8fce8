/** The group card's facts: a finished group says "finished", not its last step with "0 of 3" still to act. */
import { describe, expect, it } from "vitest";
import { groupFacts } from "./group-facts";

const g = { round: 3, phaseLabel: "Results of the round", pendingCount: 0, members: ["a", "b", "c"] };
const text = (status: string) => groupFacts({ ...g, status }, 3, "no limit").map((f) => `${f.label}: ${f.value}`);

describe("group card facts", () => {
  it("a group in play: round, step, time left and who still has to act", () => {
    expect(text("playing")).toEqual(["Round: 3 of 3", "Phase: Results of the round", "Time left: no limit", "Still to act: 0 of 3"]);
  });

  it("a finished group: finished, without a step, timer or count", () => {
    expect(text("finished")).toEqual(["Round: 3 of 3", "Phase: finished"]);
  });

  it("an ended group: ended early", () => {
    expect(text("ended")).toEqual(["Round: 3 of 3", "Phase: ended early"]);
  });
});
