import { describe, expect, it } from "vitest";
import { games } from "../games/registry";
import { must, newSession, passIntro, runBots } from "../testing/drive";
import { loadTreatment, type LoadedTreatment } from "./treatment";
import type { DriveResult } from "../testing/drive";
import type { RoundContext } from "../core/game";
import { DeadlineCrash, nextWakeMs } from "./admin";
import { reduce } from "./reduce";
import type { GroupState } from "./state";

function load(over: Record<string, unknown> = {}): LoadedTreatment {
  const r = loadTreatment(
    {
      name: "t",
      game: "ids-investment",
      params: { alpha: [10, 10], W: [[1, 0.4], [0.4, 1]], c: [1, 1], rounds: 3, decisionSeconds: 30, resultsSeconds: 5 },
      ...over,
    },
    games,
  );
  if (!r.ok) throw new Error(r.errors.join("\n"));
  return r.value;
}

const invest = (pid: string, x: number) => ({ kind: "action" as const, pid, clientActionId: `${pid}-${x}-${Math.random()}`, action: { type: "invest", x } });

describe("how a round's decisions came about", () => {
  it("an experimenter's forced end is not a timeout; a real timeout is; a dropout's bot says why it played", () => {
    const lt = load({ bots: { seats: ["myopic"] }, dropout: { graceSeconds: 1, policy: "bot", bot: "zero" } });
    const sink: DriveResult = { state: newSession(lt).state, rounds: [], notes: [] };
    const bots = (st: typeof sink.state, now: number, opts: Parameters<typeof runBots>[3] = {}) => {
      const r = runBots(st, lt, now, opts);
      sink.rounds.push(...r.rounds);
      return r.state;
    };
    let s = passIntro(sink.state, lt, 0, ["p2"]);
    // round 1: the experimenter ends the decision phase before p2 decides
    s = bots(s, 0, { until: (x) => x.groups.toArray()[0]!.acted.p1 !== undefined });
    s = must(s, lt, { kind: "forcePhaseEnd" }, 1_000, sink);
    // round 2: the timer runs out
    s = bots(s, 1_000, { until: (x) => x.groups.toArray()[0]!.round === 2 && x.groups.toArray()[0]!.acted.p1 !== undefined });
    const deadline = s.groups.toArray()[0]!.deadlineMs!;
    s = must(s, lt, { kind: "tick" }, deadline, sink);
    // round 3: p2 goes offline past the grace period and a bot plays for them
    s = bots(s, deadline, { until: (x) => x.groups.toArray()[0]!.round === 3 });
    s = must(s, lt, { kind: "disconnect", pid: "p2" }, deadline + 10, sink);
    bots(s, deadline + 10);
    const all = sink.rounds;
    const rows = all.flatMap((r) => r.players.filter((p) => p.participantId === "p2").map((p) => ({ round: r.round, ...p })));
    const byRound = (n: number) => rows.find((r) => r.round === n)!;
    expect(byRound(1).record.timedOut).toBe(false);
    expect(byRound(1).how.endedBy).toBe("experimenter");
    expect(byRound(1).record.isBot).toBe(false);
    expect(byRound(2).record.timedOut).toBe(true);
    expect(byRound(2).how.endedBy).toBe("timeout");
    expect(byRound(2).record.isBot).toBe(false);
    expect(byRound(3).record.isBot).toBe(true);
    expect(byRound(3).how).toEqual({ endedBy: null, botReason: "dropout", botStrategy: "zero" });
    const botSeat = all.flatMap((r) => r.players.filter((p) => p.participantId === "p1"));
    expect(botSeat.every((p) => p.record.isBot && p.how.botReason === "bot_seat" && p.how.botStrategy === "myopic")).toBe(true);
  });

  it("a human who decided is not a bot, and nobody ended their phase", () => {
    const lt = load({ bots: { seats: ["myopic"] } });
    let s = passIntro(newSession(lt).state, lt, 0, ["p2"]);
    const sink: DriveResult = { state: s, rounds: [], notes: [] };
    s = must(s, lt, invest("p2", 1), 100, sink);
    const end = runBots(s, lt, 100, { until: (x) => x.groups.toArray()[0]!.round === 2 });
    const mine = [...sink.rounds, ...end.rounds].flatMap((r) => r.players).find((p) => p.participantId === "p2")!;
    expect(mine.record.isBot).toBe(false);
    expect(mine.how).toEqual({ endedBy: null, botReason: null, botStrategy: null });
  });
});

describe("a tick's held-back deadlines (the server's retry of a group whose game code crashed at its deadline)", () => {
  it("names the group whose game code threw; a tick holding that group settles the others and leaves it as it was", () => {
    const lt = load({ groups: 2, matching: "fixed" });
    let s = passIntro(newSession(lt, "test", 0).state, lt, 0);
    const [a, b] = s.groups.toArray() as [GroupState, GroupState];
    const deadline = a.deadlineMs!;
    expect(b.deadlineMs).toBe(deadline);
    const decide = games["ids-investment"]!.phases.decide! as { onExit?: (state: unknown, ctx: RoundContext<unknown>) => unknown };
    const original = decide.onExit;
    decide.onExit = function (this: unknown, state, ctx) {
      if (ctx.players.includes(a.members[0]!)) throw new Error("bug in onExit");
      return original!.call(this, state, ctx);
    };
    try {
      let thrown: unknown;
      try {
        reduce(s, lt, { kind: "tick" }, deadline);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(DeadlineCrash);
      expect((thrown as DeadlineCrash).groupId).toBe(a.id);
      expect(((thrown as DeadlineCrash).error as Error).message).toBe("bug in onExit");
      s = must(s, lt, { kind: "tick", hold: [a.id] }, deadline);
    } finally {
      decide.onExit = original;
    }
    expect(s.groups.get(a.id)).toBe(a); // untouched: still in its decision, past its deadline
    expect(s.groups.get(b.id)!.phase).not.toBe(b.phase);
    // the held group's deadline counts from its retry time; the other group's next deadline is kept
    const next = s.groups.get(b.id)!.deadlineMs!;
    expect(nextWakeMs(s, lt)).toBe(deadline);
    expect(nextWakeMs(s, lt, new Map([[a.id, deadline + 60_000]]))).toBe(Math.min(next, deadline + 60_000));
    expect(nextWakeMs(s, lt, new Map([[a.id, deadline + 1_000]]))).toBe(Math.min(next, deadline + 1_000));
  });
});
