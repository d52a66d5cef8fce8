import { z } from "zod";
import { describe, expect, it } from "vitest";
import { formatZodError } from "./zod-format";
import { alongside, ALONGSIDE, independently, onceSound } from "./refine-alongside";

const Range = z
  .object({ min: z.number(), max: z.number(), label: z.string().min(1), note: z.string().optional() })
  .superRefine(
    alongside((p, ctx) => {
      if (p.min > p.max) ctx.addIssue({ code: "custom", path: ["max"], message: "max must be at least min" });
    }),
    ALONGSIDE,
  );
const errors = (v: unknown) => {
  const r = Range.safeParse(v);
  return r.success ? [] : formatZodError(r.error);
};

describe("alongside: cross-field checks next to other errors", () => {
  it("runs the check when only fields it does not read failed", () => {
    expect(errors({ min: 5, max: 1, label: "" })).toEqual(["label: must not be empty: write some text", "max: max must be at least min"]);
  });

  it("reports nothing from the check when a field it reads failed (no message from a value that did not parse)", () => {
    expect(errors({ min: "5", max: 1, label: "" })).toEqual(["min: must be a number, not text", "label: must not be empty: write some text"]);
  });

  it("drops a check that throws on partial input, and stays silent on an object-level failure", () => {
    const Throws = z
      .object({ a: z.number(), b: z.array(z.number()) })
      .superRefine(
        alongside((p) => {
          if (p.b.length > 100) throw new Error("never");
          throw new Error("cannot run");
        }),
        ALONGSIDE,
      );
    const r = Throws.safeParse({ a: "x", b: [] });
    expect(r.success ? [] : formatZodError(r.error)).toEqual(["a: must be a number, not text"]);
    const top = Range.safeParse([1, 2]);
    expect(top.success ? [] : formatZodError(top.error)).toEqual(['The input must be an object like { "name": value, … }, not a list']);
  });

  it("behaves like a plain superRefine on otherwise valid input", () => {
    expect(errors({ min: 5, max: 1, label: "x" })).toEqual(["max: max must be at least min"]);
    expect(Range.parse({ min: 1, max: 5, label: "x" })).toEqual({ min: 1, max: 5, label: "x" });
  });
});

describe("independently and onceSound: several checks, one deep check", () => {
  const solved: unknown[] = [];
  const Game = z
    .object({ a: z.array(z.number()), b: z.array(z.number()), mode: z.enum(["x", "y"]), n: z.number().int() })
    .superRefine(
      independently(
        (p, ctx) => void (p.a.length !== p.b.length && ctx.addIssue({ code: "custom", path: ["b"], message: "b must be as long as a" })),
        (p, ctx) => void (p.mode === "y" && p.n > 3 && ctx.addIssue({ code: "custom", path: ["n"], message: "mode y allows n up to 3" })),
      ),
      ALONGSIDE,
    )
    .superRefine(
      onceSound((p, ctx) => {
        solved.push(p.a);
        if (p.a.reduce((s, v) => s + v, 0) > 10) ctx.addIssue({ code: "custom", path: ["a"], message: "a sums above 10" });
      }),
      ALONGSIDE,
    );
  const errorsOf = (v: unknown) => {
    const r = Game.safeParse(v);
    return r.success ? [] : formatZodError(r.error);
  };

  it("a failed field silences only the checks that read it", () => {
    // one check reads a and b (b failed): dropped; the mode check reads neither: reported
    expect(errorsOf({ a: [1], b: ["x"], mode: "y", n: 5 })).toEqual(["b[0]: must be a number, not text", "n: mode y allows n up to 3"]);
  });

  it("each check's finding is reported next to the other's", () => {
    expect(errorsOf({ a: [1, 2], b: [1], mode: "y", n: 5 })).toEqual(["b: b must be as long as a", "n: mode y allows n up to 3"]);
  });

  it("the deep check runs only when no cross-field check found a problem", () => {
    solved.length = 0;
    expect(errorsOf({ a: [9, 9], b: [1], mode: "x", n: 1 })).toEqual(["b: b must be as long as a"]);
    expect(solved).toEqual([]);
    expect(errorsOf({ a: [9, 9], b: [1, 1], mode: "x", n: 1 })).toEqual(["a: a sums above 10"]);
    expect(solved).toEqual([[9, 9]]);
  });
});
