/**
 * A late answer to an earlier offer never lands on the re-offer: the action carries the phase instance
 * its screen showed, and the engine refuses any other one (the motivating case of the phase instance).
 */
import { describe, expect, it } from "vitest";
import { reduce, type SessionState } from "../../engine";
import { must, newSession } from "../../testing/drive";
import { accept, loadCip, passIntro, PER_CI_PARAMS, reject } from "./testing";

const groupOf = (s: SessionState) => s.groups.toArray()[0]!;
const instance = (s: SessionState) => {
  const g = groupOf(s);
  return { round: g.round, phase: g.phase, phaseSeq: g.phaseSeq };
};

describe("answers to a previous offer", () => {
  it("are refused on the re-offer with a clear message, nothing recorded; the answer to the re-offer counts", () => {
    const lt = loadCip({ ...PER_CI_PARAMS, requestOrder: "seat", fixedTypes: [1, 2, 3, 4], rounds: 1 });
    let s = passIntro(newSession(lt).state, lt, 0);
    const [, b, c, d] = groupOf(s).members as [string, string, string, string];
    const first = instance(s);
    s = must(s, lt, { ...accept(b, 2), at: first }, 1000);
    s = must(s, lt, { ...reject(c), at: first }, 2000);
    s = must(s, lt, { ...accept(d, 4), at: first }, 3000);
    const again = instance(s);
    expect(again).toEqual({ ...first, phaseSeq: first.phaseSeq + 1 }); // the menu is re-offered
    // b's browser still showed the first offer and sends an answer to it again (a new click)
    const late = reduce(s, lt, { ...accept(b, 3), at: first }, 3500);
    expect(late.ok).toBe(false);
    if (late.ok) return;
    expect(late.error.code).toBe("action/stale_phase");
    expect(late.error.message).toBe("This screen was for the previous offer; the current one is shown now — nothing was recorded.");
    expect(reduce(s, lt, { ...accept(b, 3), at: again }, 3600).ok).toBe(true);
  });
});
