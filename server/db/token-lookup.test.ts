/**
 * A link token's seat and a room code's session, read in plain SQL on the writer's connection
 * (SessionStore.participantByToken, byCode; server/db/writer.ts `queryOne`): it sees what Prisma committed,
 * binds values, refuses what cannot be a token or a code, and answers the same on SQLite and PostgreSQL.
 */
import { afterEach, describe, expect, it } from "vitest";
import { freshPostgres, freshSqlite, type TestDb } from "../testing/test-db";
import type { SessionStore } from "../sessions/store";
import { twoSeatSession } from "../testing/two-seat";

let db: TestDb | undefined;
let store: SessionStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
  await db?.drop();
  db = undefined;
});

const pgUrl = process.env.MECHLAB_TEST_PG_URL;
const databases: [string, () => Promise<TestDb>][] = [["SQLite", freshSqlite], ...(pgUrl ? [["PostgreSQL", () => freshPostgres(pgUrl)] as [string, () => Promise<TestDb>]] : [])];

describe.each(databases)("link token and room code lookups on %s", (_name, fresh) => {
  it("finds each seat by its token, nothing for other strings, and a re-issued link at once", async () => {
    db = await fresh();
    const t = await twoSeatSession(db.url, "tokens", 1);
    store = t.store;
    const { manager, host } = t;
    const seats = await store.participants(host.id);
    expect(seats).toHaveLength(2);
    for (const s of seats) expect(await store.participantByToken(s.token)).toEqual({ id: s.id, sessionId: host.id });
    // values are bound, never spliced into the SQL; near misses find nothing
    for (const other of ["", "x", `${seats[0]!.token} `, `' OR '1'='1`, `${seats[0]!.token.slice(0, -1)}%`, `${seats[0]!.token}\u0000`, "\u0000", "é".repeat(20)])
      expect(await store.participantByToken(other)).toBeNull();
    // the room code finds the session; a code with anything but letters and digits is no room (a NUL byte
    // made PostgreSQL answer a join with an error)
    const code = (await store.get(host.id))!.code;
    expect(await store.byCode(code)).toEqual({ id: host.id });
    for (const other of [`${code}\u0000`, "AB\u0000CDEF", `${code.slice(0, 4)}'`, code.toLowerCase(), ""]) expect(await store.byCode(other)).toBeNull();
    // a new link (written by Prisma on its own connection) is seen at once; the old one opens nothing
    const re = await manager.reissueLink(host.id, seats[0]!.id);
    if (!re.ok) throw new Error(re.message);
    expect(await store.participantByToken(re.token)).toEqual({ id: seats[0]!.id, sessionId: host.id });
    expect(await store.participantByToken(seats[0]!.token)).toBeNull();
    await manager.stop();
  });
});
