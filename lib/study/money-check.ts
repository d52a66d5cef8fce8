/**
 * Money amounts a treatment gives that cannot be paid as written: a show-up fee with a fraction of a cent
 * (2.675) is paid rounded to the cent (2.68), so the payments file and the final page show a payout that is
 * not the fee as written plus the bonus.
 */
import type { LoadedTreatment } from "../engine/treatment";
import { moneyText, toCents } from "./money";

/** The launch check's warning for a show-up fee with a fraction of a cent, or null. */
export function showUpFeeWarning(lt: LoadedTreatment): string | null {
  const fee = lt.treatment.payment.showUpFee;
  if (Math.abs(toCents(fee) - fee * 100) < 1e-6 * Math.max(1, fee)) return null;
  return (
    `The show-up fee ${fee} has a fraction of a cent: every payout is paid to the cent, with the fee counted as ${moneyText(fee)}, ` +
    `so payout − ${fee} is not the bonus. Give the fee in whole cents (e.g. ${moneyText(fee)}).`
  );
}
