/**
 * A treatment's problems are listed all at once (issue 9, item 5): structural errors, the games'
 * cross-field checks, the treatment's own checks and unknown bot names together, one message per field.
 */
import { describe, expect, it } from "vitest";
import { games } from "../games/registry";
import { loadTreatment } from "./treatment";

const errorsOf = (t: unknown) => {
  const r = loadTreatment(t, games);
  if (r.ok) throw new Error("expected errors");
  return r.errors;
};
const fields = (errors: readonly string[]) => errors.map((e) => e.slice(0, e.indexOf(": ")));

describe("every treatment error at once", () => {
  it("IDS: a W of the wrong size is reported with a bad round count, a quiz answer out of range and two redirect URLs", () => {
    const errors = errorsOf({
      name: "x",
      game: "ids-investment",
      groups: 0,
      params: { alpha: [1, 2, 3], W: [[1, 0], [0, 1]], c: [1, 1, 1], rounds: 0 },
      intro: { quiz: [{ question: "q", options: ["a", "b"], answer: 5 }] },
      completionUrl: "https://example.org/{code}",
      redirectUrl: "https://example.org/done",
    });
    expect(fields(errors)).toEqual(expect.arrayContaining(["groups", "redirectUrl", "intro.quiz[0].answer", "params.rounds", "params.W", "params.W[0]", "params.W[1]"]));
    expect(errors).toContain("params.W: W must have 3 rows (one per user), got 2");
  });

  it("SSG: payoff and target checks are listed next to a timer of the wrong type, one message per field", () => {
    const errors = errorsOf({
      name: "x",
      game: "ssg-defense",
      params: {
        mode: "coordinated",
        dictator: 7,
        attacker: { reward: [1, 2, 3], penalty: [5, 0, 1] },
        defenders: [
          { resources: 1, reward: [1, 2, 3], penalty: [0, 0, 0] },
          { resources: 1, reward: [1, 2, 3], penalty: [0, 0, 0] },
        ],
        rounds: 0,
        targets: ["a", "a", "b"],
        decisionSeconds: "soon",
      },
    });
    expect(fields(errors)).toEqual(["params.rounds", "params.decisionSeconds", "params.attacker.reward[0]", "params.targets", "params.dictator"]);
    expect(new Set(fields(errors)).size).toBe(errors.length);
  });

  it("CIP: probabilities and fixed types are checked next to a bad round count", () => {
    const errors = errorsOf({
      name: "x",
      game: "cip-contracts",
      params: {
        types: [
          { theta: 1, phi: 0, probability: 0.7, minResources: 1, rewardRate: 2 },
          { theta: 2, phi: 0, probability: 0.7, minResources: 5, rewardRate: 4 },
        ],
        evaluationRate: 2,
        paymentCost: 0.5,
        resources: 100,
        cis: 2,
        fixedTypes: [1, 9],
        rounds: 0,
      },
    });
    expect(errors).toEqual([
      "params.rounds: must be at least 1",
      "params.types: probabilities must sum to 1 (they sum to 1.4)",
      "params.fixedTypes[1]: type 9 does not exist; use 1 to 2",
    ]);
  });

  it("a cross-field check never reasons from a value that did not parse, and a bad field silences only the checks that read it", () => {
    // c[1] is not a number: the checks that read c (its size) report nothing; W's size does not depend on c
    const errors = errorsOf({ name: "x", game: "ids-investment", params: { alpha: [1, 2], W: [[1, 0]], c: [1, "a"] } });
    expect(errors).toEqual(["params.c[1]: must be a number, not text", "params.W: W must have 2 rows (one per user), got 1"]);
  });

  it("unknown bot names are listed with the other errors, also when the treatment itself has errors", () => {
    const errors = errorsOf({ name: "", game: "ids-pivotal", params: { alpha: [1, 2], W: [[1, 0], [0, 1]], c: [1, 1] }, bots: { seats: ["nope"] }, dropout: { bot: "ghost" } });
    expect(fields(errors)).toEqual(expect.arrayContaining(["name", "bots.seats[0]", "dropout.bot"]));
    const valid = errorsOf({ name: "x", game: "ids-investment", params: { alpha: [1, 2], W: [[1, 0], [0, 1]], c: [1, 1], rounds: 0 }, bots: { seats: ["nope"] } });
    expect(fields(valid)).toEqual(["params.rounds", "bots.seats[0]"]);
  });
});

const cipParams = (over: Record<string, unknown>) => ({
  types: [
    { theta: 1, phi: 0, probability: 0.5, minResources: 20, rewardRate: 2 },
    { theta: 2, phi: 0, probability: 0.25, minResources: 60, rewardRate: 4 },
    { theta: 3, phi: 0, probability: 0.25, minResources: 100, rewardRate: 6 },
    { theta: 4, phi: 0, probability: 0.25, minResources: 140, rewardRate: 8 },
  ],
  evaluationRate: 2,
  paymentCost: 0.5,
  resources: 650,
  cis: 4,
  ...over,
});

describe("Validate lists every problem of the parameters at once", () => {
  it("CIP: the probabilities' sum is checked although resources is wrong", () => {
    const errors = errorsOf({ name: "x", game: "cip-contracts", params: cipParams({ resources: -1 }) });
    expect(errors).toEqual(["params.resources: resources must be above 0", "params.types: probabilities must sum to 1 (they sum to 1.25)"]);
  });

  it("CIP: one cross-field finding does not hide another (probabilities, fixed types, beliefs, budget)", () => {
    const errors = errorsOf({
      name: "x",
      game: "cip-contracts",
      params: cipParams({ resources: -1, fixedTypes: [1, 2, 3, 9], ciProbabilities: [[1, 0, 0, 0]], integerResources: true, budget: "exact" }),
    });
    expect(fields(errors)).toEqual(["params.resources", "params.types", "params.ciProbabilities", "params.budget", "params.fixedTypes[3]"]);
  });
});

describe("a field of the wrong type hides no independent problem (every game)", () => {
  it("SSG: a text payoff next to a wrong target count and a join phase outside coordinated mode", () => {
    const errors = errorsOf({
      name: "x",
      game: "ssg-defense",
      params: {
        mode: "uncoordinated",
        joinPhase: true,
        targets: ["A", "B"],
        attacker: { reward: [9, 7, 6], penalty: [-3, -3, -2] },
        defenders: [
          { resources: 1, reward: ["x", 3, 1], penalty: [-9, -5, -1] },
          { resources: 1, reward: [1, 6, 3], penalty: [-1, -9, -5] },
        ],
      },
    });
    expect(errors).toEqual([
      "params.defenders[0].reward[0]: must be a number, not text",
      "params.targets: must name 3 targets, names 2",
      'params.joinPhase: a join phase exists only in mode "coordinated"',
    ]);
  });

  it("SSG: the game is not solved while a size is wrong (no NSE message built on a malformed game)", () => {
    const errors = errorsOf({
      name: "x",
      game: "ssg-defense",
      params: { mode: "uncoordinated", attacker: { reward: [9, 7], penalty: [-3, -3] }, defenders: [{ resources: 1, reward: [1, 2, 3], penalty: [0, 0, 0] }, { resources: 0, reward: [1, 2], penalty: [0, 0] }] },
    });
    expect(errors).toEqual(["params.defenders[0].reward: must have 2 entries (one per target, like attacker.reward), has 3", "params.defenders[0].penalty: must have 2 entries (one per target, like attacker.reward), has 3"]);
  });

  it("IDS investment: a text cost next to a short W row and a zero own effectiveness", () => {
    const errors = errorsOf({ name: "x", game: "ids-investment", params: { alpha: [1, 1, 1], W: [[1, 0, 0], [1, 2], [0, 0, 0]], c: ["x", 1, 1] } });
    expect(errors).toEqual(["params.c[0]: must be a number, not text", "params.W[1]: W[1] must have 3 entries, got 2", "params.W[2][2]: own effectiveness W[i][i] must be > 0 (else nobody protects themselves)"]);
  });

  it("IDS Externality: a text cost next to a short W row and a start price above the cap", () => {
    const W = [[1, 0.1, 0.1], [0.1, 1], [0.1, 0.1, 1]];
    const errors = errorsOf({ name: "x", game: "ids-externality", params: { alpha: [2, 2, 2], W, c: ["x", 0.5, 0.5], piMax: 1, piStart: 5 } });
    expect(errors).toEqual(["params.c[0]: must be a number, not text", "params.W[1]: W[1] must have 3 entries, got 2", "params.piStart: piStart must be ≤ piMax (1)"]);
  });

  it("IDS Pivotal: a text alpha next to a weight above the cap and a too large c", () => {
    const errors = errorsOf({ name: "x", game: "ids-pivotal", params: { alpha: ["y", 2], W: [[1, 50], [0.1, 1]], c: [1, 5000] } });
    expect(errors).toEqual(["params.alpha[0]: must be a number, not text", "params.W[0][1]: weights must be ≤ 10 (got 50); rescale the investment unit", "params.c[1]: c[1] must be ≤ 1000 (got 5000); rescale money units"]);
  });
});

describe("treatment errors in plain language", () => {
  const ids = { alpha: [1, 2], W: [[1, 0], [0, 1]], c: [1, 1] };

  it("a likert question without its labels says they are required, with an example", () => {
    const errors = errorsOf({ name: "x", game: "ids-investment", params: ids, survey: [{ id: "fair", type: "likert", prompt: "The rules were fair." }] });
    expect(errors).toEqual([
      'survey[0].lowLabel: required, add it (e.g. "lowLabel": "Strongly disagree")',
      'survey[0].highLabel: required, add it (e.g. "highLabel": "Strongly agree")',
    ]);
  });

  it("no zod jargon: too small, missing params, wrong types, unknown options", () => {
    expect(errorsOf({ name: "x", game: "ids-investment", params: ids, groups: 0, matching: "sometimes" })).toEqual([
      "groups: must be at least 1",
      'matching: use one of "fixed", "random"',
    ]);
    expect(errorsOf({ name: "only a name" })).toEqual([
      'game: required, add it (e.g. "game": "ids-investment")',
      `params: required, add it (e.g. "params": { … } with the game's parameters)`,
    ]);
    expect(errorsOf({ name: "x", game: "ids-investment", params: [1, 2] })).toEqual(['params: must be an object like { "name": value, … }, not a list']);
    const all = errorsOf({ name: "", game: "ids-investment", params: { ...ids, rounds: "three" }, payment: { showUpFee: -5, perPoint: "0.1" }, bots: { delayMs: 1e6 } });
    expect(all).toEqual([
      "name: give the treatment a name", // the project's own wording is kept
      "bots.delayMs: must be at most 60000",
      "payment.showUpFee: must be at least 0",
      "payment.perPoint: must be a number, not text",
      "params.rounds: must be a number, not text",
    ]);
    for (const e of all) expect(e).not.toMatch(/Invalid input|Too small|Too big|expected \w+, received|record/);
  });

});

describe("a treatment that is not JSON says where", () => {
  const jsonError = (text: string) => {
    const errors = errorsOf(text);
    expect(errors).toHaveLength(1);
    return errors[0]!;
  };

  it("a CSV file is named as not JSON at all", () => {
    expect(jsonError("name,game\nx,ids-investment\n")).toBe(
      'The treatment is not a JSON file: it should start with { but starts with "name,game" (line 1, column 1). Give the treatment\'s .json file (a spreadsheet or CSV export is not one).',
    );
  });

  it("an unexpected token without a position in the message still gets line and column", () => {
    // V8 words these "Unexpected token 'N', "…" is not valid JSON", with no position
    expect(jsonError('{\n  "name": "x",\n  "params": { "rounds": NaN }\n}')).toMatch(/^The treatment is not valid JSON at line 3, column 25: Unexpected token 'N'\. Look for/);
    expect(jsonError('{ "name": "x", "params": [1, , 2] }')).toMatch(/at line 1, column 30: Unexpected token ','\./);
    expect(jsonError('{ "a": tru }')).toMatch(/at line 1, column 11: Unexpected token ' '\./); // where "tru" stops being "true"
  });

  it("a text that ends too early and one with a position in the message", () => {
    expect(jsonError('{\n  "name": "x",\n  "params": {')).toBe("The treatment is not valid JSON: it ends too early (line 3, column 14). A closing }, ] or quote is missing.");
    expect(jsonError('{ "a": 1 } }')).toMatch(/at line 1, column 12: Unexpected non-whitespace character after the end of the JSON/);
    expect(jsonError('{ "a": 1, }')).toMatch(/at line 1, column 11: Expected double-quoted property name\. /);
    expect(jsonError("// my treatment\n{}")).toMatch(/at line 1, column 1: it starts with a comment, and JSON has no comments/);
  });
});
