import { z } from "zod";
import { describe, expect, it } from "vitest";
import { formatZodError } from "./zod-format";
import { alongside, ALONGSIDE } from "./refine-alongside";

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
