/**
 * A participant cannot pre-empt the bot that will play their seat (attacker review G2): the bot's move ids
 * are predictable (`bot:<group>:<phaseSeq>:<pid>:<n>`, lib/engine/bots.ts), so a participant who sent one of
 * them as their own clientActionId had the bot's later move dropped as a "duplicate" and the group waited
 * for the full timer. The engine now dedupes the bots' moves apart from the person's, and the protocol
 * refuses client ids in the bots' form (lib/protocol/payloads.test.ts).
 */
import { describe, expect, it } from "vitest";
import { games } from "../games/registry";
import { must, newSession, passIntro, runBots } from "../testing/drive";
import { botMoves } from "./bots";
import { nextWakeMs } from "./admin";
import { pendingOf } from "./rounds";
import { reduce } from "./reduce";
import { loadTreatment, type LoadedTreatment } from "./treatment";
import { stateThroughJson } from "./upgrade";
import type { SessionState } from "./state";

function load(over: Record<string, unknown> = {}, rounds = 3): LoadedTreatment {
  const params = {
    alpha: [11, 12, 13],
    W: [
      [1, 0.4, 0.4],
      [0.4, 1, 0.4],
      [0.4, 0.4, 1],
    ],
    c: [0.8, 0.9, 1],
    xMax: 5,
    rounds,
    decisionSeconds: 600,
    resultsSeconds: 10,
  };
  const r = loadTreatment({ name: "t", game: "ids-investment", params, ...over }, games);
  if (!r.ok) throw new Error(r.errors.join("\n"));
  return r.value;
}

const invest = (pid: string, x: number, clientActionId: string) => ({ kind: "action" as const, pid, clientActionId, action: { type: "invest", x } });
const group = (s: SessionState) => s.groups.toArray()[0]!;

/** Round 1 with p3 poisoning the id of the bot's round-2 decision; the state at round 2's decision. */
function poisoned(lt: LoadedTreatment): { s: SessionState; poison: string; now: number } {
  let s = passIntro(newSession(lt).state, lt, 0);
  const g = group(s);
  const poison = `bot:${g.id}:${g.phaseSeq + 2}:p3:0`;
  s = must(s, lt, invest("p3", 1, poison), 100); // the person's real round-1 decision, under the bot's future id
  s = must(s, lt, invest("p1", 1, "p1-round-1"), 100);
  s = must(s, lt, invest("p2", 1, "p2-round-1"), 100);
  const wake = nextWakeMs(s, lt)!; // the results screen's end
  s = must(s, lt, { kind: "tick" }, wake);
  expect([group(s).round, group(s).phase]).toEqual([2, "decide"]);
  return { s, poison, now: wake };
}

function botPlays(s: SessionState, lt: LoadedTreatment, now: number, poison: string): SessionState {
  const moves = botMoves(s, lt, now);
  expect(moves.map((m) => [m.pid, m.clientActionId])).toEqual([["p3", poison]]); // the attack aimed right
  const m = moves[0]!;
  const r = reduce(s, lt, { kind: "action", pid: m.pid, clientActionId: m.clientActionId, action: m.action, byBot: true, at: m.at }, now + 1);
  expect(r.ok && !r.duplicate).toBe(true); // was: ok, duplicate, nothing applied
  if (!r.ok) throw new Error(r.error.message);
  expect(pendingOf(r.state, group(r.state), lt, now + 1)).not.toContain("p3");
  // the bot's own move sent twice (a retried timer, another process) still counts once
  const again = reduce(r.state, lt, { kind: "action", pid: m.pid, clientActionId: m.clientActionId, action: m.action, byBot: true, at: m.at }, now + 2);
  expect(again.ok && again.duplicate).toBe(true);
  return r.state;
}

describe("a participant's clientActionId never stands for a bot's move", () => {
  it("Replace by bot: the bot decides although the person sent its move's id earlier", () => {
    const lt = load();
    const { s, poison, now } = poisoned(lt);
    const t = must(s, lt, { kind: "replaceWithBot", pid: "p3" }, now);
    botPlays(t, lt, now, poison);
  });

  it("the dropout bot decides although the person sent its move's id before leaving", () => {
    const lt = load({ dropout: { graceSeconds: 3, policy: "bot", bot: "zero" } });
    const { s, poison, now } = poisoned(lt);
    let t = must(s, lt, { kind: "disconnect", pid: "p3" }, now);
    t = must(t, lt, { kind: "tick" }, now + 3_000);
    expect(t.participants.get("p3")!.replacedByBot).toBe(true);
    const end = botPlays(t, lt, now + 3_000, poison);
    expect(end.participants.get("p3")!.history).toHaveLength(1);
  });

  it("a person's retry of the same id still counts once, also after a restart", () => {
    const lt = load();
    let s = passIntro(newSession(lt).state, lt, 0);
    s = must(s, lt, invest("p1", 2, "same-id-1"), 100);
    for (const state of [s, stateThroughJson(s)]) {
      const again = reduce(state, lt, invest("p1", 2, "same-id-1"), 200);
      expect(again.ok && again.duplicate).toBe(true);
    }
    // a bot's id is deduped apart from the person's: the person's list never holds it
    const { s: t, poison, now } = poisoned(lt);
    const u = botPlays(must(t, lt, { kind: "replaceWithBot", pid: "p3" }, now), lt, now, poison);
    expect(stateThroughJson(u).participants.get("p3")!.recentBotActionIds).toEqual([poison]);
  });

  it("keeps the bots' ids bounded (the last 20), the person's list untouched", () => {
    const lt = load({ bots: { seats: ["random", "random", "random"] } }, 12); // 24 moves a seat
    const end = runBots(newSession(lt).state, lt, 1_000_000).state;
    for (const p of end.participants.toArray()) {
      expect(p.recentActionIds).toEqual([]);
      expect(p.recentBotActionIds).toHaveLength(20);
    }
  });

  it("loads a session stored before: no recentBotActionIds, a bot's id among the person's (the old form)", () => {
    const lt = load();
    const { s, poison, now } = poisoned(lt);
    let t = must(s, lt, { kind: "replaceWithBot", pid: "p3" }, now);
    const stored = JSON.parse(JSON.stringify(t)) as Record<string, unknown> & { participants: Record<string, Record<string, unknown>> };
    for (const p of Object.values(stored.participants)) delete p.recentBotActionIds;
    stored.participants.p3!.recentActionIds = [poison]; // as the old engine stored the poisoned id
    t = stateThroughJson(stored as unknown as SessionState);
    botPlays(t, lt, now, poison);
  });
});
