import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadTreatment } from "../lib/engine";
import { games } from "../lib/games/registry";
import { newSession, runBots } from "../lib/testing/drive";

const DIR = join(import.meta.dirname, "../examples/treatments");
const files = readdirSync(DIR).filter((f) => f.endsWith(".json"));

describe("shipped example treatments", () => {
  it("exist", () => expect(files.length).toBeGreaterThan(0));
  it.each(files)("%s loads and plays to the end with bots", (file) => {
    const lt = loadTreatment(readFileSync(join(DIR, file), "utf8"), games);
    if (!lt.ok) throw new Error(`${file}: ${lt.errors.join("; ")}`);
    const v = lt.value;
    // every seat a bot (the treatment's own bot seats first, then the game's default)
    const seats = Array.from({ length: v.seats }, (_, i) => v.treatment.bots.seats[i] ?? v.game.defaultBot);
    const all = { ...v, treatment: { ...v.treatment, bots: { ...v.treatment.bots, seats } } };
    const end = runBots(newSession(all, "examples").state, all, 0);
    expect(end.state.status).toBe("ended");
    expect(end.rounds.length).toBe(v.treatment.groups * v.rounds);
  });
});
