import { afterEach, describe, expect, it } from "vitest";
import { exactInputText, fmt, fmtMoney, fmtPercent, inputText, setDisplayDecimals, setDisplayLocale } from "./format";
import { checkNumber, parseDecimal } from "../components/kit/number-input";
import { draftOf } from "../games/ids-externality/preview";

describe("numbers shown to participants", () => {
  afterEach(() => {
    setDisplayDecimals(null);
    setDisplayLocale("en");
  });

  it("a prefilled form field is rounded, never 0.6931471805599453", () => {
    expect(draftOf({ x: [Math.LN2, 1], pi: [0.1 + 0.2, 0] })).toEqual({ x: ["0.693", "1"], pi: ["0.3", "0"] });
  });

  it("the treatment's decimals cap every number on the page", () => {
    expect(fmt(Math.LN2, 3)).toBe("0.693");
    setDisplayDecimals(1);
    expect(fmt(Math.LN2, 3)).toBe("0.7");
    expect(inputText(Math.LN2)).toBe("0.7");
    expect(fmt(12.25, 0)).toBe("12");
    setDisplayDecimals(null);
    expect(fmt(Math.LN2, 2)).toBe("0.69");
  });

  it("German pages write a decimal comma, and what a German participant types is read back", () => {
    setDisplayLocale("de");
    expect(fmt(0.5)).toBe("0,5");
    expect(fmt(1234.5, 1)).toBe("1.234,5");
    expect(fmtMoney(12.5)).toBe("12,50");
    expect(fmtPercent(0.4)).toMatch(/^40\s%$/u);
    const prefilled = inputText(Math.LN2);
    expect(prefilled).toBe("0,693");
    expect(exactInputText(0.25)).toBe("0,25");
    expect(parseDecimal(prefilled)).toBe(0.693);
    expect(checkNumber("0,5", { min: 0, max: 1 }).value).toBe(0.5);
    expect(draftOf({ x: [Math.LN2], pi: [0.5] })).toEqual({ x: ["0,693"], pi: ["0,5"] });
    setDisplayLocale("en");
    expect(fmt(1234.5, 1)).toBe("1,234.5");
    expect(fmtMoney(12.5)).toBe("12.50");
    expect(fmtPercent(0.4)).toBe("40%");
  });
});
