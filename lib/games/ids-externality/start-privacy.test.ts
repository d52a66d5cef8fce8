/**
 * The round-1 prefill must not tell a participant the others' private costs (fresh-clone review B1): with
 * `start: "nash"` every proposal was prefilled with the unregulated Nash profile, computed from every c, and
 * user 1's c could be read off it. The default is now `zero`; `nash` stays possible with a launch-check warning.
 */
import { describe, expect, it } from "vitest";
import { participantView } from "../../engine";
import { newSession } from "../../testing/drive";
import { launchCheck } from "../../study/launch-check";
import { NASH_START_WARNING } from "../../study/theory/ids";
import { loadGame, passIntro } from "../ids-mechanisms-common/testing";

const ex4 = { alpha: [1, 1, 1, 1], W: Array.from({ length: 4 }, () => [1, 1, 1, 1]), c: [0.5, 1.2, 1.5, 2], xMax: 5, piMax: 5 };

/** What seat 2 sees in round 1 before anyone decided, for these params. */
function seat2Sees(params: Record<string, unknown>) {
  const lt = loadGame("ids-externality", params);
  const s = passIntro(newSession(lt, "start").state, lt, 1_000_000);
  const v = participantView(s, lt, "p2", 1_000_001)!;
  expect(v.play).toMatchObject({ round: 1 });
  const game = v.play!.game as Record<string, unknown>;
  // its own type is its own: compare everything else it is shown
  return JSON.stringify({ ...game, me: undefined });
}

describe("the Externality game's round-1 prefill", () => {
  it("by default shows nothing that changes with another user's private cost", () => {
    expect(seat2Sees(ex4)).toBe(seat2Sees({ ...ex4, c: [0.7, 1.2, 1.5, 2.3] }));
  });

  it('with "start": "nash" it would (the check above can fail), and the launch check warns; the default does not warn', () => {
    expect(seat2Sees({ ...ex4, start: "nash" })).not.toBe(seat2Sees({ ...ex4, start: "nash", c: [0.7, 1.2, 1.5, 2.3] }));
    expect(launchCheck(loadGame("ids-externality", { ...ex4, start: "nash" })).warnings).toContain(NASH_START_WARNING);
    expect(launchCheck(loadGame("ids-externality", ex4)).warnings).not.toContain(NASH_START_WARNING);
  });
});
