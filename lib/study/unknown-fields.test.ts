import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadTreatment } from "../engine";
import { games } from "../games/registry";
import { launchCheck } from "./launch-check";

const EXAMPLES = join(import.meta.dirname, "../../examples/treatments");
const base = { name: "t", game: "ids-investment", params: { alpha: [10, 10], W: [[1, 0.4], [0.4, 1]], c: [1, 1], rounds: 1 } };

function warnings(raw: unknown): string[] {
  const lt = loadTreatment(raw, games);
  if (!lt.ok) throw new Error(lt.errors.join("\n"));
  return launchCheck(lt.value, raw).warnings;
}

describe("fields nothing reads", () => {
  it("a misspelt treatment or params field is a warning naming the field probably meant; the setting is not silently lost", () => {
    const w = warnings({ ...base, surveys: [{ id: "age", type: "number", prompt: "Age?", min: 18, max: 99 }], Language: "de", params: { ...base.params, decisionSecond: 30 }, notes: "pilot" });
    expect(w).toEqual(
      expect.arrayContaining([
        'surveys: not a field of a treatment, so it is ignored; did you mean "survey"?',
        'Language: not a field of a treatment, so it is ignored; did you mean "language"?',
        'params.decisionSecond: not a field of this game\'s params, so it is ignored; did you mean "decisionSeconds"?',
        "notes: not a field of a treatment, so it is ignored.",
      ]),
    );
    // the same from the JSON text (mechlab check, the admin form)
    expect(warnings(JSON.stringify({ ...base, surveys: [] }))).toContain('surveys: not a field of a treatment, so it is ignored; did you mean "survey"?');
    expect(warnings(base).filter((x) => /ignored/.test(x))).toEqual([]);
  });

  it("no shipped example sets a field nothing reads", () => {
    for (const f of readdirSync(EXAMPLES).filter((n) => n.endsWith(".json"))) {
      const text = readFileSync(join(EXAMPLES, f), "utf8");
      expect(warnings(text).filter((x) => /so it is ignored/.test(x)), f).toEqual([]);
    }
  });
});
