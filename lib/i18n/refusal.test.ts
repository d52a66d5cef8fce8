/**
 * Refusals carry their wording: the English sentence stays in `message` (logs, CLI), and the page shows
 * the catalogue message of the session's language.
 */
import { describe, expect, it } from "vitest";
import { games } from "../games/registry";
import { reduce } from "../engine/reduce";
import { loadTreatment } from "../engine/treatment";
import { participantView } from "../engine/views";
import { newSession, passIntro } from "../testing/drive";
import { translatorFor } from "./translate";

const load = (language: "en" | "de") => {
  const params = { alpha: [10, 12], W: [[1, 0.5], [0.5, 1]], c: [1, 1.5], xMax: 5, rounds: 1, decisionSeconds: 60, resultsSeconds: 10 };
  const r = loadTreatment({ name: "t", game: "ids-investment", params, language }, games);
  if (!r.ok) throw new Error(r.errors.join("\n"));
  return r.value;
};

const wordingText = (locale: "en" | "de", w: { key: string; values?: Record<string, string | number> } | undefined) =>
  translatorFor(locale)(`refusals.${w!.key}` as never, w!.values as never);

describe("refusals in the session's language", () => {
  it("an out-of-range investment: English message, German wording with a German number", () => {
    const lt = load("de");
    const s = passIntro(newSession(lt).state, lt, 1_000_000);
    const pid = s.order[0]!;
    const play = participantView(s, lt, pid, 1_000_000)!.play!;
    const r = reduce(s, lt, { kind: "action", pid, clientActionId: "a1", action: { type: "invest", x: 7 }, at: { round: play.round, phase: play.phase, phaseSeq: play.phaseSeq } }, 1_000_100);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toBe("Choose an investment between 0 and 5.");
    expect(r.error.field).toBe("x");
    expect(wordingText("de", r.error.wording)).toBe("Wählen Sie eine Investition zwischen 0 und 5.");
  });

  it("an answer for another step names the current step in the session's language", () => {
    const lt = load("de");
    const s = passIntro(newSession(lt).state, lt, 1_000_000);
    const pid = s.order[0]!;
    const r = reduce(s, lt, { kind: "action", pid, clientActionId: "a2", action: { type: "continue" } }, 1_000_100);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toContain('the current step is "Choose your investment"');
    expect(wordingText("de", r.error.wording)).toBe("Diese Wahl gehört zu einem anderen Schritt; der aktuelle Schritt ist „Wählen Sie Ihre Investition“. Ihre Anzeige wird aktualisiert.");
  });

  it("a taken label and a full session are worded for the join page", () => {
    const lt = load("en");
    const claim = (state: Parameters<typeof reduce>[0], label: string) => reduce(state, lt, { kind: "claim", label }, 0);
    const zoe = claim(newSession(lt).state, "Zoë");
    if (!zoe.ok) throw new Error(zoe.error.message);
    const taken = claim(zoe.state, "ZOË");
    expect(taken.ok).toBe(false);
    if (taken.ok) return;
    expect(taken.error.message).toMatch(/^The label "ZOË" is already taken/);
    expect(wordingText("de", taken.error.wording)).toMatch(/^Die Bezeichnung „ZOË“ ist in dieser Sitzung schon vergeben/);
    const bob = claim(zoe.state, "Bob");
    if (!bob.ok) throw new Error(bob.error.message);
    const full = claim(bob.state, "Eve");
    expect(full.ok).toBe(false);
    if (full.ok) return;
    expect(full.error.message).toMatch(/^This session is full: all 2 places are taken/);
    expect(wordingText("de", full.error.wording)).toMatch(/^Diese Sitzung ist voll: Alle 2 Plätze sind vergeben/);
  });
});
