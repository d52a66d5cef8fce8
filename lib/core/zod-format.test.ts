/**
 * zod's own English messages reach experimenters (treatment errors) and participants' API responses:
 * formatZodError words them in plain language and keeps every message the project wrote itself.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formatZodError } from "./zod-format";

const errors = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? [] : formatZodError(r.error);
};

describe("formatZodError in plain language", () => {
  it("a missing field is required, with an example to copy", () => {
    const Q = z.object({ lowLabel: z.string(), count: z.number(), items: z.array(z.number()), params: z.record(z.string(), z.unknown()), flag: z.boolean() });
    expect(errors(Q, {})).toEqual([
      'lowLabel: required, add it (e.g. "lowLabel": "Strongly disagree")',
      'count: required, add it (e.g. "count": 1)',
      'items: required, add it (e.g. "items": [ … ])',
      `params: required, add it (e.g. "params": { … } with the game's parameters)`,
      'flag: required, add it (e.g. "flag": true)',
    ]);
    expect(errors(z.array(z.object({ a: z.string() })), [{}])).toEqual(['[0].a: required, add it (e.g. "a": "…")']);
  });

  it("a value of the wrong type says what to write instead", () => {
    const S = z.object({ n: z.number(), k: z.number().int(), o: z.record(z.string(), z.number()), s: z.string(), l: z.array(z.string()) });
    expect(errors(S, { n: "1", k: 1.5, o: [1], s: 3, l: {} })).toEqual([
      "n: must be a number, not text",
      "k: must be a whole number (no decimals)",
      'o: must be an object like { "name": value, … }, not a list',
      's: must be text in quotes, like "…", not a number',
      "l: must be a list like [ … ], not an object",
    ]);
    expect(errors(z.object({ a: z.number() }), [1])).toEqual(['The input must be an object like { "name": value, … }, not a list']);
  });

  it("limits are written as at least / at most", () => {
    const S = z.object({
      groups: z.number().min(1).max(500),
      rate: z.number().positive().lt(1),
      name: z.string().min(1).max(3),
      list: z.array(z.number()).min(2).max(3),
      exact: z.array(z.number()).length(2),
    });
    expect(errors(S, { groups: 0, rate: 0, name: "", list: [1], exact: [1] })).toEqual([
      "groups: must be at least 1",
      "rate: must be above 0",
      "name: must not be empty: write some text",
      "list: must have at least 2 items",
      "exact: must have exactly 2 items",
    ]);
    expect(errors(S, { groups: 501, rate: 1, name: "abcd", list: [1, 2, 3, 4], exact: [1, 2] })).toEqual([
      "groups: must be at most 500",
      "rate: must be below 1",
      "name: use at most 3 characters",
      "list: must have at most 3 items",
    ]);
  });

  it("options, unknown keys and multiples", () => {
    expect(errors(z.object({ m: z.enum(["fixed", "random"]), one: z.literal("x"), step: z.number().multipleOf(5) }), { m: "some", one: "y", step: 3 })).toEqual([
      'm: use one of "fixed", "random"',
      'one: must be "x"',
      "step: must be a multiple of 5",
    ]);
    expect(errors(z.strictObject({ a: z.number() }), { a: 1, b: 2 })).toEqual(['unknown field "b": check the spelling, or remove it']);
  });

  it("keeps the project's own messages as they are", () => {
    const S = z.object({
      cis: z.number().min(1, "cis must be at least 1"),
      theta: z.number({ error: "theta must be a whole number" }),
      name: z.string().min(1, "give the treatment a name"),
    });
    expect(errors(S, { cis: 0, name: "" })).toEqual(["cis: cis must be at least 1", "theta: theta must be a whole number", "name: give the treatment a name"]);
    expect(errors(z.number().refine((x) => x > 2, "must be above 2"), 1)).toEqual(["must be above 2"]);
  });
});
