/**
 * What a starting process says it resumed: the sessions it loaded, not every running one in the database
 * (in a cluster the others are held by other processes, whose leases it could not claim).
 */
import { afterEach, describe, expect, it } from "vitest";
import { migrate } from "../db/migrate";
import { freshSqlite, type TestDb } from "../testing/test-db";
import { SessionManager } from "./manager";
import { SessionStore } from "./store";

const treatment = { name: "boot count", game: "ids-investment", groups: 1, params: { alpha: [10, 10], W: [[1, 0.3], [0.3, 1]], c: [1, 1], xMax: 5, rounds: 1 } };

let db: TestDb | undefined;
let store: SessionStore | undefined;
afterEach(async () => {
  await store?.close();
  await db?.drop();
  store = undefined;
  db = undefined;
});

describe("a starting process counts the sessions it resumed", () => {
  it("only those it could claim", async () => {
    db = await freshSqlite();
    await migrate(db.url);
    store = await SessionStore.open(db.url);
    const first = new SessionManager(store, { botDelayMs: 0 });
    const made: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await first.create(treatment);
      if (!r.ok) throw new Error(r.errors.join("; "));
      made.push(r.host.id);
    }
    await first.stop();
    // another process holds two of them: only the third can be claimed here
    const mine = made[2]!;
    const second = new SessionManager(store, { botDelayMs: 0, claim: async (id) => id === mine, release: async () => undefined });
    expect(await second.boot()).toBe(1);
    expect(second.isLoaded(mine)).toBe(true);
    expect(second.isLoaded(made[0]!)).toBe(false);
    await second.stop();
  });
});
