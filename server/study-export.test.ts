/**
 * The study-wide export across sessions (long and wide, streamed) and archiving / deleting sessions,
 * through the real server.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { adminCookie, api, freshSqlite, startApp, type TestDb } from "./testing/harness";
import type { MechlabApp } from "./app";
import { parseCsv } from "./testing/parse-csv";

const treatment = (name: string, rounds: number, extra: Record<string, unknown> = {}) => ({
  name,
  game: "ids-investment",
  params: { alpha: [10, 10], W: [[1, 0.4], [0.4, 1]], c: [1, 1], rounds, decisionSeconds: 60, resultsSeconds: null },
  bots: { seats: ["myopic", "random"], delayMs: 0 },
  ...extra,
});
const ageQuestion = { id: "age", type: "number", prompt: "How old are you?", min: 18, max: 99, unit: "years" };

describe("study-wide export, archive and delete", () => {
  let db: TestDb;
  let app: MechlabApp;
  let base: string;
  let cookie: string;
  beforeEach(async () => {
    db = await freshSqlite();
    ({ app, base } = await startApp(db.url, { botDelayMs: 0 }));
    cookie = await adminCookie(base);
  });
  afterEach(async () => {
    await app?.close();
    await db?.drop();
  });

  async function finishedSession(name: string, rounds: number, extra: Record<string, unknown> = {}) {
    const r = await api(base, "/api/admin/sessions", { body: { treatment: treatment(name, rounds, extra) }, cookie });
    expect(r.status).toBe(201);
    const id = r.json.session.id as string;
    for (let k = 0; k < 200; k++) {
      const d = await api(base, `/api/admin/sessions/${id}`, { cookie });
      if (d.json.session.status === "ended") return { id, code: r.json.session.code as string };
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error("session did not finish");
  }

  it("exports chosen sessions or all sessions of a treatment, long and wide, with the same rows as each session's file", async () => {
    const a = await finishedSession("pilot A", 2);
    const b = await finishedSession("pilot A", 3);
    const c = await finishedSession("other", 1);
    const long = parseCsv((await api(base, `/api/admin/export/study.csv?sessions=${a.id},${b.id}`, { cookie })).text);
    expect(long).toHaveLength(2 * 2 + 2 * 3);
    const perSession = [
      ...parseCsv((await api(base, `/api/admin/sessions/${a.id}/export/data.csv`, { cookie })).text),
      ...parseCsv((await api(base, `/api/admin/sessions/${b.id}/export/data.csv`, { cookie })).text),
    ];
    const key = (r: Record<string, string>) => `${r.session}|${r.participant}|${r.round}`;
    const byKey = new Map(perSession.map((r) => [key(r), r]));
    for (const r of long) expect(r).toEqual(byKey.get(key(r)));
    const byTreatment = parseCsv((await api(base, `/api/admin/export/study.csv?treatment=${encodeURIComponent("pilot A")}`, { cookie })).text);
    expect(byTreatment).toHaveLength(10);
    expect(byTreatment.some((r) => r.session === c.id)).toBe(false);
    // by name and game (the picker's choice: treatments of different games may share a name; review A9)
    const gameOf = (await api(base, `/api/admin/sessions/${a.id}`, { cookie })).json.session.gameId as string;
    const byNameAndGame = await api(base, `/api/admin/export/study.csv?treatment=${encodeURIComponent("pilot A")}&game=${encodeURIComponent(gameOf)}`, { cookie });
    expect(parseCsv(byNameAndGame.text)).toHaveLength(10);
    expect((await api(base, `/api/admin/export/study.csv?treatment=${encodeURIComponent("pilot A")}&game=ssg-defense`, { cookie })).status).toBe(400);

    const wide = parseCsv((await api(base, `/api/admin/export/study.csv?format=wide&sessions=${a.id},${b.id}`, { cookie })).text);
    expect(wide).toHaveLength(4); // one row per participant
    const fromB = wide.filter((r) => r.session === b.id);
    expect(fromB.every((r) => r.r3_payoff !== "")).toBe(true);
    expect(wide.filter((r) => r.session === a.id).every((r) => r.r3_payoff === "")).toBe(true);
    const one = fromB[0]!;
    const rounds = perSession.filter((r) => r.participant === one.participant);
    expect(rounds.map((r) => r.payoff)).toEqual([one.r1_payoff, one.r2_payoff, one.r3_payoff]);

    expect((await api(base, "/api/admin/export/study.csv", { cookie })).status).toBe(400);
    expect((await api(base, `/api/admin/export/study.csv?sessions=${a.id}`)).status).toBe(401);
  });

  it("the study codebook documents every column of the study's long, wide and survey files once per file", async () => {
    const a = await finishedSession("pilot A", 2, { survey: [ageQuestion] });
    const b = await finishedSession("pilot B", 3);
    const get = async (format: string) => {
      const r = await fetch(`${base}/api/admin/export/study.csv?format=${format}&sessions=${a.id},${b.id}`, { headers: { cookie } });
      return { name: /filename="([^"]+)"/.exec(r.headers.get("content-disposition") ?? "")?.[1], text: await r.text() };
    };
    const codebook = await get("codebook");
    expect(codebook.name).toBe("mechlab-study-codebook.csv");
    const rows = parseCsv(codebook.text);
    const entries = rows.map((r) => `${r.file}:${r.column}`);
    expect(new Set(entries).size).toBe(entries.length); // each column once per file
    for (const format of ["long", "wide", "survey"]) {
      const file = await get(format);
      const header = Object.keys(parseCsv(file.text)[0]!);
      const documented = new Set(rows.filter((r) => r.file === file.name).map((r) => r.column));
      expect(documented.size).toBeGreaterThan(0);
      const undocumented = header.filter((c) => !documented.has(c) && !(format === "wide" && /^r\d+_/.test(c) && documented.has("r<N>_<column>")));
      expect(undocumented, `${file.name}`).toEqual([]);
      if (format === "wide") // the round columns are the long file's columns
        for (const c of header.filter((h) => /^r\d+_/.test(h))) expect(rows.some((r) => r.file === "mechlab-study-long.csv" && r.column === c.replace(/^r\d+_/, ""))).toBe(true);
    }
    expect(rows.find((r) => r.file === "mechlab-study-survey.csv" && r.column === "age")?.description).toMatch(/How old are you\?.*18 to 99/);
    expect(rows.some((r) => r.file === "payments.csv")).toBe(false);

    const bogus = await api(base, `/api/admin/export/study.csv?format=xlsx&sessions=${a.id}`, { cookie });
    expect(bogus.status).toBe(400);
    expect(bogus.json.error.message).toMatch(/use format=long, wide, survey, codebook/);
  });

  it("completion codes are unique across sessions: a drawn code that a seat already has is replaced", async () => {
    const first = await finishedSession("codes A", 1);
    const codesOf = async (id: string) => (await app.manager.store.participants(id)).map((p) => p.completionCode);
    const earlier = await codesOf(first.id);
    expect(earlier).toHaveLength(2);
    // the next draw is told that every code it drew is taken (as a collision with another session would be)
    const refused: string[] = [];
    const lookup = vi.spyOn(app.manager.store, "existingCompletionCodes").mockImplementationOnce(async (codes) => (refused.push(...codes), codes));
    const second = await finishedSession("codes B", 1);
    expect(lookup).toHaveBeenCalledTimes(2);
    lookup.mockRestore();
    const codes = await codesOf(second.id);
    expect(codes).toHaveLength(2);
    for (const c of codes) {
      expect(c).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
      expect(refused).not.toContain(c);
      expect(earlier).not.toContain(c);
    }
    expect(new Set(codes).size).toBe(2);
  });

  it("archives and deletes (a running session cannot be deleted; the room code confirms)", async () => {
    const done = await finishedSession("x", 1);
    const arch = await api(base, `/api/admin/sessions/${done.id}/archive`, { body: { archived: true }, cookie });
    expect(arch.status).toBe(200);
    const list = (await api(base, "/api/admin/sessions", { cookie })).json as { id: string; archivedAt: string | null }[];
    expect(list.find((s) => s.id === done.id)?.archivedAt).not.toBeNull();
    // every session of its treatment leaves an archived session out; chosen by its id it is still exported
    for (const path of ["study.csv?format=payments&", "study-report.html?"]) {
      const byTreatment = await api(base, `/api/admin/export/${path}treatment=x&game=ids-investment`, { cookie });
      expect(byTreatment.status).toBe(400);
      expect(byTreatment.json.error.message).toMatch(/neither archived nor a draft/);
    }
    expect(parseCsv((await api(base, `/api/admin/export/study.csv?sessions=${done.id}`, { cookie })).text)).toHaveLength(2);

    const running = await api(base, "/api/admin/sessions", { body: { treatment: { ...treatment("y", 1), bots: { seats: [] } } }, cookie });
    const rid = running.json.session.id as string;
    const refused = await api(base, `/api/admin/sessions/${rid}/delete`, { body: { confirm: running.json.session.code }, cookie });
    expect(refused.status).toBe(409);
    expect(refused.json.error.message).toMatch(/end it on its monitor first/);

    const wrong = await api(base, `/api/admin/sessions/${done.id}/delete`, { body: { confirm: "NOPE" }, cookie });
    expect(wrong.status).toBe(409);
    expect(wrong.json.error.message).toMatch(/type the room code/);
    const del = await api(base, `/api/admin/sessions/${done.id}/delete`, { body: { confirm: done.code.toLowerCase() }, cookie });
    expect(del.status).toBe(200);
    expect((await api(base, `/api/admin/sessions/${done.id}`, { cookie })).status).toBe(404);
    const after = (await api(base, "/api/admin/sessions", { cookie })).json as { id: string }[];
    expect(after.map((s) => s.id)).toEqual([rid]);
  });
});
