/**
 * The shipped example treatments (examples/treatments/*.json) of a game, and the same treatment set up
 * for a quick headless run: a few rounds, no intro or survey, every seat the game's default bot.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { AnyGameModule } from "../core/game";
import { loadTreatment, type LoadedTreatment } from "../engine/treatment";

export const EXAMPLES = join(import.meta.dirname, "../../examples/treatments");

export type RawTreatment = Record<string, unknown> & { game: string; params: Record<string, unknown> };

/** Every example of the game, by file name in sorted order. */
export function examplesOf(gameId: string): { file: string; treatment: RawTreatment }[] {
  return readdirSync(EXAMPLES)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((file) => ({ file, treatment: JSON.parse(readFileSync(join(EXAMPLES, file), "utf8")) as RawTreatment }))
    .filter((e) => e.treatment.game === gameId);
}

/** The game's first example (sorted by file name); throws when the game ships none. */
export function firstExample(gameId: string): RawTreatment {
  const ex = examplesOf(gameId)[0];
  if (!ex) throw new Error(`game ${gameId} has no example in examples/treatments`);
  return ex.treatment;
}

function load(t: unknown, games: Readonly<Record<string, AnyGameModule>>): LoadedTreatment {
  const r = loadTreatment(t, games);
  if (!r.ok) throw new Error(r.errors.join("\n"));
  return r.value;
}

/** The treatment with `rounds` rounds, no intro or survey, and the game's default bot on every seat. */
export function botPlayed(t: RawTreatment, games: Readonly<Record<string, AnyGameModule>>, rounds = 2): LoadedTreatment {
  const base = { ...t, params: { ...t.params, rounds }, intro: {}, survey: [], bots: { seats: [] as string[], delayMs: 0 } };
  const seats = load(base, games).seats;
  const game = games[t.game];
  if (!game) throw new Error(`unknown game ${t.game}`);
  return load({ ...base, bots: { seats: Array.from({ length: seats }, () => game.defaultBot), delayMs: 0 } }, games);
}
