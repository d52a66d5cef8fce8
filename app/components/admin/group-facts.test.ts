/** The group card's facts: a finished group says "finished", not its last step with "0 of 3" still to act. */
import { describe, expect, it } from "vitest";
import type { GroupStatus } from "@/lib/engine/state";
import { groupFacts, groupStatusText, monitorOrder } from "./group-facts";

const g = { round: 3, phaseLabel: "Results of the round", pendingCount: 0, members: ["a", "b", "c"] };
const text = (status: GroupStatus) => groupFacts({ ...g, status }, 3, "no limit").map((f) => `${f.label}: ${f.value}`);

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

  it("a group at the barrier (random matching) waits for the others: no timer, nobody to act", () => {
    expect(text("barrier")).toEqual(["Round: 3 of 3", "Phase: round over: waiting for the other groups to finish theirs"]);
    expect(groupStatusText({ status: "barrier", computeFailure: null })).toBe("waiting for other groups");
    expect(groupStatusText({ status: "playing", computeFailure: null })).toBe("playing");
    expect(groupStatusText({ status: "playing", computeFailure: null, gameCrash: { message: "boom", atMs: 0, attempts: 1, command: "tick" } })).toBe("game code failed");
  });

  it("orders the cards: groups in play first, then the rest, newest round first", () => {
    const gs: { id: string; status: GroupStatus; round: number }[] = [
      { id: "r1g1", status: "finished", round: 1 },
      { id: "r1g2", status: "finished", round: 1 },
      { id: "r2g1", status: "finished", round: 2 },
      { id: "r2g2", status: "ended", round: 2 },
      { id: "r3g1", status: "playing", round: 3 },
      { id: "r3g2", status: "barrier", round: 3 },
    ];
    expect(monitorOrder(gs).map((g) => g.id)).toEqual(["r3g1", "r3g2", "r2g1", "r2g2", "r1g1", "r1g2"]);
  });
});
