/**
 * payments.csv: one row per person who took a seat (the monitor's payment table, as a file).
 */
import type { ColumnDoc } from "../../lib/core/game";
import type { PaymentRow } from "../../lib/study/payments";
import { BASE_COLUMNS } from "./columns";
import { toCsv } from "./csv";

export const PAYMENT_COLUMNS: ColumnDoc[] = [
  { name: "seat", type: "number", description: "Seat number, 0-based like data.csv (the monitor shows seat + 1)." },
  { name: "participant", type: "string", description: "Participant id, as in data.csv." },
  ...BASE_COLUMNS.filter((c) => c.name === "label" || c.name === "external_id" || c.name === "external_source"),
  { name: "completion_code", type: "string", description: "The completion code shown on the participant's final page (unique across sessions)." },
  { name: "points", type: "number", unit: "points", description: "Points of every round played for the seat." },
  { name: "paid_points", type: "number", unit: "points", description: "Points that count for the payout: all points, or without the rounds a bot played when the treatment's payment.payBotRounds is false." },
  { name: "bot_rounds", type: "number", description: "Rounds in which a bot made the choices for this seat (dropout or experimenter replacement)." },
  { name: "rounds", type: "number", description: "Rounds played for the seat." },
  { name: "payout", type: "number", description: "show-up fee + paid_points × perPoint, rounded to cents, in the currency column's currency." },
  { name: "currency", type: "string", description: "The treatment's payment.currency." },
  { name: "finished", type: "boolean", description: "TRUE when the participant reached the final page after every round (FALSE when the session or group ended early, or they are not done)." },
];

export function paymentsCsv(rows: readonly PaymentRow[]): string {
  return toCsv(
    PAYMENT_COLUMNS.map((c) => c.name),
    rows.map((r) => ({
      seat: r.seat,
      participant: r.participant,
      label: r.label,
      external_id: r.externalId,
      external_source: r.externalSource,
      completion_code: r.completionCode,
      points: r.points,
      paid_points: r.paidPoints,
      bot_rounds: r.botRounds,
      rounds: r.rounds,
      payout: r.payout,
      currency: r.currency,
      finished: r.finished,
    })),
  );
}
