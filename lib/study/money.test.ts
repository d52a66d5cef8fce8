import { describe, expect, it } from "vitest";
import { moneyText, roundMoney, sumMoney, toCents } from "./money";

describe("money to the cent", () => {
  it("rounds half away from zero on the decimal value, whatever binary floating point stored", () => {
    // 2.675 is stored as 2.67499999999999982…: toFixed(2) says 2.67
    expect((2.675).toFixed(2)).toBe("2.67");
    expect(moneyText(2.675)).toBe("2.68");
    expect(moneyText(0.3 * 3.35)).toBe("1.01"); // 1.005 computed as 1.0049999…: Math.round(x * 100) / 100 gives 1
    expect(moneyText(1 + 0.1 * 10.05)).toBe("2.01"); // 2.005
    expect(moneyText(0.1 * 80.45)).toBe("8.05"); // 8.045
    expect(moneyText(0.05 * -53.5)).toBe("-2.68"); // away from zero, not towards +∞ like Math.round
    expect(moneyText(2.6749)).toBe("2.67");
    expect(roundMoney(2.675)).toBe(2.68);
    expect(toCents(-0.004)).toBe(0);
  });

  it("writes exactly two decimals", () => {
    expect(moneyText(2.8)).toBe("2.80");
    expect(moneyText(0)).toBe("0.00");
    expect(moneyText(-0.001)).toBe("0.00"); // no "-0.00"
    expect(moneyText(-0.05)).toBe("-0.05");
    expect(moneyText(1234567.891)).toBe("1234567.89");
    expect(moneyText(3)).toBe("3.00");
    expect(() => moneyText(Number.NaN)).toThrow(RangeError);
  });

  it("sums in cents", () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sumMoney([0.1, 0.2])).toBe(0.3);
    expect(moneyText(sumMoney(Array.from({ length: 1000 }, () => 0.01)))).toBe("10.00");
  });
});
