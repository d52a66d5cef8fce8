/**
 * The exit survey with a real server and socket clients: answers are checked on the server (a message
 * per question), stored before the acknowledgement (they survive a restart), once per participant,
 * and exported as survey.csv (per session and across sessions) with their codebook rows.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { api, freshSqlite, type TestDb } from "./testing/harness";
import { openLab, type Lab } from "./testing/lab";
import { parseCsv } from "./testing/parse-csv";

const treatment = {
  name: "survey test",
  game: "ids-investment",
  params: { alpha: [10, 10], W: [[1, 0.4], [0.4, 1]], c: [1, 1], rounds: 1, decisionSeconds: 60, resultsSeconds: null },
  bots: { seats: ["myopic"], delayMs: 0 },
  survey: [
    { id: "age", type: "number", prompt: "How old are you?", min: 18, max: 99, unit: "years" },
    { id: "strategy", type: "choice", prompt: "How did you decide?", options: [{ value: 1, label: "Gut feeling" }, { value: 2, label: "Calculated" }] },
    { id: "fair", type: "likert", prompt: "The rules were fair.", points: 7, lowLabel: "Disagree", highLabel: "Agree" },
    { id: "comments", type: "text", prompt: "Anything else?", required: false, maxLength: 200, multiline: true },
  ],
};

describe("the exit survey over the network", () => {
  let db: TestDb;
  let lab: Lab;
  beforeEach(async () => {
    db = await freshSqlite();
    lab = await openLab({ botDelayMs: 0, dbUrl: db.url });
  });
  afterEach(async () => {
    await lab?.close();
    await db?.drop();
  });

  it("refuses out-of-range answers per question, stores valid ones durably and exports them", async () => {
    const created = await api(lab.base, "/api/admin/sessions", { body: { treatment }, cookie: lab.cookie });
    expect(created.status).toBe(201);
    const id = created.json.session.id as string;
    const detail = await api(lab.base, `/api/admin/sessions/${id}`, { cookie: lab.cookie });
    const human = (detail.json.links as { seat: number; path: string }[]).find((l) => l.seat === 1)!; // seat 0 is the bot
    const p = lab.join(human.path.slice(3));

    expect((await p.emit("p:survey", { answers: { age: 30 } })).error.code).toBe("intro/wrong_step"); // not before play ends
    await p.passIntro();
    await p.until((v) => v.play?.myTurn === true);
    expect((await p.act("act-00000001", { type: "invest", x: 1 })).ok).toBe(true);
    await p.until((x) => x.play?.phase === "results" && x.play.myTurn);
    expect((await p.act("act-00000002", { type: "continue" })).ok).toBe(true);
    const v = await p.until((x) => x.stage === "survey");
    expect(v.survey?.questions.map((q) => q.id)).toEqual(["age", "strategy", "fair", "comments"]);

    const bad = await p.emit("p:survey", { answers: { age: 150, strategy: 3, fair: 4, comments: "" } });
    expect(bad.ok).toBe(false);
    expect(bad.error.fields).toEqual({ age: "Enter a whole number from 18 to 99.", strategy: "Please choose one of the options." });
    const junk = await p.emit("p:survey", { answers: "nope" });
    expect(junk.error.code).toBe("action/invalid_payload");

    const good = await p.emit("p:survey", { answers: { age: "42", strategy: 2, fair: 6, comments: "=SUM(A1) fine" } });
    expect(good.ok).toBe(true);
    const done = await p.until((x) => x.stage === "done");
    expect(done.done?.completionCode).toMatch(/^[A-Z0-9]{8}$/);
    expect((await p.emit("p:survey", { answers: { age: 43, strategy: 2, fair: 6 } })).error.code).toBe("action/already_submitted");

    const monitor = await api(lab.base, `/api/admin/sessions/${id}`, { cookie: lab.cookie });
    expect(monitor.json.view.survey).toEqual({ questions: 4, answered: 1, answering: 0, skipped: 0, byBots: 1 });

    // acknowledged means stored: a new server process on the same database has the answers
    await lab.close();
    lab = await openLab({ botDelayMs: 0, dbUrl: db.url });
    const csv = (await api(lab.base, `/api/admin/sessions/${id}/export/survey.csv`, { cookie: lab.cookie })).text;
    expect(csv.split("\r\n")[0]).toBe("session,treatment,seat,participant,label,external_id,external_source,survey_status,survey_ms,age,strategy,fair,comments");
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ seat: "2", survey_status: "answered", age: "42", strategy: "2", fair: "6", comments: "'=SUM(A1) fine" });
    expect(Number(rows[1]!.survey_ms)).toBeGreaterThanOrEqual(0);
    expect(rows[0]).toMatchObject({ seat: "1", survey_status: "bot" });

    const codebook = parseCsv((await api(lab.base, `/api/admin/sessions/${id}/export/codebook.csv`, { cookie: lab.cookie })).text);
    const age = codebook.find((r) => r.file === "survey.csv" && r.column === "age")!;
    expect(age).toMatchObject({ type: "number", unit: "years" });
    expect(age.description).toMatch(/"How old are you\?".*whole number from 18 to 99/);
    expect(codebook.find((r) => r.column === "strategy")!.description).toMatch(/1 = "Gut feeling", 2 = "Calculated"/);
    expect(codebook.find((r) => r.column === "fair")!.description).toMatch(/1 to 7: 1 = "Disagree", 7 = "Agree"/);
    expect(codebook.filter((r) => r.file === "data.csv").length).toBeGreaterThan(10);

    const study = parseCsv((await api(lab.base, `/api/admin/export/study.csv?format=survey&sessions=${id}`, { cookie: lab.cookie })).text);
    expect(study.map((r) => r.survey_status)).toEqual(["bot", "answered"]);
    expect(study[1]).toMatchObject({ session: id, treatment: "survey test", age: "42" });
  });
});
