/**
 * The study export's batched look-up of round records (SessionStore.roundOutcomesFor): a page of rows
 * spanning more groups than one query may name (200) still finds every group's record of every round
 * asked for, and never one of another session.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../db/migrate";
import { makeWriter } from "../db/writer";
import { freshSqlite, type TestDb } from "../testing/harness";
import { SessionStore } from "./store";

const GROUPS = 450; // three slices: 200 + 200 + 50
const ROUNDS = 3;

describe("round records looked up 200 groups at a time", () => {
  let db: TestDb;
  let store: SessionStore;

  beforeAll(async () => {
    db = await freshSqlite();
    await migrate(db.url);
    store = await SessionStore.open(db.url);
    const writer = await makeWriter(db.url);
    const now = new Date();
    for (const id of ["s-a", "s-b"]) {
      await store.db.session.create({ data: { id, code: id.toUpperCase(), name: id, gameId: "ids-investment", treatmentJson: "{}", seed: "x", status: "ended", version: 1, stateJson: "{}" } });
      const args: (string | number | Date)[] = [];
      const values: string[] = [];
      for (let g = 1; g <= GROUPS; g++)
        for (let r = 1; r <= ROUNDS; r++) {
          values.push("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
          args.push(id, `g${g}`, r, "none", "1", "{}", "{}", JSON.stringify({ who: `${id}/g${g}/r${r}` }), "{}", now);
        }
      const cols = ["sessionId", "groupId", "round", "mechanismId", "mechanismVer", "inputJson", "outputJson", "groupJson", "seedJson", "createdAt"];
      for (let i = 0; i < values.length; i += 500)
        await writer.transaction([{ sql: `INSERT INTO "RoundOutcome" (${cols.map((c) => `"${c}"`).join(", ")}) VALUES ${values.slice(i, i + 500).join(", ")}`, args: args.slice(i * 10, (i + 500) * 10) }]);
    }
    await writer.close();
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  it("finds the record of every (group, round) of a page spanning 450 groups, only of its session", async () => {
    const keys = Array.from({ length: GROUPS }, (_, i) => [{ groupId: `g${i + 1}`, round: 2 }, { groupId: `g${i + 1}`, round: 3 }]).flat();
    const found = await store.roundOutcomesFor("s-b", keys);
    for (const k of keys) expect(JSON.parse(found.get(`${k.groupId}#${k.round}`)?.groupJson ?? "null"), `${k.groupId} round ${k.round}`).toEqual({ who: `s-b/${k.groupId}/r${k.round}` });
    expect([...found.values()].every((o) => o.sessionId === "s-b" && o.round !== 1)).toBe(true);
    expect(found.size).toBe(GROUPS * 2);
  });

  it("answers an empty page with nothing", async () => {
    expect((await store.roundOutcomesFor("s-a", [])).size).toBe(0);
  });
});
