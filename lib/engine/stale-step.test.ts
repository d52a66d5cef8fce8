/**
 * An action for a screen other than the one on show is refused as stale; the message calls the screen
 * "earlier" only when it was shown before (a round or phase still to come is "another" step), in English
 * and in German.
 */
import { describe, expect, it } from "vitest";
import { games } from "../games/registry";
import { translatorFor } from "../i18n/translate";
import { must, newSession, passIntro } from "../testing/drive";
import { reduce } from "./reduce";
import { loadTreatment } from "./treatment";
import { participantView } from "./views";
import type { SessionState } from "./state";

const lt = (() => {
  const params = { alpha: [10, 12], W: [[1, 0.5], [0.5, 1]], c: [1, 1.5], xMax: 5, rounds: 3, decisionSeconds: 60, resultsSeconds: 10 };
  const r = loadTreatment({ name: "t", game: "ids-investment", params }, games);
  if (!r.ok) throw new Error(r.errors.join("\n"));
  return r.value;
})();

const screen = (s: SessionState, pid: string) => {
  const play = participantView(s, lt, pid, 0)!.play!;
  return { round: play.round, phase: play.phase, phaseSeq: play.phaseSeq };
};
let n = 0;
const refusal = (s: SessionState, pid: string, at: { round: number; phase: string; phaseSeq: number }) => {
  const r = reduce(s, lt, { kind: "action", pid, clientActionId: `stale-${++n}`, action: { type: "invest", x: 1 }, at }, 1_000_500);
  if (r.ok) throw new Error("accepted");
  expect(r.error.code).toBe("action/stale_phase");
  return { en: r.error.message, de: translatorFor("de")(`refusals.${r.error.wording!.key}` as never, r.error.wording!.values as never) };
};

describe("stale screens", () => {
  it("a future round or a later phase is 'another' step; an earlier round is 'an earlier' one", () => {
    let s = passIntro(newSession(lt).state, lt, 1_000_000);
    const [a, b] = s.order as [string, string];
    const round1 = screen(s, a);
    for (const pid of [a, b]) s = must(s, lt, { kind: "action", pid, clientActionId: `r1-${pid}`, action: { type: "invest", x: 1 }, at: screen(s, pid) }, 1_000_100);
    for (const pid of [a, b]) s = must(s, lt, { kind: "action", pid, clientActionId: `c1-${pid}`, action: { type: "continue" }, at: screen(s, pid) }, 1_000_200);
    const now = screen(s, a);
    expect(now).toMatchObject({ round: 2, phase: "decide" });
    const another = {
      en: "This screen was for another step; the current one is shown now — nothing was recorded.",
      de: "Diese Anzeige gehörte zu einem anderen Schritt; jetzt wird der aktuelle Stand angezeigt – es wurde nichts gespeichert.",
    };
    expect(refusal(s, a, { ...now, round: 3 })).toEqual(another);
    expect(refusal(s, a, { ...now, phase: "results" })).toEqual(another);
    expect(refusal(s, a, { ...now, phaseSeq: now.phaseSeq + 1 })).toEqual(another);
    expect(refusal(s, a, round1)).toEqual({
      en: "This screen was for an earlier step; the current one is shown now — nothing was recorded.",
      de: "Diese Anzeige gehörte zu einem früheren Schritt; jetzt wird der aktuelle Stand angezeigt – es wurde nichts gespeichert.",
    });
  });
});
