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

  it("writes the linear programs' solver noise (about 1e-12 of the value) as the value it approximates", () => {
    // a CIP menu's points and LP values as javascript-lp-solver returns them (fresh-clone analyst review)
    expect(numberText(225.999999999998)).toBe("226");
    expect(numberText(121.000000000001)).toBe("121");
    expect(numberText(5040.00000000007)).toBe("5040");
    expect(numberText(322.499999999931)).toBe("322.5");
    expect(numberText(900.999999999995)).toBe("901");
  });

  it("keeps whole numbers exactly, also beyond 15 digits, fractions to 12 significant digits, and those of 1e9 or more to 3 decimals (at most 15 digits)", () => {
    expect(numberText(1_733_491_200_123)).toBe("1733491200123");
    expect(numberText(2 ** 53)).toBe("9007199254740992");
    expect(numberText(123.456789012345)).toBe("123.456789012");
    expect(numberText(1_733_491_200_123.5)).toBe("1733491200123.5");
    expect(numberText(999_999_999_999.5)).toBe("999999999999.5");
    expect(numberText(1_234_567_890.12345)).toBe("1234567890.123");
    expect(numberText(1e-7)).toBe("1e-7");
    expect(numberText(-2.5)).toBe("-2.5");
    expect(numberText(Number.NaN)).toBe("");
    expect(numberText(Number.POSITIVE_INFINITY)).toBe("");
  });

  it("reads back within half a unit of the 12th significant digit of the value written, for random doubles", () => {
    for (let k = 0; k < 2000; k++) {
      const v = (Math.random() - 0.5) * 10 ** Math.floor(Math.random() * 12 - 6);
      const back = Number(numberText(v));
      expect(Math.abs(back - v)).toBeLessThanOrEqual(Math.abs(v) * 5e-12);
    }
  });

  it("a row of numbers", () => {
    expect(toCsv(["a", "b"], [{ a: 0.1 + 0.2, b: 7 }])).toBe("a,b\r\n0.3,7\r\n");
  });
});
