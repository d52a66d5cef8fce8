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

  it("checks range and decimals and says what to type", () => {
    expect(checkNumber("", { min: 0, max: 5 })).toEqual({ value: null, error: null });
    expect(checkNumber("2,5", { min: 0, max: 5 })).toEqual({ value: 2.5, error: null });
    expect(checkNumber("7", { min: 0, max: 5 }).error).toBe("Enter a number between 0 and 5.");
    expect(checkNumber("-1", { min: 0, max: 5 }).error).toMatch(/between 0 and 5 \(digits/);
    expect(checkNumber("-1", { min: -2, max: 5 }).value).toBe(-1);
    expect(checkNumber("1.25", { min: 0, max: 5, decimals: 1 }).error).toBe("Use at most 1 decimal.");
    expect(checkNumber("1.5", { min: 0, max: 5, decimals: 0 }).error).toBe("Enter a whole number.");
    expect(checkNumber("x", { min: 0, max: 5 }).value).toBeNull();
  });
});
