/**
 * A latecomer who took over a seat filled with bots (join.takeOverBots) and was still reading the intro when
 * the session ended took no part: they have no row of their own in payments.csv or data-wide.csv (the seat is
 * its bot's again, its seat_holder counts them), and the codebook says so where it explains who took no part
 * (analyst review A7).
 */
import { describe, expect, it } from "vitest";
import { paymentRows } from "../../lib/study/payments";
import { must, newSession, passIntro } from "../../lib/testing/drive";
import { THREE_SEAT_PARAMS, threeSeatTreatment } from "../../lib/testing/three-seats";
import { PAYMENT_COLUMNS } from "./payments";
import { WIDE_PARTICIPANT_COLUMNS, wideSeatOf, wideTable } from "./wide";

const T0 = 1_000_000;

describe("a latecomer whose seat's game ended in the intro", () => {
  it("is in neither payments.csv nor data-wide.csv as a person; the codebook's left_before_play explains it", () => {
    const lt = threeSeatTreatment({ params: { ...THREE_SEAT_PARAMS, rounds: 3 } });
    let s = must(newSession(lt, "test", T0).state, lt, { kind: "claim", label: "Ann" }, T0);
    s = passIntro(s, lt, T0, ["p1"]);
    s = must(s, lt, { kind: "fillWithBots" }, T0 + 1);
    s = must(s, lt, { kind: "claim", label: "Bo" }, T0 + 2); // takes over p2 from its bot
    s = must(s, lt, { kind: "connect", pid: "p2" }, T0 + 3);
    s = must(s, lt, { kind: "end" }, T0 + 4);

    expect(paymentRows(s, lt).map((r) => r.label)).toEqual(["Ann"]);
    const wide = wideTable([], [], s.order.map((pid) => wideSeatOf(s.participants.get(pid)!)), { session: "s", treatment: "t", game: "g" });
    expect(wide.rows.find((r) => r.participant === "p2")).toMatchObject({ label: null, bot_seat: true, left_before_play: null, seat_holder: 2 });

    for (const columns of [PAYMENT_COLUMNS, WIDE_PARTICIPANT_COLUMNS]) {
      const text = columns.find((c) => c.name === "left_before_play")!.description;
      expect(text).toMatch(/latecomer who took over a seat filled with bots \(join\.takeOverBots\)/);
      expect(text).toMatch(/still in the intro when the seat's game or the session ended/);
      expect(text).toMatch(/seat_holder counts them/);
    }
  });
});
