/**
 * What each person is paid: the rows of payments.csv and of the monitor's payment table.
 * Bonus = paid points × perPoint, where rounds a bot played for a human seat count only when the
 * treatment's `payment.payBotRounds` is true; payout = show-up fee + bonus. Both are rounded to cents
 * half away from zero on their decimal value (./money.ts), the bonus first, so payout − show-up fee is the
 * bonus exactly. Seats no person took (bot seats, seats the experimenter filled with bots) are not listed,
 * unless asked for (`mechlab simulate`'s bot pilots).
 */
import type { ParticipantState, SessionState } from "../engine/state";
import type { LoadedTreatment } from "../engine/treatment";
import type { FormerLeaver } from "./code-match";
import { waitedOutBefore } from "../engine/seat-memory";
import { roundMoney, toCents } from "./money";

export interface PaymentRow {
  participant: string;
  /** 0-based, as the session state keeps it (screens, the monitor's payment table and payments.csv show seat + 1). */
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
  /** The performance part: paidPoints × perPoint, rounded to cents (without the show-up fee). */
  bonus: number;
  /** Show-up fee + bonus, rounded to cents. */
  payout: number;
  currency: string;
  /** See `finishedSeat`. */
  finished: boolean;
  /** Why the person had no game: declined the consent, used up the quiz's attempts, waited out the waiting room (null: none of these). */
  leftBeforePlay: "declined" | "quiz_failed" | "waited_out" | null;
  /**
   * Which person of the seat this is (1 for the first; data-wide.csv's and events.csv's `seat_holder`): a seat
   * whose person waited out goes to the next person, and both are paid (`participant` is the seat's for both).
   */
  seatHolder: number;
}

/**
 * Panel ids (lower case) whose seat was freed after they declined the consent or used up the quiz's attempts
 * (lib/engine/seat-memory.ts): no longer in the payment rows, yet the code check must still say they took no
 * part when their panel reports them (e.g. with the study's own completion code).
 */
export function formerLeavers(s: SessionState): FormerLeaver[] {
  const out = new Map<string, "declined" | "quiz_failed">();
  for (const pid of s.order)
    for (const r of s.participants.get(pid)?.formerPeople ?? [])
      if (r.key?.startsWith("panel:") && r.left !== undefined) out.set(r.key.slice("panel:".length), LEFT_CODES[r.left]);
  return [...out].map(([id, left]) => ({ id, left }));
}

/** How the files write why a person took no part. */
const LEFT_CODES = { declined: "declined", quizFailed: "quiz_failed" } as const;

/** The left_before_play value of a seat (payments.csv, data-wide.csv). */
export function leftBeforePlayOf(p: Pick<ParticipantState, "leftBeforePlay" | "waitedOut">): PaymentRow["leftBeforePlay"] {
  if (p.leftBeforePlay !== undefined) return LEFT_CODES[p.leftBeforePlay];
  return p.waitedOut === true ? "waited_out" : null;
}

/**
 * Whether the seat counts as finished (payments.csv `finished`, which panel approvals rely on): every
 * round was played for it, it reached the final page, and the person — not a bot — held the seat when
 * play ended (`playEndedWith`, recorded as play ends). So a dropout whose remaining rounds a bot played to
 * the end, or a seat the experimenter replaced by a bot, is not finished, also when the dropout's browser
 * reconnects only after play ended (which clears `replacedByBot`); a dropout who came back, or a person the
 * experimenter gave the seat back to (**Give back**), is finished when they held the seat when play ended,
 * even if a bot made some of the choices (the last round's too: `bot_rounds` counts them). Snapshots stored
 * before `playEndedWith` was recorded: the seat's last round must not have been a bot's, as then. A bot seat
 * (from the start) is finished when it played every round and reached the final page.
 */
export function finishedSeat(p: ParticipantState, rounds: number): boolean {
  const played = p.stage === "done" && p.history.length >= rounds;
  if (p.bot) return played;
  if (!played || p.replacedByBot) return false;
  return p.playEndedWith !== undefined ? p.playEndedWith === "person" : p.history[p.history.length - 1]?.isBot !== true;
}

/**
 * What one seat is paid: the points that count (rounds a bot played for a person only when
 * `payment.payBotRounds`; a bot seat's all), the bonus (those points × perPoint, never below 0) and the
 * payout (show-up fee + bonus), both rounded to cents; nothing for a person who declined the consent or used up the
 * quiz's attempts (`leftBeforePlay`). The participant's final page can show the same payout with it.
 */
export function seatPay(p: ParticipantState, payment: LoadedTreatment["treatment"]["payment"]): { paidPoints: number; bonus: number; payout: number } {
  // declined the consent or used up the quiz's attempts: took no part, so nothing is due (their page showed no payment)
  if (p.leftBeforePlay !== undefined) return { paidPoints: 0, bonus: 0, payout: 0 };
  const paidPoints = p.history.reduce((a, h) => a + (h.isBot && !payment.payBotRounds && !p.bot ? 0 : h.payoff), 0);
  // a negative points total pays no bonus and takes nothing away: the show-up fee is guaranteed
  const bonus = Math.max(0, roundMoney(payment.perPoint * paidPoints));
  // in whole cents: the fee as it is paid (2.675 → 2.68, which the launch check warns of) plus the bonus
  return { paidPoints, bonus, payout: (toCents(payment.showUpFee) + toCents(bonus)) / 100 };
}

/** A person opened the seat's link, or took it by label or panel id (bots filling empty seats did not). */
export function humanTookSeat(p: ParticipantState): boolean {
  return p.everConnected === true || p.label !== null || p.external !== undefined;
}

/**
 * The payment row of a person who waited out the waiting room on seat `p` and gave the seat back
 * (lib/engine/seat-memory.ts): no rounds, the show-up fee, the completion code their final page showed.
 */
function waitedOutRow(p: ParticipantState, w: WaitedOutPersonRecord, lt: LoadedTreatment): PaymentRow {
  const pay = lt.treatment.payment;
  return {
    participant: p.id,
    seat: p.seat,
    label: w.label,
    externalId: w.external?.id ?? null,
    externalSource: w.external?.source ?? null,
    completionCode: w.completionCode,
    points: 0,
    paidPoints: 0,
    botRounds: 0,
    rounds: 0,
    bonus: 0,
    payout: toCents(pay.showUpFee) / 100,
    currency: pay.currency,
    finished: false,
    leftBeforePlay: "waited_out",
    seatHolder: w.holder,
  };
}
type WaitedOutPersonRecord = ReturnType<typeof waitedOutBefore>[number]["waitedOut"];

/**
 * The payment rows of a session, in seat order: every seat a person took, each seat's people who waited out
 * the waiting room and gave it back before its current person; with `botSeats`, also the seats bots played
 * from the start (what a bot pilot would pay: `mechlab simulate`).
 */
export function paymentRows(s: SessionState, lt: LoadedTreatment, opts: { botSeats?: boolean } = {}): PaymentRow[] {
  const pay = lt.treatment.payment;
  const rows: PaymentRow[] = [];
  for (const id of s.order) {
    const p = s.participants.get(id);
    if (!p) continue;
    for (const r of waitedOutBefore(p)) rows.push(waitedOutRow(p, r.waitedOut, lt));
    if (p.bot ? !opts.botSeats : !humanTookSeat(p)) continue;
    const botRounds = p.history.filter((h) => h.isBot).length;
    const points = p.history.reduce((a, h) => a + h.payoff, 0);
    const { paidPoints, bonus, payout } = seatPay(p, pay);
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
      bonus,
      payout,
      currency: pay.currency,
      finished: finishedSeat(p, lt.rounds),
      leftBeforePlay: leftBeforePlayOf(p),
      seatHolder: (p.timesFreed ?? 0) + 1,
    });
  }
  return rows;
}
