/**
 * What the final page and the play screen are told about how a seat's rounds came about (review A3–A5):
 * whether the seat finished (payments.csv `finished`), why play stopped early, how many rounds a bot
 * played and which points are paid, and why a bot made a round's choice.
 */
import { describe, expect, it } from "vitest";
import { games } from "../games/registry";
import { must, newSession, passIntro, runBots } from "../testing/drive";
import { paymentRows } from "../study/payments";
import { loadTreatment, type LoadedTreatment } from "./treatment";
import { participantView } from "./views";
import type { SessionState } from "./state";

const params = {
  alpha: [10, 10, 10],
  W: [
    [1, 0.4, 0.4],
    [0.4, 1, 0.4],
    [0.4, 0.4, 1],
  ],
  c: [1, 1, 1],
  xMax: 5,
  rounds: 3,
  decisionSeconds: 60,
  resultsSeconds: 10,
};

function load(over: Record<string, unknown> = {}): LoadedTreatment {
  const r = loadTreatment({ name: "t", game: "ids-investment", params, ...over }, games);
  if (!r.ok) throw new Error(r.errors.join("\n"));
  return r.value;
}

const invest = (pid: string, x: number) => ({ kind: "action" as const, pid, clientActionId: `${pid}-${x}-${Math.random()}`, action: { type: "invest", x } });
const roundOf = (s: SessionState) => s.groups.toArray()[0]!.round;
const payment = { showUpFee: 1.5, perPoint: 0.01, currency: "USD", payBotRounds: false };

/** Everyone invests in round 1 and the group goes on to round 2 (the clock runs the results step out). */
function playRoundOne(lt: LoadedTreatment): { s: SessionState; now: number } {
  let s = passIntro(newSession(lt).state, lt, 0);
  for (const pid of ["p1", "p2", "p3"]) s = must(s, lt, invest(pid, 1), 1_000);
  const run = runBots(s, lt, 1_000, { until: (x) => roundOf(x) === 2 });
  return { s: run.state, now: run.nowMs };
}

describe("the final page's facts", () => {
  it("a seat that played every round itself finished: nothing about bots or an early end", () => {
    const lt = load({ payment });
    const end = runBots(passIntro(newSession(lt).state, lt, 0), lt, 0);
    const done = participantView(end.state, lt, "p1", end.nowMs)!.done!;
    expect(done).toMatchObject({ finished: true, rounds: 3, roundsPlayed: 3, endedEarly: null, botRounds: 0, botByExperimenter: false });
    expect(done.paidPoints).toBeCloseTo(done.totalPoints, 9);
  });

  it("a bot seat's link (it leaked) shows no completion code or link to hand in; a person's seat does", () => {
    const lt = load({ payment, completionUrl: "https://app.prolific.com/submissions/complete?cc={code}", bots: { seats: ["myopic"] } });
    const end = runBots(passIntro(newSession(lt).state, lt, 0), lt, 0);
    const bot = [...end.state.participants.toArray()].find((p) => p.bot)!;
    const person = [...end.state.participants.toArray()].find((p) => !p.bot)!;
    expect(participantView(end.state, lt, bot.id, end.nowMs)!.done).toMatchObject({ completionCode: "", redirectUrl: null, botSeat: true });
    const mine = participantView(end.state, lt, person.id, end.nowMs)!.done!;
    expect(mine.botSeat).toBe(false);
    expect(mine.completionCode).toBe(person.completionCode);
    expect(mine.redirectUrl).toContain(encodeURIComponent(person.completionCode));
  });

  it("a dropout whose remaining rounds a bot played is not finished, and the page knows which points are paid (A3)", () => {
    const lt = load({ payment, dropout: { graceSeconds: 3, policy: "bot" } });
    let { s, now } = playRoundOne(lt);
    s = must(s, lt, { kind: "disconnect", pid: "p3" }, now);
    s = must(s, lt, { kind: "tick" }, now + 3_000);
    expect(s.participants.get("p3")!.replacedByBot).toBe(true);
    const end = runBots(s, lt, now + 3_000);
    // the person comes back after the end: the seat is theirs again, but a bot played its last rounds
    s = must(end.state, lt, { kind: "connect", pid: "p3" }, end.nowMs + 1);
    const done = participantView(s, lt, "p3", end.nowMs + 1)!.done!;
    const row = paymentRows(s, lt).find((r) => r.participant === "p3")!;
    expect(row).toMatchObject({ botRounds: 2, finished: false });
    expect(done).toMatchObject({ finished: false, roundsPlayed: 3, rounds: 3, endedEarly: null, botRounds: 2, botByExperimenter: false, botRoundsPaid: false });
    expect(done.paidPoints).toBeCloseTo(row.paidPoints, 9);
    expect(done.paidPoints).toBeCloseTo(s.participants.get("p3")!.history[0]!.payoff, 9);
    expect(done.totalPoints).not.toBeCloseTo(done.paidPoints, 3);
    expect(done.payout).toBe(row.payout);
  });

  it("the experimenter ends the session in round 2 of 3: the page says after which round (A4)", () => {
    const lt = load({ payment });
    const { s, now } = playRoundOne(lt);
    const ended = must(s, lt, { kind: "end" }, now + 1);
    for (const pid of ["p1", "p2", "p3"]) {
      const done = participantView(ended, lt, pid, now + 1)!.done!;
      expect(done).toMatchObject({ finished: false, endedEarly: "experimenter", roundsPlayed: 1, rounds: 3, endedBeforePlay: false, botRounds: 0 });
    }
    // ended in round 1, before any round was complete: still "ended by the experimenter", 0 rounds played
    const lt1 = load({ payment });
    const first = must(passIntro(newSession(lt1).state, lt1, 0), lt1, { kind: "end" }, 1);
    expect(participantView(first, lt1, "p1", 1)!.done).toMatchObject({ endedEarly: "experimenter", roundsPlayed: 0, endedBeforePlay: false });
  });

  it("ending the session while the last round's results are on screen: everyone finished", () => {
    const lt = load({ payment });
    let s = passIntro(newSession(lt).state, lt, 0);
    const run = runBots(s, lt, 0, { until: (x) => roundOf(x) === 3 && x.groups.toArray()[0]!.phase === "results" });
    s = must(run.state, lt, { kind: "end" }, run.nowMs + 1);
    expect(participantView(s, lt, "p1", run.nowMs + 1)!.done).toMatchObject({ finished: true, endedEarly: null, roundsPlayed: 3 });
  });

  it("a seat the experimenter replaced by a bot: the page says the experimenter did it", () => {
    const lt = load({ payment: { ...payment, payBotRounds: true } });
    let { s, now } = playRoundOne(lt);
    s = must(s, lt, { kind: "replaceWithBot", pid: "p3" }, now);
    const end = runBots(s, lt, now);
    const done = participantView(end.state, lt, "p3", end.nowMs)!.done!;
    expect(done).toMatchObject({ finished: false, botRounds: 2, botByExperimenter: true, botRoundsPaid: true, endedEarly: null });
    expect(done.paidPoints).toBeCloseTo(done.totalPoints, 9);
  });
});

describe("why a bot chose for a person this round (A5)", () => {
  it("the experimenter replaced a present participant: botReason experimenter, never 'while you were away'", () => {
    const lt = load();
    let s = passIntro(newSession(lt).state, lt, 0);
    s = must(s, lt, { kind: "replaceWithBot", pid: "p3" }, 1_000);
    s = must(s, lt, { ...invest("p3", 1.3), byBot: true }, 1_100);
    const play = participantView(s, lt, "p3", 1_200)!.play!;
    expect([play.botChose, play.botReason]).toEqual([true, "experimenter"]);
    expect(participantView(s, lt, "p1", 1_200)!.play!.botReason).toBeNull();
  });

  it("a dropout's bot: botReason dropout, also after the person is back in the same round", () => {
    const lt = load({ dropout: { graceSeconds: 3, policy: "bot" } });
    let s = passIntro(newSession(lt).state, lt, 0);
    s = must(s, lt, { kind: "disconnect", pid: "p3" }, 1_000);
    s = must(s, lt, { kind: "tick" }, 4_000);
    s = must(s, lt, { ...invest("p3", 0.5), byBot: true }, 4_100);
    s = must(s, lt, { kind: "connect", pid: "p3" }, 4_200);
    const play = participantView(s, lt, "p3", 4_300)!.play!;
    expect([play.botChose, play.botReason]).toEqual([true, "dropout"]);
    expect(participantView(s, lt, "p3", 4_300)!.botPlaying).toBe(false);
  });
});
