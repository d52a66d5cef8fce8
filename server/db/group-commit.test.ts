import { afterEach, describe, expect, it } from "vitest";
import { freshPostgres, freshSqlite, type TestDb } from "../testing/harness";
import { migrate } from "./migrate";
import { makeWriter, StaleWriteError, type SqlStatement, type SqlWriter } from "./writer";

let db: TestDb | undefined;
let writer: SqlWriter | undefined;
afterEach(async () => {
  await writer?.close();
  await db?.drop();
});

const setting = (key: string, value: string): SqlStatement => ({ sql: `INSERT INTO "Setting" ("key", "value") VALUES (?, ?)`, args: [key, value] });
const bump = (key: string, from: string, to: string): SqlStatement => ({ sql: `UPDATE "Setting" SET "value" = ? WHERE "key" = ? AND "value" = ?`, args: [to, key, from], expectRows: 1 });

const PG = process.env.MECHLAB_TEST_PG_URL;
const databases: [string, () => Promise<TestDb>][] = [["SQLite", freshSqlite], ...(PG ? [["PostgreSQL", () => freshPostgres(PG)] as [string, () => Promise<TestDb>]] : [])];

describe.each(databases)("group commit (%s writer)", (_name, fresh) => {
  it("writes requests of one turn in one transaction; a failing request fails alone and the others are stored", async () => {
    db = await fresh();
    await migrate(db.url);
    writer = await makeWriter(db.url);
    await writer.transaction([setting("a", "1")]);
    const before = { ...writer.stats };
    const outcomes = await Promise.allSettled([
      writer.transaction([setting("b", "1")]),
      writer.transaction([setting("c", "1"), bump("a", "0", "2")]), // stale: a is "1"
      writer.transaction([bump("a", "1", "3")]),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(StaleWriteError);
    // the group was tried once together, then each request alone
    expect(writer.stats.requests - before.requests).toBe(2);
    const { makePrisma } = await import("./client");
    const prisma = await makePrisma(db.url);
    const rows = await prisma.setting.findMany({ orderBy: { key: "asc" } });
    await prisma.$disconnect();
    // c was rolled back with its failing request; a was changed once
    expect(rows.map((r) => [r.key, r.value])).toEqual([["a", "3"], ["b", "1"]]);
  });

  it("shares one transaction among requests made in the same turn of the event loop", async () => {
    db = await fresh();
    await migrate(db.url);
    writer = await makeWriter(db.url);
    const before = { ...writer.stats };
    await Promise.all(Array.from({ length: 20 }, (_, i) => writer!.transaction([setting(`k${i}`, String(i))])));
    expect(writer.stats.requests - before.requests).toBe(20);
    expect(writer.stats.transactions - before.transactions).toBe(1);
  });

  it("stores text exactly, quotes, backslashes and any Unicode included", async () => {
    db = await fresh();
    await migrate(db.url);
    writer = await makeWriter(db.url);
    const tricky = `O'Brien \\ "q" ?; DROP TABLE x; -- ü 😀 \n'' $1`;
    await Promise.all([writer.transaction([setting("t1", tricky)]), writer.transaction([setting("t2", "?")])]);
    const { makePrisma } = await import("./client");
    const prisma = await makePrisma(db.url);
    const rows = await prisma.setting.findMany({ orderBy: { key: "asc" } });
    await prisma.$disconnect();
    expect(rows.map((r) => [r.key, r.value])).toEqual([["t1", tricky], ["t2", "?"]]);
  });
});
