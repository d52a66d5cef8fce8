/** The question before "End phase now (all groups)" says which groups' step ends (instructor review C9). */
import { describe, expect, it } from "vitest";
import type { AdminView } from "@/lib/engine/views";
import { forceEndCounts, forceEndQuestion } from "./force-end-text";

const group = (status: AdminView["groups"][number]["status"], phaseKind: "decision" | "info") => ({ status, phaseKind }) as AdminView["groups"][number];

describe("the question before ending the phase in all groups", () => {
  it("counts the playing groups by step: deciding, or reading (computing and finished groups are neither)", () => {
    const groups = [group("playing", "info"), group("playing", "info"), group("playing", "decision"), group("computing", "info"), group("ended", "info"), group("barrier", "info")];
    expect(forceEndCounts(groups)).toEqual({ deciding: 1, reading: 2 });
  });

  it("while a group decides: ends the deciding groups' step and says the groups reading results read on", () => {
    const q = forceEndQuestion({ deciding: 1, reading: 4 });
    expect(q).toMatch(/^End the decision step of the 1 group deciding now\? Whoever has not decided yet gets the default choice, recorded as ended by you \(phase_ended_by = experimenter in the data; timed_out stays FALSE\)\./);
    expect(q).toContain("The 4 groups reading their results are not cut short: they read on until their results step ends by itself.");
    expect(q).not.toContain("simply moves on");
    expect(forceEndQuestion({ deciding: 2, reading: 1 })).toContain("The 1 group reading its results is not cut short: it reads on");
    expect(forceEndQuestion({ deciding: 3, reading: 0 })).not.toContain("reading");
  });

  it("when no group decides: ends the results steps, and says so", () => {
    expect(forceEndQuestion({ deciding: 0, reading: 3 })).toBe("No group is deciding. End the results step of the 3 groups reading their results now? They go on at once. This cannot be undone.");
    expect(forceEndQuestion({ deciding: 0, reading: 0 })).toMatch(/^No group is in a step that can be ended now/);
  });
});
