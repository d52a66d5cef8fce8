/**
 * A small real session for tests of the session layer: the database at `url` migrated, a store and a
 * manager on it (bots act at once), and a two-seat untimed IDS session of `rounds` rounds without bots.
 */
import { migrate } from "../db/migrate";
import { SessionManager } from "../sessions/manager";
import { SessionStore } from "../sessions/store";

export async function twoSeatSession(url: string, name: string, rounds: number) {
  await migrate(url);
  const store = await SessionStore.open(url);
  const manager = new SessionManager(store, { botDelayMs: 0 });
  const params = { alpha: [2, 3], W: [[1, 0.2], [0.2, 1]], c: [1, 1], rounds, decisionSeconds: null, resultsSeconds: null };
  const r = await manager.create({ name, game: "ids-investment", params, intro: { quiz: [] } });
  if (!r.ok) {
    await store.close();
    throw new Error(r.errors.join());
  }
  return { store, manager, host: r.host };
}
