/**
 * The study export's "Every session of one treatment" (store.sessionsOfTreatment): sessions of that name and
 * game, without the archived ones (e.g. a pilot the experimenter hid) and drafts (never opened: nobody could
 * join); an explicit list of ids still exports an archived session (analyst review A4).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../db/migrate";
import { studySessions } from "../export/study";
import { freshSqlite, type TestDb } from "../testing/harness";
import { SessionStore } from "./store";

const treatmentJson = JSON.stringify({ name: "main", game: "ids-investment", params: { alpha: [10, 10], W: [[1, 0.4], [0.4, 1]], c: [1, 1], rounds: 1 } });

describe("sessions of one treatment", () => {
  let db: TestDb;
  let store: SessionStore;
  beforeAll(async () => {
    db = await freshSqlite();
    await migrate(db.url);
    store = await SessionStore.open(db.url);
    const add = (id: string, status: string, minute: number, over: { name?: string; gameId?: string; archivedAt?: Date } = {}) =>
      store.db.session.create({
        data: { id, code: id.toUpperCase(), name: over.name ?? "main", gameId: over.gameId ?? "ids-investment", treatmentJson, seed: "s", status, version: 1, stateJson: "{}", createdAt: new Date(Date.UTC(2026, 0, 1, 0, minute)), ...(over.archivedAt ? { archivedAt: over.archivedAt } : {}) },
      });
    await add("ended1", "ended", 1);
    await add("running", "running", 2);
    await add("paused", "paused", 3);
    await add("pilot", "ended", 4, { archivedAt: new Date() });
    await add("draft", "draft", 5);
    await add("ended2", "ended", 6);
    await add("other", "ended", 7, { name: "other" });
    await add("othergame", "ended", 8, { gameId: "ssg-defense" });
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  it("leaves out archived sessions and drafts, newest first, of the name (and game when given)", async () => {
    expect(await store.sessionsOfTreatment("main", "ids-investment")).toEqual(["ended2", "paused", "running", "ended1"]);
    expect(await store.sessionsOfTreatment("main")).toEqual(["othergame", "ended2", "paused", "running", "ended1"]);
    expect(await store.sessionsOfTreatment("main", "cip-contracts")).toEqual([]);
  });

  it("an archived session chosen by its id is still exported", async () => {
    expect((await studySessions(store, ["pilot", "ended1"])).map((s) => s.id)).toEqual(["pilot", "ended1"]);
  });
});
