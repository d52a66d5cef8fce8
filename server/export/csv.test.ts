import { describe, expect, it } from "vitest";
import { csvCell, numberText, toCsv } from "./csv";

describe("numbers in the CSV files", () => {
  it("writes fractions without the noise of binary arithmetic", () => {
    expect(0.4 * 0.8).not.toBe(0.32);
    expect(numberText(0.4 * 0.8)).toBe("0.32");
    expect(numberText(1 - 0.9)).toBe("0.1");
    expect(numberText(3 * 1.1)).toBe("3.3");
    expect(csvCell(-0.30000000000000004)).toBe("-0.3");
  });

  it("keeps whole numbers exactly, also beyond 15 digits, and every value 15 digits can hold", () => {
    expect(numberText(1_733_491_200_123)).toBe("1733491200123");
    expect(numberText(2 ** 53)).toBe("9007199254740992");
    expect(numberText(123.456789012345)).toBe("123.456789012345");
    expect(numberText(1e-7)).toBe("1e-7");
    expect(numberText(-2.5)).toBe("-2.5");
    expect(numberText(Number.NaN)).toBe("");
    expect(numberText(Number.POSITIVE_INFINITY)).toBe("");
  });

  it("reads back within a relative 1e-14 of the value written, for random doubles", () => {
    for (let k = 0; k < 2000; k++) {
      const v = (Math.random() - 0.5) * 10 ** Math.floor(Math.random() * 12 - 6);
      const back = Number(numberText(v));
      expect(Math.abs(back - v)).toBeLessThanOrEqual(Math.abs(v) * 1e-14);
    }
  });

  it("a row of numbers", () => {
    expect(toCsv(["a", "b"], [{ a: 0.1 + 0.2, b: 7 }])).toBe("a,b\r\n0.3,7\r\n");
  });
});
