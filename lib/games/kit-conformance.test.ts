/**
 * What every registered game module must satisfy, checked in one place for all of them (a new game is
 * covered as soon as it is registered, docs/adding-a-game.md): its default bot exists, every record field
 * has a description (the codebook builds), and a session of its first shipped example played by its
 * default bot ends, with every round's records exactly as its record schemas say (no field the codebook
 * does not list, none missing), so such a mistake fails here and not at the first export after a session.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hasOwnKey } from "../core/own";
import { codebookOf } from "../core/records";
import { loadTreatment } from "../engine/treatment";
import { newSession, runBots } from "../testing/drive";
import { games } from "./registry";

const EXAMPLES = join(import.meta.dirname, "../../examples/treatments");
const firstExample = (gameId: string) => {
  const file = readdirSync(EXAMPLES).filter((f) => f.endsWith(".json")).sort().find((f) => (JSON.parse(readFileSync(join(EXAMPLES, f), "utf8")) as { game: string }).game === gameId);
  if (!file) throw new Error(`game ${gameId} has no example in examples/treatments`);
  return JSON.parse(readFileSync(join(EXAMPLES, file), "utf8")) as Record<string, unknown> & { params: Record<string, unknown> };
};

describe.each(Object.entries(games))("game module %s", (id, game) => {
  it("its default bot is one of its bots", () => {
    expect(hasOwnKey(game.bots, game.defaultBot), `defaultBot "${game.defaultBot}" is not in bots (${Object.keys(game.bots).join(", ")})`).toBe(true);
  });

  it("every record field has a description (the codebook builds)", () => {
    const columns = codebookOf(game);
    expect(columns.length).toBeGreaterThan(0);
    for (const c of columns) expect(c.description.trim(), c.name).not.toBe("");
  });

  it("a session of its first example, played by its default bot, emits records exactly as its schemas say", () => {
    const ex = firstExample(id);
    const t = { ...ex, params: { ...ex.params, rounds: 2 }, intro: {}, survey: [], bots: { seats: [] as string[], delayMs: 0 } };
    const probe = loadTreatment(t, games);
    if (!probe.ok) throw new Error(probe.errors.join("\n"));
    const lt0 = probe.value;
    const lt1 = loadTreatment({ ...t, bots: { seats: Array.from({ length: lt0.seats }, () => game.defaultBot), delayMs: 0 } }, games);
    if (!lt1.ok) throw new Error(lt1.errors.join("\n"));
    const lt = lt1.value;
    const start = newSession(lt).state;
    const run = runBots(start, lt, 1_000_000);
    expect(run.state.participants.every((p) => p.stage === "done")).toBe(true);
    expect(run.rounds.length).toBeGreaterThan(0);
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
