import { describe, expect, it } from "vitest";
import { games } from "../games/registry";
import { must, newSession, passIntro, runBots } from "../testing/drive";
import { loadTreatment, type LoadedTreatment } from "./treatment";
import { reduce } from "./reduce";
import { participantView } from "./views";
import { paymentRows } from "../study/payments";
import { nextWakeMs } from "./admin";
import type { RoundRow, SessionState } from "./state";

const baseParams = {
  alpha: [11.111, 12.222, 13.333],
  W: [
    [1.01, 0.41, 0.42],
    [0.43, 1.02, 0.44],
    [0.45, 0.46, 1.03],
  ],
  c: [0.777, 0.888, 0.999],
  xMax: 5,
  rounds: 3,
  decisionSeconds: 60,
  resultsSeconds: 10,
};

function load(over: Record<string, unknown> = {}, params: Record<string, unknown> = {}): LoadedTreatment {
  const r = loadTreatment({ name: "t", game: "ids-investment", params: { ...baseParams, ...params }, ...over }, games);
  if (!r.ok) throw new Error(r.errors.join("\n"));
  return r.value;
}


const invest = (pid: string, x: number, id = `${pid}-${x}-${Math.random()}`) => ({ kind: "action" as const, pid, clientActionId: id, action: { type: "invest", x } });

describe("treatment validation", () => {
  it("names the wrong field", () => {
    const r = loadTreatment({ name: "t", game: "ids-investment", params: { ...baseParams, W: [[1, 0], [0, 1], [0, 1]] } }, games);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join("\n")).toMatch(/params\.W\[0\]: W\[0\] must have 3 entries/);
    const bad = loadTreatment({ name: "t", game: "nope", params: {} }, games);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0]).toMatch(/unknown game "nope"; use one of ids-investment/);
    const badJson = loadTreatment("{ not json", games);
    expect(badJson.ok).toBe(false);
    const quiz = loadTreatment({ name: "t", game: "ids-investment", params: baseParams, intro: { quiz: [{ question: "q", options: ["a", "b"], answer: 2 }] } }, games);
    expect(quiz.ok).toBe(false);
    if (!quiz.ok) expect(quiz.errors[0]).toMatch(/intro\.quiz\[0\]\.answer/);
  });
});

describe("a session played by bots", () => {
  it("runs every round to the end and records every player's round", () => {
    const lt = load({ groups: 2, bots: { seats: ["zero", "random", "myopic", "socialOptimum", "myopic", "random"] } });
    const { state } = newSession(lt, "seed-1");
    const end = runBots(state, lt, 1_000_000);
    expect(end.state.participants.every((p) => p.stage === "done")).toBe(true);
    expect(end.rounds).toHaveLength(2 * 3);
    for (const r of end.rounds) expect(r.players).toHaveLength(3);
    const zero = end.state.participants.toArray().find((p) => p.botStrategy === "zero")!;
    expect(zero.history.map((h) => h.decision.x)).toEqual([0, 0, 0]);
    for (const p of end.state.participants.toArray())
      expect(p.totalPayoff).toBeCloseTo(p.history.reduce((a, h) => a + h.payoff, 0), 9);
    expect(end.rounds.every((r) => r.players.every((p) => p.record.isBot))).toBe(true);
  });

  it("is reproducible from the seed", () => {
    const lt = load({ bots: { seats: ["random", "random", "random"] } });
    const a = runBots(newSession(lt, "same").state, lt, 5);
    const b = runBots(newSession(lt, "same").state, lt, 5);
    const c = runBots(newSession(lt, "other").state, lt, 5);
    const xs = (r: typeof a) => r.rounds.map((x) => x.players.map((p) => p.record.decision.x));
    expect(xs(a)).toEqual(xs(b));
    expect(xs(a)).not.toEqual(xs(c));
  });
});

describe("participants", () => {
  const quiz = { intro: { quiz: [{ question: "2+2?", options: ["3", "4"], answer: 1, hint: "Count again." }] } };

  it("must pass consent, instructions and the quiz before the group starts", () => {
    const lt = load(quiz);
    let s = newSession(lt).state;
    s = must(s, lt, { kind: "connect", pid: "p1" }, 10);
    const early = reduce(s, lt, { kind: "quiz", pid: "p1", answers: [1] }, 10);
    expect(early.ok).toBe(false);
    s = must(s, lt, { kind: "consent", pid: "p1" }, 10);
    s = must(s, lt, { kind: "instructions", pid: "p1" }, 10);
    const wrong = reduce(s, lt, { kind: "quiz", pid: "p1", answers: [0] }, 10);
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) {
      expect(wrong.error.code).toBe("intro/wrong_answer");
      expect(wrong.error.message).toMatch(/Count again/);
    }
    s = must(s, lt, { kind: "quiz", pid: "p1", answers: [1] }, 10);
    expect(s.participants.get("p1")!.stage).toBe("waiting");
    s = passIntro(s, lt, 20, ["p2"]);
    expect([...s.groups.keys()]).toHaveLength(0);
    s = passIntro(s, lt, 30, ["p3"]);
    expect(s.groups.toArray()).toHaveLength(1);
    expect(s.participants.get("p3")!.stage).toBe("playing");
  });

  it("sends the consent form and the quiz only while they are needed; the instructions stay for the play screen", () => {
    const lt = load({ intro: { consent: "A long consent form.", instructions: "How to play.", quiz: quiz.intro.quiz } });
    let s = newSession(lt).state;
    s = must(s, lt, { kind: "connect", pid: "p1" }, 10);
    const full = { consent: "A long consent form.", instructions: "How to play.", quiz: [{ question: "2+2?", options: ["3", "4"] }] };
    expect(participantView(s, lt, "p1", 10)!.intro).toEqual(full); // stage "new": the consent screen
    s = must(s, lt, { kind: "consent", pid: "p1" }, 10);
    s = must(s, lt, { kind: "instructions", pid: "p1" }, 10);
    expect(participantView(s, lt, "p1", 10)!.intro).toEqual(full); // the quiz
    s = must(s, lt, { kind: "quiz", pid: "p1", answers: [1] }, 10);
    const waiting = participantView(s, lt, "p1", 10)!;
    expect(waiting.stage).toBe("waiting");
    expect(waiting.intro).toEqual({ consent: "", instructions: "How to play.", quiz: [] });
    s = passIntro(s, lt, 20, ["p2", "p3"]);
    const playing = participantView(s, lt, "p1", 30)!;
    expect(playing.stage).toBe("playing");
    expect(playing.intro).toBe(waiting.intro); // one object for every later view (change detection by identity)
  });

  it("rejects bad actions with a message and leaves the state untouched; a retried submit counts once", () => {
    const lt = load();
    let s = passIntro(newSession(lt).state, lt, 0);
    const out = reduce(s, lt, invest("p1", 7), 100);
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.error.code).toBe("action/out_of_range");
      expect(out.error.message).toMatch(/between 0 and 5/);
    }
    const junk = reduce(s, lt, { kind: "action", pid: "p1", clientActionId: "x1234567", action: { type: "invest", x: "lots" } }, 100);
    expect(junk.ok).toBe(false);
    const wrongPhase = reduce(s, lt, { kind: "action", pid: "p1", clientActionId: "c1234567", action: { type: "continue" } }, 100);
    expect(wrongPhase.ok).toBe(false);
    const stranger = reduce(s, lt, invest("nobody", 1), 100);
    expect(stranger.ok).toBe(false);
    s = must(s, lt, invest("p1", 2, "same-id-1"), 100);
    const v = s.version;
    const again = reduce(s, lt, invest("p1", 2, "same-id-1"), 200);
    expect(again.ok && again.duplicate).toBe(true);
    expect(again.ok && again.state.version).toBe(v);
    const twice = reduce(s, lt, invest("p1", 3), 200);
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.error.code).toBe("action/already_submitted");
  });

  it("uses the default at the deadline and flags it timed out, with decision_ms for the others", () => {
    const lt = load({}, { timeoutDefault: "zero" });
    let s = passIntro(newSession(lt).state, lt, 0);
    s = must(s, lt, invest("p1", 1.5), 4_000);
    s = must(s, lt, invest("p2", 2.5), 9_000);
    expect(nextWakeMs(s, lt)).toBe(60_000);
    const r = reduce(s, lt, { kind: "tick" }, 60_000);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    s = r.state;
    const g = s.groups.toArray()[0]!;
    expect(g.phase).toBe("results");
    s = must(s, lt, { kind: "tick" }, 70_000);
    const recs = Object.fromEntries(s.participants.toArray().map((p) => [p.id, p.history[0]!]));
    expect(recs.p3!.timedOut).toBe(true);
    expect(recs.p3!.decision.x).toBe(0);
    expect(recs.p1!.timedOut).toBe(false);
    expect(recs.p1!.decisionMs).toBe(4_000);
    expect(recs.p2!.decisionMs).toBe(9_000);
    expect(s.groups.toArray()[0]!.round).toBe(2);
  });

  it("decision_ms leaves out the time the session was paused and the time the server was down", () => {
    const lt = load();
    let s = passIntro(newSession(lt).state, lt, 0);
    s = must(s, lt, invest("p1", 1), 4_000);
    s = must(s, lt, { kind: "pause" }, 5_000);
    s = must(s, lt, { kind: "resume" }, 65_000);
    s = must(s, lt, invest("p2", 1), 70_000); // 5 s before the pause + 5 s after
    s = must(s, lt, { kind: "outage", fromMs: 72_000 }, 172_000);
    s = must(s, lt, invest("p3", 1), 175_000); // 5 + 2 + 3 s of running clock
    expect(s.groups.toArray()[0]!.phase).toBe("results");
    s = must(s, lt, { kind: "tick" }, 400_000);
    const recs = Object.fromEntries(s.participants.toArray().map((p) => [p.id, p.history[0]!]));
    expect([recs.p1!.decisionMs, recs.p2!.decisionMs, recs.p3!.decisionMs]).toEqual([4_000, 10_000, 15_000]);
  });

  it("freezes the timer while paused and rejects decisions until resumed", () => {
    const lt = load();
    let s = passIntro(newSession(lt).state, lt, 0);
    s = must(s, lt, { kind: "pause" }, 20_000);
    const v = participantView(s, lt, "p1", 50_000)!;
    expect(v.play!.remainingMs).toBe(40_000);
    const r = reduce(s, lt, invest("p1", 1), 50_000);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe("session/paused");
    expect(nextWakeMs(s, lt)).toBeNull();
    s = must(s, lt, { kind: "resume" }, 100_000);
    expect(participantView(s, lt, "p1", 100_000)!.play!.remainingMs).toBe(40_000);
    expect(nextWakeMs(s, lt)).toBe(140_000);
  });

  it("lets a bot take a dropout's seat after the grace period, and gives it back on return", () => {
    const lt = load({ dropout: { graceSeconds: 30, policy: "bot", bot: "zero" } });
    let s = passIntro(newSession(lt).state, lt, 0);
    s = must(s, lt, { kind: "disconnect", pid: "p3" }, 1_000);
    expect(nextWakeMs(s, lt)).toBe(31_000);
    s = must(s, lt, { kind: "tick" }, 31_000);
    expect(s.participants.get("p3")!.replacedByBot).toBe(true);
    s = must(s, lt, invest("p1", 1), 32_000);
    s = must(s, lt, invest("p2", 1), 32_000);
    const run = runBots(s, lt, 32_000, { until: (x) => x.groups.toArray()[0]!.round === 2 });
    s = run.state;
    expect(s.participants.get("p3")!.history[0]!.isBot).toBe(true);
    expect(s.participants.get("p3")!.history[0]!.decision.x).toBe(0);
    expect(s.participants.get("p1")!.history[0]!.isBot).toBe(false);
    s = must(s, lt, { kind: "connect", pid: "p3" }, run.nowMs + 1);
    expect(s.participants.get("p3")!.replacedByBot).toBe(false);
    // a bot move scheduled before the person came back lands after: refused, the choice stays theirs
    const late = reduce(s, lt, { ...invest("p3", 0), byBot: true }, run.nowMs + 2);
    expect(late.ok).toBe(false);
    if (!late.ok) expect(late.error.message).toMatch(/plays this seat again/);
    const mine = reduce(s, lt, invest("p3", 2), run.nowMs + 2);
    expect(mine.ok).toBe(true);
  });

  it("the experimenter gives a replaced seat back: the person decides again, the bot's late move is refused", () => {
    const lt = load();
    let s = passIntro(newSession(lt).state, lt, 0);
    s = must(s, lt, { kind: "replaceWithBot", pid: "p3" }, 1_000);
    const refused = reduce(s, lt, invest("p3", 2), 1_500);
    expect(refused.ok).toBe(false);
    s = must(s, lt, { kind: "giveBack", pid: "p3" }, 2_000);
    expect([s.participants.get("p3")!.replacedByBot, s.participants.get("p3")!.botReason]).toEqual([false, null]);
    expect(reduce(s, lt, { ...invest("p3", 0), byBot: true }, 2_500).ok).toBe(false);
    expect(participantView(s, lt, "p3", 2_500)!.play!.botChose).toBe(false);
    expect(reduce(s, lt, invest("p3", 2), 2_500).ok).toBe(true);
    const again = reduce(s, lt, { kind: "giveBack", pid: "p3" }, 3_000);
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.message).toMatch(/plays their seat already/);
    // the bot decided before the seat came back: the person's screen says the bot chose, not "you chose"
    let t = must(passIntro(newSession(lt).state, lt, 0), lt, { kind: "replaceWithBot", pid: "p3" }, 1_000);
    t = must(t, lt, { ...invest("p3", 0.5), byBot: true }, 1_100);
    t = must(t, lt, { kind: "giveBack", pid: "p3" }, 1_200);
    expect(participantView(t, lt, "p3", 1_300)!.play!.botChose).toBe(true);
    expect(participantView(t, lt, "p1", 1_300)!.play!.botChose).toBe(false);
    // nobody to give back to: a seat nobody opened, or a person replaced before consent and instructions (the seat
    // was freed from them and is a bot seat: fresh-clone review A7)
    const lt2 = load({ groups: 2 });
    let u = passIntro(newSession(lt2).state, lt2, 0, ["p1", "p2", "p3"]);
    u = must(u, lt2, { kind: "connect", pid: "p4" }, 0); // on the consent page
    u = must(u, lt2, { kind: "replaceWithBot", pid: "p4", intro: true, completionCode: "c4" }, 1);
    u = must(u, lt2, { kind: "replaceWithBot", pid: "p5" }, 1); // never opened
    for (const [pid, why] of [["p4", /A bot plays this seat from the start/], ["p5", /Nobody ever opened this seat/]] as const) {
      const r = reduce(u, lt2, { kind: "giveBack", pid }, 2);
      expect(!r.ok && r.error.message).toMatch(why);
    }
    const filled = must(passIntro(newSession(load({ groups: 2 })).state, load({ groups: 2 }), 0, ["p1", "p2", "p3"]), load({ groups: 2 }), { kind: "fillWithBots" }, 0);
    const botSeat = reduce(filled, load({ groups: 2 }), { kind: "giveBack", pid: "p4" }, 0);
    expect(botSeat.ok).toBe(false);
  });

  it("waitingRoom.maxMinutes: who waited that long for a first group goes to the final page; a pause does not count", () => {
    const lt = load({ waitingRoom: { maxMinutes: 5 }, payment: { showUpFee: 2, perPoint: 0.1 } });
    let s = newSession(lt).state;
    for (const pid of ["p1", "p2"]) {
      s = must(s, lt, { kind: "connect", pid }, 0);
      s = must(s, lt, { kind: "consent", pid }, 0);
      s = must(s, lt, { kind: "instructions", pid }, pid === "p1" ? 1_000 : 61_000);
    }
    expect(participantView(s, lt, "p1", 1_000)!.waiting.maxMinutes).toBe(5);
    expect(nextWakeMs(s, lt)).toBe(301_000);
    s = must(s, lt, { kind: "pause" }, 100_000);
    s = must(s, lt, { kind: "resume" }, 160_000); // a minute of pause: p1 may wait until 361 s
    expect(nextWakeMs(s, lt)).toBe(361_000);
    s = must(s, lt, { kind: "tick" }, 361_000);
    const p1 = s.participants.get("p1")!;
    expect([p1.stage, p1.waitedOut, s.waiting]).toEqual(["done", true, ["p2"]]);
    const done = participantView(s, lt, "p1", 361_000)!.done!;
    expect([done.waitedOut, done.endedBeforePlay, done.payout]).toEqual([true, false, 2]);
    expect(s.participants.get("p2")!.stage).toBe("waiting");
    expect(nextWakeMs(s, lt)).toBe(421_000);
    // without the setting people wait until a group forms
    const open = load();
    let o = newSession(open).state;
    o = passIntro(o, open, 0, ["p1"]);
    expect(nextWakeMs(o, open)).toBeNull();
  });

  it("an outage after a deadline passed never moves the phase's start past its deadline", () => {
    const lt = load();
    let s = passIntro(newSession(lt).state, lt, 0);
    const deadline = s.groups.toArray()[0]!.deadlineMs!;
    s = must(s, lt, { kind: "outage", fromMs: deadline + 10_000 }, deadline + 240_000);
    const g = s.groups.toArray()[0]!;
    expect(g.deadlineMs).toBe(deadline); // passed before the crash: stays passed
    expect(g.phaseStartedMs).toBeLessThanOrEqual(deadline);
  });

  it("the final page shows the payout payments.csv has, also when bot-played rounds are not paid", () => {
    const lt = load({ payment: { showUpFee: 1.5, perPoint: 0.005, currency: "GBP", payBotRounds: false } });
    let s = passIntro(newSession(lt).state, lt, 0);
    for (const pid of ["p1", "p2", "p3"]) s = must(s, lt, { kind: "replaceWithBot", pid }, 1_000);
    s = runBots(s, lt, 1_000).state;
    const rows = paymentRows(s, lt);
    for (const pid of ["p1", "p2", "p3"]) {
      const done = participantView(s, lt, pid, 10_000_000)!.done!;
      expect(s.participants.get(pid)!.totalPayoff).toBeGreaterThan(0);
      expect(done.payout).toBe(rows.find((r) => r.participant === pid)!.payout);
      expect(done.payout).toBe(1.5); // every round was a bot's, and those are not paid
    }
  });

  it("a bot that only clicks on through a results screen made none of the round's choices (is_bot stays false)", () => {
    const lt = load();
    let s = passIntro(newSession(lt).state, lt, 0);
    for (const pid of ["p1", "p2", "p3"]) s = must(s, lt, invest(pid, 1), 1_000);
    expect(s.groups.toArray()[0]!.phase).toBe("results");
    s = must(s, lt, { kind: "replaceWithBot", pid: "p3" }, 2_000);
    for (const pid of ["p1", "p2"]) s = must(s, lt, { kind: "action", pid, clientActionId: `${pid}-next`, action: { type: "continue" } }, 3_000);
    s = must(s, lt, { kind: "action", pid: "p3", clientActionId: "bot-next", action: { type: "continue" }, byBot: true }, 3_000);
    expect(s.groups.toArray()[0]!.round).toBe(2);
    const rec = s.participants.get("p3")!.history[0]!;
    expect([rec.isBot, rec.decision.x]).toEqual([false, 1]);
  });

  it("ends the group when the policy says so", () => {
    const lt = load({ dropout: { graceSeconds: 10, policy: "end" } });
    let s = passIntro(newSession(lt).state, lt, 0);
    s = must(s, lt, { kind: "disconnect", pid: "p2" }, 0);
    s = must(s, lt, { kind: "tick" }, 10_000);
    expect(s.groups.toArray()[0]!.status).toBe("ended");
    expect(s.participants.every((p) => p.stage === "done")).toBe(true);
  });

  it("the experimenter can force the phase to end, replace a participant by a bot, fill seats and end", () => {
    const lt = load({ groups: 2 });
    let s = passIntro(newSession(lt).state, lt, 0, ["p1", "p2", "p3"]);
    s = must(s, lt, { kind: "forcePhaseEnd" }, 5_000);
    expect(s.groups.toArray()[0]!.phase).toBe("results");
    s = must(s, lt, { kind: "replaceWithBot", pid: "p1", strategy: "zero" }, 6_000);
    expect(s.participants.get("p1")!.botStrategy).toBe("zero");
    const dup = reduce(s, lt, { kind: "replaceWithBot", pid: "p1" }, 6_000);
    expect(dup.ok).toBe(false);
    s = must(s, lt, { kind: "fillWithBots", strategy: "random" }, 7_000);
    expect(s.groups.toArray()).toHaveLength(2);
    // seats nobody took are bot seats (bot_seat in the data), not people replaced by the experimenter
    const filled = ["p4", "p5", "p6"].map((id) => s.participants.get(id)!);
    expect(filled.map((p) => [p.bot, p.replacedByBot, p.botReason, p.botStrategy])).toEqual(filled.map(() => [true, false, null, "random"]));
    expect(s.participants.get("p1")!.botReason).toBe("experimenter");
    const played = runBots(s, lt, 7_500, { until: (x) => (x.participants.get("p4")?.history.length ?? 0) >= 1 });
    const how = new Map(played.rounds.flatMap((r: RoundRow) => r.players.map((pl) => [pl.participantId, pl.how.botReason] as const)));
    expect(["p4", "p5", "p6"].map((id) => how.get(id))).toEqual(["bot_seat", "bot_seat", "bot_seat"]);
    s = must(s, lt, { kind: "end" }, 8_000);
    expect(s.status).toBe("ended");
    expect(reduce(s, lt, invest("p2", 1), 9_000).ok).toBe(false);
  });

  it("the session ended before a participant's game started: the final page says so (not just \"you have finished\")", () => {
    const lt = load({ groups: 2 });
    let s = passIntro(newSession(lt).state, lt, 0, ["p1", "p2", "p3"]); // group 1 plays
    s = passIntro(s, lt, 1_000, ["p4"]); // p4 in the waiting room
    s = must(s, lt, invest("p1", 1), 2_000);
    s = must(s, lt, { kind: "end" }, 3_000);
    // a seat nobody took stays "new" (nobody finished it) until its link is opened, after the end
    expect(s.participants.get("p6")!.stage).toBe("new");
    s = must(s, lt, { kind: "connect", pid: "p6" }, 3_500);
    const done = (pid: string) => participantView(s, lt, pid, 4_000)!.done!;
    expect(done("p4").endedBeforePlay).toBe(true);
    expect(done("p6").endedBeforePlay).toBe(true); // came only after the end
    expect(done("p1").endedBeforePlay).toBe(false); // their game had started
    expect(done("p2").endedBeforePlay).toBe(false);
  });

  it("a finished game is not ended before play", () => {
    const lt = load({ bots: { seats: ["zero", "zero", "zero"], delayMs: 0 } }, { rounds: 1 });
    const end = runBots(newSession(lt).state, lt, 0);
    expect(participantView(end.state, lt, "p1", end.nowMs)!.done!.endedBeforePlay).toBe(false);
  });

  it("room-code labels claim a free seat once; the same label again is refused (no seat handover)", () => {
    const lt = load();
    let s = newSession(lt).state;
    const a = reduce(s, lt, { kind: "claim", label: "Alice" }, 0);
    expect(a.ok && a.pid).toBe("p1");
    s = a.ok ? a.state : s;
    const again = reduce(s, lt, { kind: "claim", label: "alice " }, 0);
    expect(!again.ok && again.error.code).toBe("session/label_taken");
    const bad = reduce(s, lt, { kind: "claim", label: "<script>" }, 0);
    expect(bad.ok).toBe(false);
    for (const l of ["B", "C"]) {
      const r = reduce(s, lt, { kind: "claim", label: l }, 0);
      if (r.ok) s = r.state;
    }
    const full = reduce(s, lt, { kind: "claim", label: "D" }, 0);
    expect(full.ok).toBe(false);
    if (!full.ok) expect(full.error.code).toBe("session/full");
  });
});

describe("random rematching", () => {
  it("waits for every seat, then reshuffles the groups every round", () => {
    const lt = load({ groups: 3, matching: "random", bots: { seats: Array(9).fill("random") } }, { rounds: 4 });
    const end = runBots(newSession(lt, "rm").state, lt, 0);
    expect(end.rounds).toHaveLength(3 * 4);
    const groupsByRound = new Map<number, string[]>();
    for (const r of end.rounds) groupsByRound.set(r.round, [...(groupsByRound.get(r.round) ?? []), r.players.map((p) => p.participantId).sort().join(",")]);
    const partitions = [...groupsByRound.values()].map((g) => g.sort().join("|"));
    expect(new Set(partitions).size).toBeGreaterThan(1);
    for (const p of end.state.participants.toArray()) expect(p.history.map((h) => h.round)).toEqual([1, 2, 3, 4]);
  });
});

describe("random rematching with dropout policy end", () => {
  // Regression (found by engine.properties.test.ts): a group ended by a dropout left the groups that had
  // already finished the round waiting at the barrier forever.
  it("rematches the groups that finished the round when the last group still playing it ends", () => {
    const lt = load({ groups: 2, matching: "random", dropout: { graceSeconds: 30, policy: "end" }, bots: { seats: Array(5).fill("random") } }, { rounds: 3, decisionSeconds: 600 });
    let s = passIntro(newSession(lt, "barrier").state, lt, 0, ["p6"]);
    const mine = () => s.groups.toArray().find((g) => g.members.includes("p6"))!;
    expect(s.groups.toArray().map((g) => g.status)).toEqual(["playing", "playing"]);
    s = must(s, lt, { kind: "disconnect", pid: "p6" }, 0);
    s = runBots(s, lt, 0, { until: (x) => x.groups.toArray().some((g) => g.status === "barrier") }).state;
    expect(mine().status).toBe("playing");
    s = must(s, lt, { kind: "tick" }, 31_000);
    expect(mine().status).toBe("ended");
    const end = runBots(s, lt, 31_000);
    expect(end.state.status).toBe("ended");
    const others = end.state.order.filter((pid) => !s.groups.toArray().find((g) => g.id === mine().id)!.members.includes(pid));
    for (const pid of others) expect(end.state.participants.get(pid)!.history.map((h) => h.round)).toEqual([1, 2, 3]);
  });
});

describe("views", () => {
  it("never contain another participant's private parameters", () => {
    const lt = load({ bots: { seats: ["random", "random"] } }, { feedback: "own" });
    let s = passIntro(newSession(lt).state, lt, 0, ["p3"]);
    const me = "p3";
    const meIndex = s.groups.toArray()[0]!.members.indexOf(me);
    const others = [0, 1, 2].filter((i) => i !== meIndex);
    const secret = others.flatMap((i) => [baseParams.alpha[i]!, baseParams.c[i]!, ...baseParams.W[i]!]);
    const check = (st: SessionState, now: number) => {
      const text = JSON.stringify(participantView(st, lt, me, now));
      for (const v of secret) expect(text).not.toContain(String(v));
    };
    let checked = 0;
    for (let k = 0; k < 8; k++) {
      checked++;
      check(s, k * 1000);
      const run = runBots(s, lt, k * 1000, { until: (x) => x.version > s.version + 1 });
      s = run.state;
      const g = s.groups.toArray()[0]!;
      if (g.status !== "playing") break;
      const mine = participantView(s, lt, me, 0)!.play!;
      // feedback "own": nothing of the others' investments, not even the group's mean (with one's own x it gives their sum)
      const results = (mine.game as { results: { others: unknown; groupMeanX: unknown } | null }).results;
      if (results) expect([results.others, results.groupMeanX]).toEqual([null, null]);
      if (g.phase === "decide" && mine.myTurn) s = must(s, lt, invest(me, 1), k * 1000 + 1);
      else if (g.phase === "results" && mine.myTurn) s = must(s, lt, { kind: "action", pid: me, clientActionId: `c-${k}-${Math.random()}`, action: { type: "continue" } }, k * 1000 + 2);
    }
    expect(checked).toBeGreaterThan(3);
    expect(s.participants.get(me)!.history.length).toBeGreaterThan(0);
  });
});

describe("a restart after the server was down", () => {
  it("stops the clock for the outage: a running deadline gets back what it had left, offline time during it does not count; a paused session is left alone", () => {
    const lt = load({ dropout: { graceSeconds: 30, policy: "bot" } });
    let s = passIntro(newSession(lt).state, lt, 0, ["p1", "p2", "p3"]);
    const g = s.groups.toArray()[0]!;
    expect(g.deadlineMs).toBe(60_000);
    s = must(s, lt, { kind: "disconnect", pid: "p3" }, 10_000);
    // down from 20 s to 120 s (after the deadline): the 40 s left at 20 s come back, from 120 s
    const back = must(s, lt, { kind: "outage", fromMs: 20_000 }, 120_000);
    expect(back.groups.get(g.id)!.deadlineMs).toBe(160_000);
    expect(back.participants.get("p3")!.offlineSinceMs).toBe(110_000); // 10 s offline before the outage
    expect(must(back, lt, { kind: "tick" }, 130_000).participants.get("p3")!.replacedByBot).toBe(false);
    // a deadline that had passed before the server went down stays passed
    expect(must(s, lt, { kind: "outage", fromMs: 70_000 }, 90_000).groups.get(g.id)!.deadlineMs).toBe(60_000);
    // paused: nothing runs, nothing moves
    const paused = must(s, lt, { kind: "pause" }, 15_000);
    const after = must(paused, lt, { kind: "outage", fromMs: 20_000 }, 120_000);
    expect(after.groups.get(g.id)!.remainingMsAtPause).toBe(paused.groups.get(g.id)!.remainingMsAtPause);
  });
});
