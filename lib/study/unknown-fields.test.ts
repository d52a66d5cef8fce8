import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadTreatment } from "../engine";
import { games } from "../games/registry";
import { z } from "zod";
import { launchCheck } from "./launch-check";
import { unknownFieldsOf } from "./unknown-fields";

const EXAMPLES = join(import.meta.dirname, "../../examples/treatments");
const base = { name: "t", game: "ids-investment", params: { alpha: [10, 10], W: [[1, 0.4], [0.4, 1]], c: [1, 1], rounds: 1 } };

const example = (f: string): Record<string, unknown> => JSON.parse(readFileSync(join(EXAMPLES, f), "utf8"));
const ignored = (w: string[]) => w.filter((x) => /so it is ignored/.test(x));

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

  it("a misspelt field inside payment, intro or dropout is a warning too (a show-up fee typo would pay everyone 0)", () => {
    const w = warnings({ ...base, payment: { showupFee: 3, perPoint: 0.01, currency: "EUR" }, intro: { instructions: "Read this.", quizz: [] }, dropout: { gracSeconds: 30 } });
    expect(ignored(w).sort()).toEqual([
      'dropout.gracSeconds: not a field of dropout, so it is ignored; did you mean "graceSeconds"?',
      'intro.quizz: not a field of intro, so it is ignored; did you mean "quiz"?',
      'payment.showupFee: not a field of payment, so it is ignored; did you mean "showUpFee"?',
    ]);
    // the same from the JSON text, and the other nested objects of a treatment
    const text = JSON.stringify({ ...base, leaderboard: { shwo: false }, panel: { parm: "id" }, bots: { delay: 100 } });
    expect(ignored(warnings(text)).sort()).toEqual([
      "bots.delay: not a field of bots, so it is ignored.",
      'leaderboard.shwo: not a field of leaderboard, so it is ignored; did you mean "show"?',
      'panel.parm: not a field of panel, so it is ignored; did you mean "param"?',
    ]);
  });

  it("checks inside arrays: quiz questions, survey questions by their type, and a choice's { value, label } options", () => {
    const w = warnings({
      ...base,
      intro: { quiz: [{ question: "Q?", options: ["a", "b"], answer: 0 }, { question: "Q2?", options: ["a", "b"], answer: 1, hnit: "look again" }] },
      survey: [
        { id: "courses", type: "number", prompt: "Courses?", min: 0, max: 50, decimls: 1 },
        { id: "gender", type: "choice", prompt: "Gender?", options: ["f", { value: "m", label: "male", lable: "Male" }] },
        // min belongs to number questions: in a text question it does nothing
        { id: "why", type: "text", prompt: "Why?", min: 3, maxLenght: 100 },
        { id: "fair", type: "likert", prompt: "Fair?", lowLabel: "no", highLabel: "yes", point: 7 },
      ],
    });
    expect(ignored(w).sort()).toEqual([
      'intro.quiz[1].hnit: not a field of intro.quiz[1], so it is ignored; did you mean "hint"?',
      'survey[0].decimls: not a field of survey[0], so it is ignored; did you mean "decimals"?',
      'survey[1].options[1].lable: not a field of survey[1].options[1], so it is ignored; did you mean "label"?',
      "survey[2].maxLenght: not a field of survey[2], so it is ignored; did you mean \"maxLength\"?",
      "survey[2].min: not a field of survey[2], so it is ignored.",
      'survey[3].point: not a field of survey[3], so it is ignored; did you mean "points"?',
    ]);
  });

  it("checks nested objects of a game's params (arrays of types, the report range)", () => {
    const cip = example("cip-contracts-menu-4.json") as { params: { types: Record<string, unknown>[] } };
    cip.params.types[0] = { ...cip.params.types[0], labl: "low" };
    expect(ignored(warnings(cip))).toEqual(['params.types[0].labl: not a field of params.types[0], so it is ignored; did you mean "label"?']);
    const piv = example("ids-pivotal-incomplete-3.json") as { params: Record<string, unknown> };
    piv.params.reportRange = { min: 0.5, mx: 2 };
    expect(ignored(warnings(piv))).toEqual(['params.reportRange.mx: not a field of params.reportRange, so it is ignored; did you mean "max"?']);
  });

  it("walks any zod schema: unions, tuples, records, wrappers, pipes; objects that refuse or keep extra fields are not reported", () => {
    const Item = z.object({ size: z.number() });
    const schema = z.object({
      maybe: z.object({ color: z.string() }).nullable().optional(),
      withDefault: z.object({ color: z.string().default("red") }).prefault({}),
      list: z.array(Item).default([]),
      pair: z.tuple([Item, z.object({ name: z.string() })], z.object({ more: z.boolean() })),
      byName: z.record(z.string(), Item),
      either: z.union([z.string(), z.object({ a: z.number() }), z.object({ b: z.number() })]),
      tagged: z.discriminatedUnion("kind", [z.object({ kind: z.literal("x"), x: z.number() }), z.object({ kind: z.literal("y"), y: z.number() })]),
      piped: z.object({ size: z.number() }).transform((o) => o.size),
      pre: z.preprocess((v) => v, z.object({ size: z.number() })),
      lazy: z.lazy(() => Item),
      strict: z.strictObject({ size: z.number() }),
      loose: z.looseObject({ size: z.number() }),
    });
    const raw = {
      maybe: { color: "blue", colour: "blue" },
      withDefault: { colr: "blue" },
      list: [{ size: 1 }, { size: 2, sise: 2 }],
      pair: [{ size: 1, x: 1 }, { name: "n", nme: "m" }, { more: true, mor: false }],
      byName: { first: { size: 1 }, second: { size: 2, siz: 2 } },
      either: { b: 2, other: 3 },
      tagged: { kind: "y", y: 1, xs: 2 },
      piped: { size: 1, sizes: 2 },
      pre: { size: 1, sizee: 2 },
      lazy: { size: 1, lazyExtra: 1 },
      strict: { size: 1 },
      loose: { size: 1, anything: true },
      topExtra: 1,
    };
    expect(schema.safeParse(raw).error?.issues).toBeUndefined();
    expect(unknownFieldsOf(schema, raw).sort()).toEqual([
      "byName.second.siz: not a field of byName.second, so it is ignored; did you mean \"size\"?",
      "either.other: not a field of either, so it is ignored.",
      "lazy.lazyExtra: not a field of lazy, so it is ignored.",
      "list[1].sise: not a field of list[1], so it is ignored; did you mean \"size\"?",
      "maybe.colour: not a field of maybe, so it is ignored; did you mean \"color\"?",
      "pair[0].x: not a field of pair[0], so it is ignored.",
      "pair[1].nme: not a field of pair[1], so it is ignored; did you mean \"name\"?",
      "pair[2].mor: not a field of pair[2], so it is ignored; did you mean \"more\"?",
      "piped.sizes: not a field of piped, so it is ignored; did you mean \"size\"?",
      "pre.sizee: not a field of pre, so it is ignored; did you mean \"size\"?",
      "tagged.xs: not a field of tagged, so it is ignored.",
      "topExtra: not a field of a treatment, so it is ignored.",
      "withDefault.colr: not a field of withDefault, so it is ignored; did you mean \"color\"?",
    ]);
    // a value the union's first object alternative takes is checked against that alternative only
    expect(unknownFieldsOf(schema, { ...raw, either: { a: 1, b: 2 } }).filter((x) => x.startsWith("either"))).toEqual(["either.b: not a field of either, so it is ignored."]);
  });
});
