/**
 * payments.csv: one row per person who took a seat (the monitor's payment table, as a file), and the
 * bonus file for a panel's bulk bonus (Prolific: "Bulk bonus payment" on the study's submissions page,
 * or the API's `csv_bonuses`): one `<participant id>,<amount>` line per person with a bonus.
 */
import type { ColumnDoc } from "../../lib/core/game";
import type { PaymentRow } from "../../lib/study/payments";
import { moneyText } from "../../lib/study/money";
import { BASE_COLUMNS, exportedSeat } from "./columns";
import { Decimal, toCsv } from "./csv";

const ROUNDING = "rounded to the cent half away from zero (2.675 → 2.68) and written with exactly two decimals";

export const PAYMENT_COLUMNS: ColumnDoc[] = [
  { name: "seat", type: "number", description: "Seat number, starting at 1 like data.csv: the number the monitor's payment table, the participant's screen (\"Seat 3\") and report.html show." },
  { name: "participant", type: "string", description: "Participant id, as in data.csv." },
  {
    name: "seat_holder",
    type: "number",
    description:
      "Which person of the seat the row is: 1 for the first person who held it, 2 for the next one after the seat was freed, and so on (data-wide.csv's and events.csv's seat_holder). " +
      "A seat whose person waited out the waiting room (left_before_play waited_out) goes to the next person, so one participant id can have two rows or more: each is one person, paid once.",
  },
  ...BASE_COLUMNS.filter((c) => c.name === "label" || c.name === "external_id" || c.name === "external_source"),
  { name: "completion_code", type: "string", description: "The completion code shown on the participant's final page (unique across sessions; a seat freed and taken again gets a new one). People who declined the consent or failed the quiz (left_before_play) were shown none." },
  { name: "points", type: "number", unit: "points", description: "Points of every round played for the seat, by the person or by a bot." },
  { name: "paid_points", type: "number", unit: "points", description: "Points that count for the payout: all points, or without the rounds a bot played for the person when the treatment's payment.payBotRounds is false." },
  { name: "bot_rounds", type: "number", description: "Rounds in which a bot made the choices for this seat: the person dropped out (offline past the grace period; a dropout who comes back plays again) or the experimenter replaced them. Their points count in paid_points only when payment.payBotRounds is true (the default)." },
  { name: "rounds", type: "number", description: "Rounds played for the seat (by the person or a bot)." },
  { name: "bonus", type: "number", unit: "currency", description: `The performance part of the payout: paid_points × the treatment's payment.perPoint (0 when that is negative: the show-up fee is guaranteed), without the show-up fee, ${ROUNDING}. The amount for a panel's bonus payment (bonus.csv).` },
  { name: "payout", type: "number", unit: "currency", description: `The whole payment: the treatment's payment.showUpFee + bonus, ${ROUNDING}, in the currency column's currency.` },
  { name: "currency", type: "string", description: "The treatment's payment.currency." },
  {
    name: "finished",
    type: "boolean",
    description:
      "TRUE when every round was played for the seat, the participant reached the final page, and the person (not a bot) held the seat when play ended: " +
      "a dropout whose remaining rounds a bot played to the end, or a seat the experimenter replaced by a bot, is FALSE (bot_rounds says how many rounds the bot played), " +
      "and stays FALSE if that person's browser reconnects only after play ended; a dropout who came back, or a person the experimenter gave the seat back to (Give back), is TRUE when they held the seat when play ended, even if a bot made some choices for them (also the last round's: bot_rounds counts them). " +
      "FALSE also when the session or group ended before every round was played (a round whose results were on screen when it ended counts as played), or the participant is not done. " +
      "(A bot pilot's payments.csv from mechlab simulate lists the bot seats: TRUE when the bot played every round and reached the final page.)",
  },
  {
    name: "left_before_play",
    type: "string",
    description:
      "Why the person had no game, if so: declined (\"I do not agree\" on the consent page), quiz_failed (every attempt intro.quizMaxAttempts allows was wrong), waited_out (no group within waitingRoom.maxMinutes); empty otherwise. " +
      "A person who declined or failed the quiz took no part: payout and bonus are 0.00 (their page showed no payment or completion code and asked people from an online panel to return the study; if your lab pays them a show-up fee, this column lists them). " +
      "A seat taken by room code or panel id is freed for the next person once such a person closes the page, and is then not listed: the event log (events.csv) keeps their decline or last quiz attempt and the freeSeat under the same participant id. " +
      "A person who waited out the waiting room gets the show-up fee and keeps their completion code (their final page shows it, also when reloaded); their seat goes back to the free seats at once, for the next person or a bot (Fill empty seats with bots), and this file keeps their row (same participant id and seat, their own seat_holder, label or panel id and completion code) before the seat's next person's. " +
      "A latecomer who took over a seat filled with bots (join.takeOverBots) and gave it back before playing — declined, failed the quiz or was still in the intro when the seat's game or the session ended (their page says they took no part and shows no completion code), or went away in the intro — is not listed: the seat is its bot's again (data-wide.csv's seat_holder counts them). events.csv keeps their claim and intro steps under the seat's participant id and seat_holder.",
  },
];

export function paymentsCsv(rows: readonly PaymentRow[]): string {
  return toCsv(
    PAYMENT_COLUMNS.map((c) => c.name),
    rows.map((r) => paymentCells(r)),
  );
}

/** One payments.csv row (also the study export's, after its session and treatment). */
export function paymentCells(r: PaymentRow) {
  return {
    seat: exportedSeat(r.seat),
    participant: r.participant,
    seat_holder: r.seatHolder,
    label: r.label,
    external_id: r.externalId,
    external_source: r.externalSource,
    completion_code: r.completionCode,
    points: r.points,
    paid_points: r.paidPoints,
    bot_rounds: r.botRounds,
    rounds: r.rounds,
    bonus: new Decimal(moneyText(r.bonus)),
    payout: new Decimal(moneyText(r.payout)),
    currency: r.currency,
    finished: r.finished,
    left_before_play: r.leftBeforePlay,
  };
}

/**
 * bonus.csv, for a panel's bulk bonus: one line `<panel participant id>,<bonus>` per person with a panel id
 * and a bonus above 0.00, the amount with two decimals in the treatment's currency, no header, lines ending in
 * \n (Prolific's bulk bonus box and its API's `csv_bonuses` take exactly these lines, in the study's currency:
 * `60ffe5c8371090c7041d43f8,4.25` pays £4.25 in a GBP study).
 * Panel ids are letters, digits and . _ @ - (lib/study/panel.ts), so they need no quoting; they are written
 * as they are (no formula guard), since the panel must read the id itself. Seats without a panel id (lab
 * links, room code) are not in it: pay them from payments.csv.
 */
export function bonusCsv(rows: readonly PaymentRow[]): string {
  return rows
    .filter((r) => r.externalId !== null && r.bonus > 0)
    .map((r) => `${r.externalId},${moneyText(r.bonus)}\n`)
    .join("");
}
