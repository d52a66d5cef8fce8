import { describe, expect, it } from "vitest";
import { codebookOf } from "../../core/records";
import { newSession, runBots } from "../../testing/drive";
import { loadGame } from "./testing";

const three = { alpha: [10, 10, 10], W: [[1, 0.5, 0.5], [0.5, 1, 0.5], [0.5, 0.5, 1]], c: [1, 1.2, 1.5], rounds: 2 };

describe("codebooks of the IDS mechanism games", () => {
  it.each([
    ["ids-pivotal", { ...three, loner: "free" }, ["truthful", "stayOut", "misreport"]],
    ["ids-externality", three, ["adaptive", "equilibrium", "repeat"]],
  ] as const)("%s documents every decision_, outcome_ and group_ column it emits", (game, params, seats) => {
    const lt = loadGame(game, params, { bots: { seats } });
    const end = runBots(newSession(lt).state, lt, 0);
    const names = new Set(codebookOf(lt.game).map((c) => c.name));
    const emitted = new Set<string>();
    for (const row of end.rounds) {
      for (const k of Object.keys(row.group)) emitted.add(`group_${k}`);
      for (const p of row.players) {
        for (const k of Object.keys(p.record.decision)) emitted.add(`decision_${k}`);
        for (const k of Object.keys(p.record.outcome)) emitted.add(`outcome_${k}`);
      }
    }
    const missing = [...emitted].filter((k) => !names.has(k));
    expect(missing).toEqual([]);
    expect(emitted.size).toBeGreaterThan(20);
  });
});
