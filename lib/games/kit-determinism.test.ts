/**
 * Every registered game is deterministic given its seed: a bot-played session of its first example, run
 * twice from the same seed, records the same rounds and ends in the same state, to the last digit. A
 * score or view that draws from anything but `ctx.rng` (Math.random however reached, the clock, a
 * module-level counter) fails here; `mechlab replay` recomputes only the mechanism unit and would not
 * notice (docs/adding-a-game.md).
 */
import { describe, expect, it } from "vitest";
import type { AnyGameModule } from "../core/game";
import { plainSessionState } from "../engine";
import { newSession, runBots } from "../testing/drive";
import { botPlayed, firstExample } from "../testing/example-treatments";
import { games } from "./registry";

/** The recorded rounds and the final state of a bot-played session, as JSON text. */
function played(game: AnyGameModule, all: Readonly<Record<string, AnyGameModule>>, seed: string) {
  const lt = botPlayed(firstExample(game.id), all);
  const run = runBots(newSession(lt, seed).state, lt, 1_000_000);
  return { rounds: JSON.stringify(run.rounds), state: JSON.stringify(plainSessionState(run.state)) };
}

describe.each(Object.entries(games))("game module %s", (_id, game) => {
  it("a bot-played session of its first example records the same rounds and state from the same seed", () => {
    const a = played(game, games, "determinism");
    const b = played(game, games, "determinism");
    expect(b.rounds).toBe(a.rounds);
    expect(b.state).toBe(a.state);
  });
});

describe("the check finds a game that is not deterministic", () => {
  const ids = games["ids-investment"]!;
  const withScore = (score: AnyGameModule["score"]): AnyGameModule => ({ ...ids, score });
  const differs = (game: AnyGameModule) => {
    const all = { ...games, [game.id]: game };
    const a = played(game, all, "determinism");
    const b = played(game, all, "determinism");
    return a.rounds !== b.rounds || a.state !== b.state;
  };

  it("a score that adds Math['random']() to every payoff", () => {
    const noisy = withScore((s, ctx) => {
      const r = ids.score(s, ctx);
      const players = Object.fromEntries(Object.entries(r.players).map(([pid, p]) => [pid, { ...p, payoff: p.payoff + Math["random"]() }]));
      return { ...r, players };
    });
    expect(differs(noisy)).toBe(true);
  });

  it("a score that counts its calls in a module-level variable", () => {
    let calls = 0;
    const counting = withScore((s, ctx) => {
      const r = ids.score(s, ctx);
      calls++;
      const players = Object.fromEntries(Object.entries(r.players).map(([pid, p]) => [pid, { ...p, payoff: p.payoff + calls }]));
      return { ...r, players };
    });
    expect(differs(counting)).toBe(true);
  });

  it("and not the shipped game it wraps", () => {
    expect(differs(withScore(ids.score))).toBe(false);
  });
});
