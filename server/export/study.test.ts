/**
 * The study export's batched reads on a real SQLite database: round records looked up in slices of
 * groups and rows read in pages come back joined to the right rows across every slice and page
 * boundary, for many sessions, sessions without rows and unknown ids; the export yields to the event
 * loop between pages (another request is served meanwhile) and stops when its consumer goes away.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../db/migrate";
import { makeWriter, type SqlValue, type SqlWriter } from "../db/writer";
import { SessionStore } from "../sessions/store";
import { freshSqlite, type TestDb } from "../testing/harness";
import { parseCsv } from "../testing/parse-csv";
import { STUDY_EXPORT_PAGE, StudyExportAborted, writeStudyExport } from "./study";

const GROUPS = 450; // more than two slices of 200 groups per round-record lookup
const ROUNDS = 3; // 2,700 rows: more than one page
const treatment = { name: "batch", game: "ids-investment", params: { alpha: [10, 10], W: [[1, 0.4], [0.4, 1]], c: [1, 1], rounds: ROUNDS } };
/** A group's record value that names its group and round, so a wrong join shows. */
const groupValue = (g: number, round: number) => g * 1000 + round;

async function insert(writer: SqlWriter, table: string, columns: string[], rows: SqlValue[][]) {
  const per = Math.floor(30_000 / columns.length);
  const stmts = [];
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    stmts.push({ sql: `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${chunk.map(() => `(${columns.map(() => "?").join(", ")})`).join(", ")}`, args: chunk.flat() });
  }
  if (stmts.length) await writer.transaction(stmts);
}

async function addSession(store: SessionStore, writer: SqlWriter, id: string, groups: number, rounds: number, seats = groups * 2) {
  await store.db.session.create({ data: { id, code: id.toUpperCase().slice(0, 8), name: `batch ${id}`, gameId: "ids-investment", treatmentJson: JSON.stringify(treatment), seed: "s", status: "ended", version: 1, stateJson: "{}" } });
  const now = new Date();
  const parts: SqlValue[][] = Array.from({ length: seats }, (_, p) => [id, "p", `${id}-p${String(p).padStart(4, "0")}`, JSON.stringify({ id: `${id}-p${String(p).padStart(4, "0")}`, seat: p, label: null, quizAttempts: 1, stage: "done", bot: false, external: p === 0 ? { source: "prolific", id: `PID-${id}` } : undefined })]);
  await insert(writer, "SnapshotPart", ["sessionId", "kind", "key", "json"], parts);
  for (let round = 1; round <= rounds; round++) {
    const outcomes: SqlValue[][] = [];
    const rows: SqlValue[][] = [];
    for (let g = 0; g < groups; g++) {
      outcomes.push([id, `g${g + 1}`, round, "none", "1", "{}", "{}", JSON.stringify({ total_cost: groupValue(g + 1, round), distance_to_so: 0.5 }), "{}", now]);
      for (const k of [0, 1]) {
        const p = g * 2 + k;
        rows.push([id, `g${g + 1}`, round, `${id}-p${String(p).padStart(4, "0")}`, p, null, "user", JSON.stringify({ x: round }), JSON.stringify({ risk: 1, cost: p }), 1, 100, false, false, now]);
      }
    }
    await insert(writer, "RoundOutcome", ["sessionId", "groupId", "round", "mechanismId", "mechanismVer", "inputJson", "outputJson", "groupJson", "seedJson", "createdAt"], outcomes);
    await insert(writer, "PlayerRound", ["sessionId", "groupId", "round", "participantId", "seat", "label", "role", "decisionJson", "outcomeJson", "payoff", "decisionMs", "timedOut", "isBot", "createdAt"], rows);
  }
}

describe("study export: batched reads", () => {
  let db: TestDb;
  let store: SessionStore;
  const small = Array.from({ length: 12 }, (_, i) => `s${i}`);
  beforeAll(async () => {
    db = await freshSqlite();
    await migrate(db.url);
    store = await SessionStore.open(db.url);
    const writer = await makeWriter(db.url);
    await addSession(store, writer, "big", GROUPS, ROUNDS);
    await addSession(store, writer, "empty", 0, 0, 3); // seats, but no round was played
    await addSession(store, writer, "orphan", 1, 1, 0); // rounds, but no stored seat: the wide file reads the seat from the rows
    for (const [i, id] of small.entries()) await addSession(store, writer, id, 1 + (i % 3), 1 + (i % 2));
    await writer.close();
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  it("looks up every round record across the 200-group slices, each under its own group and round", async () => {
    const keys = Array.from({ length: GROUPS * ROUNDS }, (_, i) => ({ groupId: `g${(i % GROUPS) + 1}`, round: Math.floor(i / GROUPS) + 1 }));
    const found = await store.roundOutcomesFor("big", keys);
    expect(found.size).toBe(GROUPS * ROUNDS);
    for (const k of keys) expect(JSON.parse(found.get(`${k.groupId}#${k.round}`)!.groupJson).total_cost).toBe(groupValue(Number(k.groupId.slice(1)), k.round));
    expect((await store.roundOutcomesFor("big", [])).size).toBe(0);
    expect((await store.roundOutcomesFor("empty", keys.slice(0, 5))).size).toBe(0);
  });

  it("long: every row once, joined to its own group record across pages, for many sessions, one without rows and an unknown id", async () => {
    const chunks: string[] = [];
    const ids = ["big", "empty", ...small, "no-such-session"];
    const n = await writeStudyExport(store, ids, "long", async (c) => void chunks.push(c));
    const rows = parseCsv(chunks.join(""));
    const expected = GROUPS * 2 * ROUNDS + small.reduce((a, _, i) => a + (1 + (i % 3)) * 2 * (1 + (i % 2)), 0);
    expect(n).toBe(expected);
    expect(rows).toHaveLength(expected);
    expect(new Set(rows.map((r) => `${r.session}|${r.participant}|${r.round}`)).size).toBe(expected);
    for (const r of rows) expect(Number(r.group_total_cost)).toBe(groupValue(Number(String(r.group).slice(1)), Number(r.round)));
    expect([...new Set(rows.map((r) => r.session))]).toEqual(["big", ...small]);
    expect(rows.filter((r) => r.external_id === "PID-big")).toHaveLength(ROUNDS);
    // one chunk per page: the export never holds more than a page of rows
    expect(chunks.length).toBeGreaterThan(GROUPS * 2 * ROUNDS / STUDY_EXPORT_PAGE);
    for (const c of chunks.slice(1)) expect(c.split("\r\n").length - 1).toBeLessThanOrEqual(STUDY_EXPORT_PAGE);
  });

  it("wide: one row per seat, also for the seats of a session without rounds", async () => {
    const chunks: string[] = [];
    const n = await writeStudyExport(store, ["empty", "big"], "wide", async (c) => void chunks.push(c));
    const rows = parseCsv(chunks.join(""));
    expect(n).toBe(3 + GROUPS * 2);
    expect(rows).toHaveLength(3 + GROUPS * 2);
    const last = rows.find((r) => r.participant === "big-p0899")!;
    expect(Number(last[`r${ROUNDS}_group_total_cost`])).toBe(groupValue(GROUPS, ROUNDS));
    // seat as people see it: the 900th seat (index 899) is seat 900, also when read back from the rows
    expect(last.seat).toBe("900");
    const orphan: string[] = [];
    await writeStudyExport(store, ["orphan"], "wide", async (c) => void orphan.push(c));
    expect(parseCsv(orphan.join("")).map((r) => [r.participant, r.seat])).toEqual([["orphan-p0000", "1"], ["orphan-p0001", "2"]]);
  });

  it("survey: a session whose treatment has no exit survey says no_survey for every seat, not not_reached", async () => {
    const chunks: string[] = [];
    const n = await writeStudyExport(store, ["empty", "s0"], "survey", async (c) => void chunks.push(c));
    const rows = parseCsv(chunks.join(""));
    expect(n).toBe(3 + 2);
    expect(rows.map((r) => r.survey_status)).toEqual(new Array(5).fill("no_survey"));
  });

  it("is written in pages with turns of the event loop between them: other work and another request are served meanwhile", async () => {
    // other work scheduled like the server's (each turn of the loop runs it once)
    let ticks = 0;
    let ticking = true;
    const tick = () => {
      ticks++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    // another request to a server on this event loop, sent when the first page is written
    const other = createServer((_, res) => res.end("served"));
    await new Promise<void>((r) => other.listen(0, "127.0.0.1", r));
    let answered: number | null = null;
    let answer: Promise<void> | null = null;
    const ticksAtPage: number[] = [];
    const n = await writeStudyExport(store, ["big"], "long", async (chunk) => {
      ticksAtPage.push(ticks);
      if (ticksAtPage.length === 2) {
        const { port } = other.address() as AddressInfo;
        answer = fetch(`http://127.0.0.1:${port}/`).then(async (r) => void ((await r.text()) === "served" && (answered = ticksAtPage.length)));
      }
      expect(chunk.split("\r\n").length - 1).toBeLessThanOrEqual(STUDY_EXPORT_PAGE);
    });
    ticking = false;
    await answer;
    other.close();
    expect(n).toBe(GROUPS * 2 * ROUNDS);
    const pages = ticksAtPage.length - 1; // after the header
    expect(pages).toBe(Math.ceil((GROUPS * 2 * ROUNDS) / STUDY_EXPORT_PAGE));
    // the loop turned between every two pages, and between a page's read, its round-record lookup and its CSV
    for (let i = 2; i < ticksAtPage.length; i++) expect(ticksAtPage[i]! - ticksAtPage[i - 1]!, `page ${i}`).toBeGreaterThanOrEqual(3);
    expect(answered, "the other request was answered while the export was being written").not.toBeNull();
    expect(answered!).toBeLessThan(ticksAtPage.length);
  });

  it("stops at the next page when its consumer goes away", async () => {
    let pages = 0;
    const gone = new AbortController();
    await expect(
      writeStudyExport(store, ["big"], "long", async () => {
        if (++pages === 2) gone.abort();
      }, gone.signal),
    ).rejects.toBeInstanceOf(StudyExportAborted);
    expect(pages).toBe(2); // header, first page; aborted before the next read
  });
});
