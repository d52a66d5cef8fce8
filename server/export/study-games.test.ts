/**
 * The study export of sessions played headlessly and stored in a real SQLite database: a codebook for
 * sessions of two games (a column both games have but describe differently gets one row per game), and
 * the payments of many sessions in one file.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codebookOf } from "../../lib/core/records";
import { createSessionState, loadTreatment, type LoadedTreatment, type RoundRow, type SessionState } from "../../lib/engine";
import { deepFreeze } from "../../lib/engine/draft";
import { games } from "../../lib/games/registry";
import { paymentRows } from "../../lib/study/payments";
import { must, passIntro, runBots } from "../../lib/testing/drive";
import { migrate } from "../db/migrate";
import { SessionStore } from "../sessions/store";
import { freshSqlite, type TestDb } from "../testing/harness";
import { parseCsv } from "../testing/parse-csv";
import { paymentsCsv } from "./payments";
import { num } from "./report-html";
import { StudyExportRefused, writeStudyExport } from "./study";
import { studyReportHtml } from "./study-report";

const EXAMPLES = join(import.meta.dirname, "../../examples/treatments");
const example = (file: string) => JSON.parse(readFileSync(join(EXAMPLES, file), "utf8")) as Record<string, unknown>;

/** A treatment with every seat a bot (the game's default bot). */
function allBots(raw: Record<string, unknown>): Record<string, unknown> {
  const lt = loadTreatment(raw, games);
  if (!lt.ok) throw new Error(lt.errors.join("; "));
  return { ...raw, bots: { seats: Array.from({ length: lt.value.seats }, () => lt.value.game.defaultBot), delayMs: 0 } };
}

type Play = (s: SessionState, lt: LoadedTreatment, pids: string[]) => { state: SessionState; rounds: RoundRow[] };

/** Create session `id` of `raw` in the store, play it with `play` and store the end state and its rounds. */
async function stored(store: SessionStore, id: string, raw: Record<string, unknown>, play: Play = (s, lt) => runBots(s, lt, 1_000_000)) {
  const r = loadTreatment(raw, games);
  if (!r.ok) throw new Error(r.errors.join("; "));
  const lt = r.value;
  const pids = Array.from({ length: lt.seats }, (_, i) => `${id}-p${i + 1}`);
  const codes = pids.map((_, i) => `${id.toUpperCase()}X${i}`);
  const { state, effects } = createSessionState(lt, { id, seed: id, nowMs: 1_000_000, participantIds: pids, completionCodes: codes });
  await store.create({
    id, code: id.toUpperCase(), name: `${lt.game.id} study`, gameId: lt.game.id, treatmentJson: JSON.stringify(raw), seed: id, state, effects, serverTime: new Date(1_000_000),
    participants: pids.map((p, i) => ({ id: p, seat: i, token: `token-${p}`, completionCode: codes[i]! })),
  });
  const end = play(deepFreeze(state), lt, pids);
  await store.write({ sessionId: id, persisted: state, state: end.state, rounds: end.rounds, events: [], serverTime: new Date(2_000_000) });
  return { lt, state: end.state };
}

async function exported(store: SessionStore, ids: string[], format: "codebook" | "payments" | "long" | "wide") {
  let text = "";
  await writeStudyExport(store, ids, format, async (c) => void (text += c));
  return text;
}

describe("study export of stored sessions", () => {
  let db: TestDb;
  let store: SessionStore;
  beforeAll(async () => {
    db = await freshSqlite();
    await migrate(db.url);
    store = await SessionStore.open(db.url);
  });
  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

  it("a codebook of two games: one row per game for a column the games describe differently, with the game named", async () => {
    const inv = await stored(store, "inv", allBots(example("ids-investment-3.json")));
    const piv = await stored(store, "piv", allBots(example("ids-pivotal-incomplete-3.json")));
    const invGame = `${inv.lt.game.id}@${inv.lt.game.version}`;
    const pivGame = `${piv.lt.game.id}@${piv.lt.game.version}`;
    const text = await exported(store, ["inv", "piv"], "codebook");
    expect(text.split("\r\n")[0]).toBe("column,type,unit,description,file,game");
    const book = parseCsv(text);
    const keys = book.map((r) => `${r.file}|${r.column}|${r.game}`);
    expect(new Set(keys).size).toBe(keys.length);
    const described = (game: LoadedTreatment["game"], column: string) => codebookOf(game).find((c) => c.name === column)!.description;
    // outcome_cost: both games have it, each describes it its own way
    expect(described(inv.lt.game, "outcome_cost")).not.toBe(described(piv.lt.game, "outcome_cost"));
    const cost = book.filter((r) => r.file === "mechlab-study-long.csv" && r.column === "outcome_cost");
    expect(cost.map((r) => r.game)).toEqual([invGame, pivGame]);
    expect(cost[0]!.description).toBe(described(inv.lt.game, "outcome_cost"));
    expect(cost[1]!.description).toBe(described(piv.lt.game, "outcome_cost"));
    // ... and so does each of its round columns in the wide file
    const wideCost = book.filter((r) => r.file === "mechlab-study-wide.csv" && r.column === "r1_outcome_cost");
    expect(wideCost.map((r) => r.game)).toEqual([invGame, pivGame]);
    expect(wideCost[1]!.description).toContain(described(piv.lt.game, "outcome_cost"));
    // a column with one description, or only one game's, has one row and no game
    for (const column of ["payoff", "session", "outcome_tax"]) expect(book.filter((r) => r.file === "mechlab-study-long.csv" && r.column === column).map((r) => r.game), column).toEqual([""]);
    // every column of the long and wide files is documented by its own name
    for (const [format, file] of [["long", "mechlab-study-long.csv"], ["wide", "mechlab-study-wide.csv"]] as const) {
      const header = (await exported(store, ["inv", "piv"], format)).split("\r\n")[0]!.split(",");
      const documented = new Set(book.filter((r) => r.file === file).map((r) => r.column));
      expect(header.filter((c) => !documented.has(c)), file).toEqual([]);
    }
    // and the study payments file
    expect(book.filter((r) => r.file === "mechlab-study-payments.csv").map((r) => r.column).slice(0, 3)).toEqual(["session", "treatment", "seat"]);
  });

  it("payments across sessions: session and treatment, then payments.csv's columns and figures", async () => {
    const raw = {
      name: "paid",
      game: "ids-investment",
      params: { alpha: [10, 10, 10], W: [[1, 0.4, 0.4], [0.4, 1, 0.4], [0.4, 0.4, 1]], c: [1, 1, 1], rounds: 2, decisionSeconds: 30, resultsSeconds: 5 },
      bots: { seats: ["myopic"] },
      dropout: { graceSeconds: 1, policy: "bot" },
      payment: { showUpFee: 2, perPoint: 0.05, currency: "GBP" },
    };
    // the second seat drops out as round 2 starts: a bot plays it to the end
    const dropout: Play = (s, lt, pids) => {
      const r1 = runBots(passIntro(s, lt, 1_000_000, pids.slice(1)), lt, 1_000_000, { until: (x) => x.groups.toArray()[0]?.round === 2 });
      const end = runBots(must(r1.state, lt, { kind: "disconnect", pid: pids[1]! }, r1.nowMs), lt, r1.nowMs);
      return { state: end.state, rounds: [...r1.rounds, ...end.rounds] };
    };
    const a = await stored(store, "paya", raw, dropout);
    const b = await stored(store, "payb", raw, (s, lt, pids) => runBots(passIntro(s, lt, 1_000_000, pids.slice(1)), lt, 1_000_000));
    const rows = parseCsv(await exported(store, ["paya", "payb"], "payments"));
    expect(rows.map((r) => [r.session, r.treatment, r.participant, r.finished])).toEqual([
      ["paya", "ids-investment study", "paya-p2", "FALSE"],
      ["paya", "ids-investment study", "paya-p3", "TRUE"],
      ["payb", "ids-investment study", "payb-p2", "TRUE"],
      ["payb", "ids-investment study", "payb-p3", "TRUE"],
    ]);
    // the same cells as each session's payments.csv
    const own = [...parseCsv(paymentsCsv(paymentRows(a.state, a.lt))), ...parseCsv(paymentsCsv(paymentRows(b.state, b.lt)))];
    expect(rows.map(({ session: _s, treatment: _t, ...rest }) => rest)).toEqual(own);
    for (const r of rows) expect(r.payout).toMatch(/^\d+\.\d\d$/);
  });

  it("study report: people and bot seats apart, and the people's mean points per round as payments.csv has them", async () => {
    // paya and payb (the test above): seat 1 a bot seat; in paya the second seat's person dropped out and a bot played round 2
    const paid = parseCsv(await exported(store, ["paya", "payb"], "payments"));
    const html = (await studyReportHtml(store, ["paya", "payb"]))!;
    const overview = /<table data-testid="study-sessions">[\s\S]*?<\/table>/.exec(html)![0];
    expect([...overview.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((m) => m[1]).slice(-3)).toEqual(["people", "bot seats", "mean points of people (per round)"]);
    const rows = [...overview.matchAll(/<tr><td>[\s\S]*?<\/tr>/g)].map((m) => [...m[0].matchAll(/<td>([^<]*)<\/td>/g)].map((c) => c[1]));
    for (const [i, id] of ["paya", "payb"].entries()) {
      const people = paid.filter((r) => r.session === id);
      const mean = people.reduce((a, r) => a + Number(r.points), 0) / people.reduce((a, r) => a + Number(r.rounds), 0);
      expect(rows[i]!.slice(2, 3)).toEqual([id]);
      expect(rows[i]!.slice(-3)).toEqual(["2", "1", num(mean, 2)]);
    }
  });

  it("payments: a session whose treatment no longer loads stops the file with a reason, after the complete rows", async () => {
    await store.db.session.create({ data: { id: "gone", code: "GONE", name: "old", gameId: "no-such-game", treatmentJson: JSON.stringify({ name: "old", game: "no-such-game", params: {} }), seed: "s", status: "ended", version: 1, stateJson: "{}" } });
    let text = "";
    await expect(writeStudyExport(store, ["payb", "gone"], "payments", async (c) => void (text += c))).rejects.toBeInstanceOf(StudyExportRefused);
    expect(parseCsv(text)).toHaveLength(2);
  });
});
