/**
 * What every registered game module must satisfy, checked in one place for all of them (a new game is
 * covered as soon as it is registered, docs/adding-a-game.md): its default bot exists, every record field
 * has a description (the codebook builds), and a session of its first shipped example played by its
 * default bot ends, with every round's records exactly as its record schemas say (no field the codebook
 * does not list, none missing) and every round's mechanism unit listed in lib/mechanisms/registry.ts
 * (replay recomputes its output), so such a mistake fails here and not at the first export or replay.
 * Siblings: kit-determinism.test.ts (the same seed gives the same data) and kit-privacy.test.ts (no view
 * shows another seat's private numbers).
 */
import { describe, expect, it } from "vitest";
import { hasOwnKey } from "../core/own";
import { codebookOf } from "../core/records";
import { replayRound } from "../mechanisms/replay";
import { newSession, runBots } from "../testing/drive";
import { botPlayed, firstExample } from "../testing/example-treatments";
import { games } from "./registry";

describe.each(Object.entries(games))("game module %s", (id, game) => {
  it("its default bot is one of its bots", () => {
    expect(hasOwnKey(game.bots, game.defaultBot), `defaultBot "${game.defaultBot}" is not in bots (${Object.keys(game.bots).join(", ")})`).toBe(true);
  });

  it("every record field has a description (the codebook builds)", () => {
    const columns = codebookOf(game);
    expect(columns.length).toBeGreaterThan(0);
    for (const c of columns) expect(c.description.trim(), c.name).not.toBe("");
  });

  it("a session of its first example, played by its default bot, emits records exactly as its schemas say, and replays", () => {
    const lt = botPlayed(firstExample(id), games);
    const start = newSession(lt).state;
    const run = runBots(start, lt, 1_000_000);
    expect(run.state.participants.every((p) => p.stage === "done")).toBe(true);
    expect(run.rounds.length).toBeGreaterThan(0);
    // the unit it records is listed in lib/mechanisms/registry.ts, and recomputes what was recorded (mechlab replay)
    for (const { round, mechanism: m } of run.rounds) {
      const stored = JSON.parse(JSON.stringify({ mechanism: { id: m.id, version: m.version }, input: m.input, output: m.output })) as Parameters<typeof replayRound>[0];
      expect(replayRound(stored), `round ${round}: ${m.id}@${m.version}`).toEqual([]);
    }
    const rec = game.records;
    if (!rec) return; // a legacy game with hand-written columns (none is registered now)
    for (const row of run.rounds) {
      expect(() => rec.group.strict().parse(row.group), `round ${row.round} group record`).not.toThrow();
      for (const p of row.players) {
        expect(() => rec.decision.strict().parse(p.record.decision), `round ${row.round} ${p.participantId} decision`).not.toThrow();
        expect(() => rec.outcome.strict().parse(p.record.outcome), `round ${row.round} ${p.participantId} outcome`).not.toThrow();
      }
    }
  });
});
