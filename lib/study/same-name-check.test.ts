/**
 * The launch check's warning when a new session would repeat an earlier session's name with other
 * parameters (the exports tell conditions apart by name only).
 */
import { describe, expect, it } from "vitest";
import { loadTreatment, type LoadedTreatment } from "../engine";
import { games } from "../games/registry";
import { sameNameWarning, type EarlierSession } from "./same-name-check";

const base = { name: "Baseline", game: "ids-investment", params: { alpha: [10, 10], W: [[1, 0.5], [0.5, 1]], c: [1, 1], xMax: 5, rounds: 2 } };

function load(t: unknown): LoadedTreatment {
  const lt = loadTreatment(t, games);
  if (!lt.ok) throw new Error(lt.errors.join("\n"));
  return lt.value;
}

const earlier = (code: string, t: unknown, day = "2026-12-01"): EarlierSession => ({ code, createdAt: new Date(`${day}T10:00:00Z`), treatmentJson: JSON.stringify(t) });

describe("same name, other parameters", () => {
  it("no warning for the same parameters, also when one spells out a default the other leaves out", () => {
    expect(sameNameWarning(load(base), [earlier("AAAA2222", base)], games)).toBeNull();
    const xMaxDefault = load(base).params as { xMax: number };
    const spelled = { ...base, params: { ...base.params, xMax: xMaxDefault.xMax } };
    expect(sameNameWarning(load(spelled), [earlier("AAAA2222", base)], games)).toBeNull();
    // other settings than the game's parameters (language, rounds' timing of the page, payment) are not a condition
    expect(sameNameWarning(load({ ...base, language: "de" }), [earlier("AAAA2222", base)], games)).toBeNull();
    expect(sameNameWarning(load(base), [], games)).toBeNull();
  });

  it("warns, naming the earlier session, when the parameters differ", () => {
    const other = { ...base, params: { ...base.params, alpha: [10, 20] } };
    const w = sameNameWarning(load(other), [earlier("AAAA2222", base)], games);
    expect(w).toBe(
      'Session AAAA2222 (2026-12-01) already uses the name "Baseline" for ids-investment with other parameters. ' +
        "Exports tell conditions apart by name (the treatment column, the study export's treatment list), so both would " +
        'count as one condition: give this one its own name, e.g. "Baseline 2".',
    );
  });

  it("names at most three sessions and counts the rest; skips those with the same parameters or that no longer load", () => {
    const other = { ...base, params: { ...base.params, c: [2, 2] } };
    const list = [
      earlier("AAAA2222", base, "2026-12-05"),
      earlier("BBBB3333", other, "2026-12-04"), // same as the new one: not a conflict
      earlier("CCCC4444", base, "2026-12-03"),
      earlier("DDDD5555", { ...base, game: "no-such-game" }, "2026-12-02"),
      { code: "EEEE6666", createdAt: new Date("2026-12-01T00:00:00Z"), treatmentJson: "{not json" },
      earlier("FFFF7777", base, "2026-11-30"),
      earlier("GGGG8888", base, "2026-11-29"),
    ];
    const w = sameNameWarning(load(other), list, games)!;
    expect(w).toMatch(/^Sessions AAAA2222 \(2026-12-05\), CCCC4444 \(2026-12-03\), FFFF7777 \(2026-11-30\) and 1 more already use the name "Baseline"/);
    expect(w).not.toMatch(/BBBB3333|DDDD5555|EEEE6666/);
  });
});
