/**
 * Money amounts to the cent, as people and panels read them: rounded half away from zero on the decimal
 * value (2.675 → 2.68, −2.675 → −2.68), written with exactly two decimals ("2.80"). Binary floating point
 * stores 2.675 as 2.67499999999999982…, and a product such as 53.5 × 0.05 comes out as 2.6750000000000003
 * or 2.6749999999999998; rounding the binary value (Math.round(x * 100) / 100, toFixed(2)) then goes
 * either way. Here the amount is first read as the decimal it stands for — its first 12 significant digits,
 * far more than any payout needs and far fewer than the 15–17 a double carries, so the noise of a few
 * sums and one product is gone — and that decimal is rounded to cents.
 */

/** Significant digits an amount is read with before it is rounded to cents. */
const SIGNIFICANT = 12;

/** Whole cents of `amount` (half away from zero on its decimal value). */
export function toCents(amount: number): number {
  if (!Number.isFinite(amount)) throw new RangeError(`not a money amount: ${amount}`);
  const negative = amount < 0;
  const a = Math.abs(amount);
  if (a < 1e-6) return 0; // toPrecision would switch to exponent notation; far below half a cent anyway
  if (a >= 1e12) return (negative ? -1 : 1) * Math.round(a * 100); // beyond any payout; exact enough
  const [whole, fraction = ""] = a.toPrecision(SIGNIFICANT).split(".");
  const digits = (fraction + "000").slice(0, 3);
  let cents = Number(whole) * 100 + Number(digits.slice(0, 2));
  if (Number(digits[2]) >= 5) cents += 1;
  return cents === 0 ? 0 : negative ? -cents : cents;
}

/** `amount` rounded to cents (as a number: 2.68). */
export function roundMoney(amount: number): number {
  return toCents(amount) / 100;
}

/** `amount` rounded to cents, with exactly two decimals: "2.80", "-0.05", "0.00". */
export function moneyText(amount: number): string {
  const cents = toCents(amount);
  const a = Math.abs(cents);
  return `${cents < 0 ? "-" : ""}${Math.floor(a / 100)}.${String(a % 100).padStart(2, "0")}`;
}

/** The sum of amounts already in cents (no binary drift from adding many of them). */
export function sumMoney(amounts: readonly number[]): number {
  return amounts.reduce((s, x) => s + toCents(x), 0) / 100;
}
