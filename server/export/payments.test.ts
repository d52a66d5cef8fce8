/** payments.csv and the bonus file: money with two decimals, rounded half away from zero on decimal cents. */
import { describe, expect, it } from "vitest";
import type { PlayerRoundRecord } from "../../lib/core/game";
import type { ParticipantState, SessionState } from "../../lib/engine/state";
import type { LoadedTreatment } from "../../lib/engine/treatment";
import { paymentRows } from "../../lib/study/payments";
import { parseCsv } from "../testing/parse-csv";
import { bonusCsv, PAYMENT_COLUMNS, paymentsCsv } from "./payments";

/** A seat that played rounds with these payoffs (a bot made the choices of the rounds in `botRounds`). */
function seat(n: number, payoffs: number[], more: Partial<ParticipantState> = {}, botRounds: number[] = []): ParticipantState {
  return {
    id: `p${n + 1}`, seat: n, label: null, claimed: true, everConnected: true, bot: false, replacedByBot: false, botReason: null, botStrategy: null,
    stage: "done", introStep: "quiz", connected: true, offlineSinceMs: null, groupId: "g1", totalPayoff: 0, completionCode: `CODE000${n}`,
    history: payoffs.map((payoff, i) => ({ payoff, isBot: botRounds.includes(i) }) as unknown as PlayerRoundRecord),
    recentActionIds: [], quizAttempts: 1, ...more,
  };
}

function session(seats: ParticipantState[], payment: { showUpFee: number; perPoint: number; payBotRounds?: boolean }) {
  const s = { order: seats.map((p) => p.id), participants: new Map(seats.map((p) => [p.id, p])) } as unknown as SessionState;
  const lt = { rounds: 2, treatment: { payment: { currency: "GBP", payBotRounds: true, ...payment } } } as unknown as LoadedTreatment;
  return paymentRows(s, lt);
}

describe("payments.csv", () => {
  it("has a bonus column and writes bonus and payout with exactly two decimals, rounded half away from zero on decimal cents", () => {
    const rows = session(
      [
        seat(0, [3, 0.35], { external: { source: "prolific", id: "5f00aa", extra: {} } }), // 0.3 × 3.35 = 1.005 (1.0049999… in binary)
        seat(1, [-50, -3.5], { external: { source: "prolific", id: "5f00bb", extra: {} } }), // 0.3 × −53.5 = −16.05: no bonus, nothing taken away
        seat(2, [2, 2], { label: "Ann", everConnected: true }), // 1.20: "1.2" before
        seat(3, [0, 0], { external: { source: "prolific", id: "5f00dd", extra: {} } }), // no bonus
      ],
      { showUpFee: 1.5, perPoint: 0.3 },
    );
    const csv = paymentsCsv(rows);
    const header = csv.split("\r\n")[0]!.split(",");
    expect(header).toEqual(PAYMENT_COLUMNS.map((c) => c.name));
    expect(header.slice(-6)).toEqual(["rounds", "bonus", "payout", "currency", "finished", "left_before_play"]);
    const parsed = parseCsv(csv);
    expect(parsed.map((r) => [r.bonus, r.payout])).toEqual([
      ["1.01", "2.51"],
      ["0.00", "1.50"], // the show-up fee is guaranteed
      ["1.20", "2.70"],
      ["0.00", "1.50"],
    ]);
    expect(csv).toContain(",1.01,2.51,GBP,TRUE,\r\n");
    // payout − show-up fee is the bonus, to the cent
    for (const r of rows) expect(Math.round((r.payout - 1.5) * 100)).toBe(Math.round(r.bonus * 100));
  });

  it("lists a person who waited out and gave the seat back (fresh-clone review A6) before the seat's next person: each once, told apart by seat_holder", () => {
    const waited = { key: "panel:5f00aa", quizAttempts: 0, atMs: 1, waitedOut: { holder: 1, completionCode: "WAITED01", label: null, external: { source: "prolific", id: "5f00aa" } } };
    const rows = session([seat(0, [3, 1], { external: { source: "prolific", id: "5f00bb", extra: {} }, timesFreed: 1, formerPeople: [waited] })], { showUpFee: 1.5, perPoint: 0.5 });
    const parsed = parseCsv(paymentsCsv(rows));
    expect(parsed.map((r) => [r.participant, r.seat_holder, r.external_id, r.completion_code, r.rounds, r.bonus, r.payout, r.finished, r.left_before_play])).toEqual([
      ["p1", "1", "5f00aa", "WAITED01", "0", "0.00", "1.50", "FALSE", "waited_out"],
      ["p1", "2", "5f00bb", "CODE0000", "2", "2.00", "3.50", "TRUE", ""],
    ]);
    // the bonus file pays bonuses: the waited-out person has none (the panel pays the show-up fee as the study's reward)
    expect(bonusCsv(rows)).toBe("5f00bb,2.00\n");
  });

  it("2.675 rounds to 2.68 (binary floating point stores it as 2.67499…)", () => {
    const [r] = session([seat(0, [10.7, 0])], { showUpFee: 0, perPoint: 0.25 }); // 0.25 × 10.7 = 2.675 exactly in decimal
    expect((0.25 * 10.7).toFixed(2)).toBe("2.67");
    expect(parseCsv(paymentsCsv([r!]))[0]).toMatchObject({ bonus: "2.68", payout: "2.68" });
  });

  it("bonus.csv: panel id and bonus, two decimals, bonus > 0 only, people with a panel id only, no header", () => {
    const rows = session(
      [
        seat(0, [10, 0.5], { external: { source: "prolific", id: "60ffe5c8371090c7041d43f8", extra: {} } }),
        seat(1, [0, 0], { external: { source: "prolific", id: "60ffe5c8371090c7041d43f9", extra: {} } }), // no bonus
        seat(2, [-4, 0], { external: { source: "prolific", id: "60ffe5c8371090c7041d43fa", extra: {} } }), // negative: nothing to pay
        seat(3, [7, 1], { label: "=Lab seat" }), // no panel id
        seat(4, [9, 8], { external: { source: "prolific", id: "-5f00ee", extra: {} } }), // written as is: the panel reads the id
      ],
      { showUpFee: 2, perPoint: 0.1 },
    );
    expect(bonusCsv(rows)).toBe("60ffe5c8371090c7041d43f8,1.05\n-5f00ee,1.70\n");
    expect(bonusCsv([])).toBe("");
  });
});
