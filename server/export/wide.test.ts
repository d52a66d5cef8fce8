import { describe, expect, it } from "vitest";
import { longColumns, longRow, type LongRowInput } from "./columns";
import { wideTable } from "./wide";
import { games } from "../../lib/games/registry";

const row = (participantId: string, seat: number, round: number, x: number, payoff: number): LongRowInput => ({
  session: "s1", treatment: "T", game: "ids-investment@1", groupId: "g1", round, participantId, label: null, external: null, seat, role: "user",
  decision: { x }, outcome: { risk: 1 }, group: { mean_x: 2 }, decisionMs: 100, timedOut: false, endedBy: null, isBot: false,
  botReason: null, botStrategy: null, payoff, mechanism: "none@1",
});

describe("data-wide.csv", () => {
  it("has one row per seat with r1_, r2_ columns and the quiz attempts", () => {
    const rows = [row("a", 0, 1, 1, 10), row("b", 1, 1, 2, 20), row("a", 0, 2, 3, 30), row("b", 1, 2, 4, 40)].map(longRow);
    const cols = longColumns(games["ids-investment"], rows.flatMap((r) => Object.keys(r)));
    const seats = [
      { participant: "a", seat: 0, label: "Ann", external: { source: "prolific", id: "P1" }, quizAttempts: 2, stage: "done", botSeat: false },
      { participant: "b", seat: 1, label: null, external: null, quizAttempts: 1, stage: "done", botSeat: false },
      { participant: "c", seat: 2, label: null, external: null, quizAttempts: 0, stage: "new", botSeat: false },
    ];
    const w = wideTable(cols, rows, seats, { session: "s1", treatment: "T", game: "ids-investment@1" });
    expect(w.rows).toHaveLength(3);
    expect(w.columns).toContain("r1_decision_x");
    expect(w.columns).toContain("r2_payoff");
    expect(w.columns).not.toContain("r1_participant");
    expect(w.columns).not.toContain("r1_round");
    expect(new Set(w.columns).size).toBe(w.columns.length);
    const [a, , c] = w.rows;
    expect(a).toMatchObject({ participant: "a", label: "Ann", external_id: "P1", quiz_attempts: 2, r1_decision_x: 1, r2_decision_x: 3, r1_payoff: 10, r2_payoff: 30, total_points: 40 });
    expect(c).toMatchObject({ participant: "c", stage: "new", total_points: 0 });
    expect(c!.r1_payoff).toBeUndefined();
  });
});
