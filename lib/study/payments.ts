/**
 * What each person is paid: the rows of payments.csv and of the monitor's payment table.
 * Payout = show-up fee + points × perPoint, where rounds a bot played for a human seat count only when
 * the treatment's `payment.payBotRounds` is true. Seats no person took (bot seats, seats the experimenter
 * filled with bots) are not listed.
 */
import type { ParticipantState, SessionState } from "../engine/state";
import type { LoadedTreatment } from "../engine/treatment";

export interface PaymentRow {
  participant: string;
  /** 0-based, like data.csv (screens show seat + 1). */
  seat: number;
  label: string | null;
  externalId: string | null;
  externalSource: string | null;
  completionCode: string;
  /** Points of every round played. */
  points: number;
  /** Points that count for the payout (without bot-played rounds when those are not paid). */
  paidPoints: number;
  /** Rounds in which a bot made the choices for this seat. */
  botRounds: number;
  rounds: number;
  payout: number;
  currency: string;
  /** Reached the final page after every round. */
  finished: boolean;
}

/** A person opened the seat's link, or took it by label or panel id (bots filling empty seats did not). */
export function humanTookSeat(p: ParticipantState): boolean {
  return p.everConnected === true || p.label !== null || p.external !== undefined;
}

const cents = (x: number) => Math.round(x * 100) / 100;

export function paymentRows(s: SessionState, lt: LoadedTreatment): PaymentRow[] {
  const pay = lt.treatment.payment;
  const rows: PaymentRow[] = [];
  for (const id of s.order) {
    const p = s.participants.get(id);
    if (!p || p.bot) continue;
    if (!humanTookSeat(p)) continue;
    const botRounds = p.history.filter((h) => h.isBot).length;
    const points = p.history.reduce((a, h) => a + h.payoff, 0);
    const paidPoints = p.history.reduce((a, h) => a + (h.isBot && !pay.payBotRounds ? 0 : h.payoff), 0);
    rows.push({
      participant: id,
      seat: p.seat,
      label: p.label,
      externalId: p.external?.id ?? null,
      externalSource: p.external?.source ?? null,
      completionCode: p.completionCode,
      points,
      paidPoints,
      botRounds,
      rounds: p.history.length,
      payout: cents(pay.showUpFee + pay.perPoint * paidPoints),
      currency: pay.currency,
      finished: p.stage === "done" && p.history.length >= lt.rounds,
    });
  }
  return rows;
}
