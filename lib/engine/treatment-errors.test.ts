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
      "params.rounds: Too small: expected number to be >=1",
      "params.types: probabilities must sum to 1 (they sum to 1.4)",
      "params.fixedTypes[1]: type 9 does not exist; use 1 to 2",
    ]);
  });

  it("a cross-field check never reasons from a value that did not parse", () => {
    // c[1] is not a number: the instance check reads c, so it reports nothing (no W message built on a bad c)
    const errors = errorsOf({ name: "x", game: "ids-investment", params: { alpha: [1, 2], W: [[1, 0]], c: [1, "a"] } });
    expect(errors).toEqual(["params.c[1]: Invalid input: expected number, received string"]);
  });

  it("unknown bot names are listed with the other errors, also when the treatment itself has errors", () => {
    const errors = errorsOf({ name: "", game: "ids-pivotal", params: { alpha: [1, 2], W: [[1, 0], [0, 1]], c: [1, 1] }, bots: { seats: ["nope"] }, dropout: { bot: "ghost" } });
    expect(fields(errors)).toEqual(expect.arrayContaining(["name", "bots.seats[0]", "dropout.bot"]));
    const valid = errorsOf({ name: "x", game: "ids-investment", params: { alpha: [1, 2], W: [[1, 0], [0, 1]], c: [1, 1], rounds: 0 }, bots: { seats: ["nope"] } });
    expect(fields(valid)).toEqual(["params.rounds", "bots.seats[0]"]);
  });
});
