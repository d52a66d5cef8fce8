import { describe, expect, it } from "vitest";
import { games } from "../games/registry";
import { loadTreatment, type LoadedTreatment } from "../engine/treatment";
import { must, newSession, passIntro, runBots } from "../testing/drive";
import { launchCheck } from "./launch-check";
import { showUpFeeWarning } from "./money-check";
import { finishedSeat, paymentRows } from "./payments";

function load(payBotRounds: boolean): LoadedTreatment {
  const r = loadTreatment(
    {
      name: "t",
      game: "ids-investment",
      params: { alpha: [10, 10, 10], W: [[1, 0.4, 0.4], [0.4, 1, 0.4], [0.4, 0.4, 1]], c: [1, 1, 1], rounds: 2, decisionSeconds: 30, resultsSeconds: 5 },
      bots: { seats: ["myopic"] },
      dropout: { graceSeconds: 1, policy: "bot" },
      payment: { showUpFee: 3, perPoint: 0.05, currency: "EUR", payBotRounds },
    },
    games,
  );
  if (!r.ok) throw new Error(r.errors.join("\n"));
  return r.value;
}

/** p2 plays round 1 and drops out as round 2 starts (a bot plays round 2); p3 plays both rounds. */
function play(lt: LoadedTreatment) {
  const s = passIntro(newSession(lt).state, lt, 0, ["p2", "p3"]);
  const r1 = runBots(s, lt, 0, { until: (x) => x.groups.toArray()[0]!.round === 2 });
  return runBots(must(r1.state, lt, { kind: "disconnect", pid: "p2" }, r1.nowMs), lt, r1.nowMs).state;
}

describe("payments", () => {
  it("pays show-up fee plus points, counts bot rounds, and leaves out bot seats", () => {
    const paid = paymentRows(play(load(true)), load(true));
    expect(paid.map((r) => r.participant)).toEqual(["p2", "p3"]);
    const [p2, p3] = paid;
    expect(p2!.botRounds).toBe(1);
    expect(p3!.botRounds).toBe(0);
    expect(p2!.rounds).toBe(2);
    expect(p3!.payout).toBeCloseTo(3 + 0.05 * p3!.points, 2);
    expect(p2!.paidPoints).toBe(p2!.points);
    expect(p3!.bonus).toBeCloseTo(0.05 * p3!.points, 2);
    expect(p3!.payout).toBeCloseTo(3 + p3!.bonus, 9); // the bonus is the payout without the show-up fee
    expect(p2!.completionCode).toBe("code-p2");

    const unpaid = paymentRows(play(load(false)), load(false));
    const q2 = unpaid[0]!;
    expect(q2.paidPoints).toBeLessThan(q2.points);
    expect(q2.payout).toBeCloseTo(3 + 0.05 * q2.paidPoints, 2);
  });

  it("a show-up fee with a fraction of a cent is paid in whole cents, and the launch check warns of it (review A6)", () => {
    const withFee = (showUpFee: number) => {
      const r = loadTreatment(
        { name: "t", game: "ids-investment", params: { alpha: [10, 10], W: [[1, 0.4], [0.4, 1]], c: [1, 1], rounds: 1 }, payment: { showUpFee, perPoint: 0.005 } },
        games,
      );
      if (!r.ok) throw new Error(r.errors.join("\n"));
      return r.value;
    };
    const lt = withFee(2.675);
    const state = runBots(passIntro(newSession(lt).state, lt, 0), lt, 0).state;
    for (const row of paymentRows(state, lt)) {
      expect(Math.round(row.payout * 100 - row.bonus * 100)).toBe(268); // the fee as paid: 2.68
      expect(Number.isInteger(Math.round(row.payout * 100)) && Math.abs(row.payout * 100 - Math.round(row.payout * 100)) < 1e-9).toBe(true);
    }
    expect(showUpFeeWarning(lt)).toBe("The show-up fee 2.675 has a fraction of a cent: every payout is paid to the cent, with the fee counted as 2.68, so payout − 2.675 is not the bonus. Give the fee in whole cents (e.g. 2.68).");
    expect(launchCheck(lt).warnings).toContain(showUpFeeWarning(lt));
    for (const fee of [0, 3, 2.5, 2.67, 0.1 + 0.2, 1234567.89]) expect(showUpFeeWarning(withFee(fee)), String(fee)).toBeNull();
  });

  it("a negative points total pays no bonus: the show-up fee is guaranteed", () => {
    const r = loadTreatment(
      { name: "t", game: "ids-investment", params: { alpha: [10, 10], W: [[1, 0.4], [0.4, 1]], c: [1, 1], rounds: 1, endowment: 0, pointsScale: 10 }, payment: { showUpFee: 3, perPoint: 0.05 } },
      games,
    );
    if (!r.ok) throw new Error(r.errors.join("\n"));
    const lt = r.value;
    // nobody decides: the round times out (the deadlines pass) and everyone's cost exceeds the endowment of 0
    const state = runBots(passIntro(newSession(lt).state, lt, 0), lt, 0, { until: (x) => x.participants.every((p) => p.history.length === 1) }).state;
    const rows = paymentRows(state, lt);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.points).toBeLessThan(0); // cost with an endowment of 0
      expect([row.bonus, row.payout]).toEqual([0, 3]);
    }
  });

  it("finished: every round played and the person, not a bot, holds the seat at the end", () => {
    const lt = load(true);
    // p2 dropped out in round 2 and a bot played it to the end: not finished; p3 played every round
    const dropped = play(lt);
    const [p2, p3] = paymentRows(dropped, lt);
    expect(p2!.rounds).toBe(2);
    expect(p2!.finished).toBe(false);
    expect(p3!.finished).toBe(true);
    // ... and stays not finished when p2's browser reconnects after play ended (the seat comes back to them)
    const late = must(dropped, lt, { kind: "connect", pid: "p2" }, 200_000);
    expect(late.participants.get("p2")!.replacedByBot).toBe(false);
    expect(paymentRows(late, lt)[0]!.finished).toBe(false);

    // p2 drops out in round 1 (a bot plays it), comes back for round 2 and plays it: finished
    let s = passIntro(newSession(lt).state, lt, 0, ["p2", "p3"]);
    s = must(s, lt, { kind: "disconnect", pid: "p2" }, 0);
    const r1 = runBots(s, lt, 0, { until: (x) => x.groups.toArray()[0]!.round === 2 });
    expect(r1.state.participants.get("p2")!.history[0]!.isBot).toBe(true);
    s = must(r1.state, lt, { kind: "connect", pid: "p2" }, r1.nowMs);
    const back = runBots(s, lt, r1.nowMs).state;
    const q2 = paymentRows(back, lt)[0]!;
    expect([q2.botRounds, q2.rounds, q2.finished]).toEqual([1, 2, true]);

    // the experimenter replaced p3 by a bot before round 1: a bot holds the seat at the end
    let e = passIntro(newSession(lt).state, lt, 0, ["p2", "p3"]);
    e = must(e, lt, { kind: "replaceWithBot", pid: "p3" }, 0);
    const replaced = paymentRows(runBots(e, lt, 0).state, lt);
    expect(replaced.map((r) => [r.participant, r.rounds, r.finished])).toEqual([
      ["p2", 2, true],
      ["p3", 2, false],
    ]);
  });

  it("finished (fresh-clone review A8): the experimenter replaced a person in the last round and gave the seat back in it, after the bot chose: the person held the seat when play ended", () => {
    const lt = load(true);
    let s = passIntro(newSession(lt).state, lt, 0, ["p2", "p3"]);
    const r1 = runBots(s, lt, 0, { until: (x) => x.groups.toArray()[0]!.round === 2 });
    s = must(r1.state, lt, { kind: "replaceWithBot", pid: "p3" }, r1.nowMs);
    const chose = runBots(s, lt, r1.nowMs, { until: (x) => x.groups.toArray()[0]!.roundStats.p3?.bot === true });
    s = must(chose.state, lt, { kind: "giveBack", pid: "p3" }, chose.nowMs);
    const end = runBots(s, lt, chose.nowMs).state;
    const p3 = end.participants.get("p3")!;
    expect([p3.history.length, p3.history[1]!.isBot, p3.replacedByBot, p3.playEndedWith]).toEqual([2, true, false, "person"]);
    const row = paymentRows(end, lt).find((r) => r.participant === "p3")!;
    expect([row.botRounds, row.rounds, row.finished]).toEqual([1, 2, true]);
    // a snapshot stored before play's end was recorded keeps the rule of then: the last round a bot's, not finished
    const { playEndedWith: _, ...old } = p3;
    expect(finishedSeat(old, lt.rounds)).toBe(false);
    // the dropout whose browser came back only after play ended: a bot held the seat then (the documented FALSE)
    const dropped = play(lt);
    expect(dropped.participants.get("p2")!.playEndedWith).toBe("bot");
    expect(finishedSeat(must(dropped, lt, { kind: "connect", pid: "p2" }, 200_000).participants.get("p2")!, lt.rounds)).toBe(false);
  });

  it("bot seats are listed only when asked (bot pilots), finished when they played every round, every round paid", () => {
    const lt = load(false);
    const s = play(lt);
    expect(paymentRows(s, lt).map((r) => r.participant)).toEqual(["p2", "p3"]);
    const all = paymentRows(s, lt, { botSeats: true });
    expect(all.map((r) => r.participant)).toEqual(["p1", "p2", "p3"]);
    const bot = all[0]!;
    expect(bot.finished).toBe(true);
    expect(bot.botRounds).toBe(2);
    expect(bot.paidPoints).toBe(bot.points); // payBotRounds is about rounds a bot played for a person
    expect(finishedSeat({ ...s.participants.get("p1")!, stage: "playing" }, lt.rounds)).toBe(false);
  });
});
