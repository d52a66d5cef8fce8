import { describe, expect, it } from "vitest";
import { checkNumber, parseDecimal } from "./number-input";

describe("reading typed numbers", () => {
  it("accepts a decimal point or a decimal comma, and nothing else", () => {
    expect(parseDecimal("2")).toBe(2);
    expect(parseDecimal(" 2.5 ")).toBe(2.5);
    expect(parseDecimal("2,5")).toBe(2.5);
    expect(parseDecimal(".5")).toBe(0.5);
    expect(parseDecimal("")).toBeNull();
    expect(parseDecimal(".")).toBeNull();
    expect(parseDecimal("abc")).toBeNull();
    expect(parseDecimal("-1")).toBeNull();
    expect(parseDecimal("-1", { allowNegative: true })).toBe(-1);
    expect(parseDecimal("1e3")).toBeNull();
    expect(parseDecimal("1,000.5")).toBeNull();
  });

  it("checks range and decimals and names the problem", () => {
    expect(checkNumber("", { min: 0, max: 5 })).toEqual({ value: null, problem: null });
    expect(checkNumber("2,5", { min: 0, max: 5 })).toEqual({ value: 2.5, problem: null });
    expect(checkNumber("7", { min: 0, max: 5 }).problem).toEqual({ kind: "outOfRange", min: 0, max: 5 });
    expect(checkNumber("-1", { min: 0, max: 5 }).problem).toEqual({ kind: "notANumber", min: 0, max: 5 });
    expect(checkNumber("-1", { min: -2, max: 5 }).value).toBe(-1);
    expect(checkNumber("1.25", { min: 0, max: 5, decimals: 1 }).problem).toEqual({ kind: "tooManyDecimals", decimals: 1 });
    expect(checkNumber("1,5", { min: 0, max: 5, decimals: 0 }).problem).toEqual({ kind: "notWhole" });
    expect(checkNumber("x", { min: 0, max: 5 }).value).toBeNull();
  });
});
