/**
 * One person, one seat number in every file (fresh-clone review A4): the number a person sees ("Seat 3"
 * = view.seat + 1), the monitor's Seat column and its payment table (row.seat + 1) and report.html show is
 * the `seat` of payments.csv, data.csv, data-wide.csv, survey.csv, data.json and the study export's files.
 * A bot holds seat 1, so the people's seats (2 and 3) are not their 0-based indexes. Real server, real sockets.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../testing/harness";
import { idsTreatment, openLab, playIdsToTheEnd, type Lab } from "../testing/lab";
import { parseCsv } from "../testing/parse-csv";

describe("seat numbers in the downloads", () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await openLab({ botDelayMs: 0 });
  });
  afterAll(() => lab.close());
  const get = (path: string) => api(lab.base, path, { cookie: lab.cookie });

  it("are the numbers the participant's screen, the monitor, its payment table and report.html show", async () => {
    const s = await lab.createSession(idsTreatment({ params: { ...idsTreatment().params, rounds: 1 }, bots: { seats: ["myopic"], delayMs: 0 } }));
    const people = new Map<string, { pid: string; screen: number }>();
    for (const label of ["Anna", "Ben"]) {
      const joined = await api(lab.base, "/api/join", { body: { code: s.code, label } });
      expect(joined.status).toBe(200);
      const p = lab.join(joined.json.token as string);
      await p.passIntro();
      const v = await p.until((x) => x.stage === "playing" || x.stage === "waiting");
      people.set(label, { pid: v.participantId, screen: v.seat + 1 });
    }
    await Promise.all(lab.clients.map((p) => playIdsToTheEnd(p, 1)));
    expect([...people.values()].map((p) => p.screen).sort()).toEqual([2, 3]);

    // what the experimenter sees: the monitor's Seat column and its payment table (seat + 1), report.html
    const monitor = (await get(`/api/admin/sessions/${s.id}`)).json.view.participants as { id: string; seat: number }[];
    const paymentTable = (await get(`/api/admin/sessions/${s.id}/payments`)).json.rows as { participant: string; seat: number }[];
    const report = (await get(`/api/admin/sessions/${s.id}/export/report.html`)).text;
    const reportRows = [.../<table data-testid="report-participants">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(report)![1]!.matchAll(/<tr><td>(\d+)<\/td><td>([^<]*)<\/td>/g)];
    const reportSeat = (label: string) => Number(reportRows.find((m) => m[2] === label)![1]);

    // what they download
    const csv = async (file: string) => parseCsv((await get(`/api/admin/sessions/${s.id}/export/${file}`)).text);
    const study = async (format: string) => parseCsv((await get(`/api/admin/export/study.csv?format=${format}&sessions=${s.id}`)).text);
    const files: Record<string, Record<string, string>[]> = {
      "payments.csv": await csv("payments.csv"),
      "data.csv": await csv("data.csv"),
      "data-wide.csv": await csv("data-wide.csv"),
      "survey.csv": await csv("survey.csv"),
      "data.json": ((await get(`/api/admin/sessions/${s.id}/export/data.json`)).json.rows as { participant: string; seat: number }[]).map((r) => ({ participant: r.participant, seat: String(r.seat) })),
      "study long": await study("long"),
      "study wide": await study("wide"),
      "study survey": await study("survey"),
      "study payments": await study("payments"),
    };

    for (const [label, { pid, screen }] of people) {
      expect(monitor.find((r) => r.id === pid)!.seat + 1, `${label}: monitor`).toBe(screen);
      expect(paymentTable.find((r) => r.participant === pid)!.seat + 1, `${label}: payment table`).toBe(screen);
      expect(reportSeat(label), `${label}: report.html`).toBe(screen);
      for (const [file, rows] of Object.entries(files)) {
        const mine = rows.filter((r) => r.participant === pid);
        expect(mine.length, `${label}: rows in ${file}`).toBeGreaterThan(0);
        expect(mine.map((r) => Number(r.seat)), `${label}: seat in ${file}`).toEqual(mine.map(() => screen));
      }
    }
    // the bot's seat too, in every file that lists it
    const bot = monitor.find((r) => ![...people.values()].some((p) => p.pid === r.id))!;
    expect(bot.seat + 1).toBe(1);
    for (const file of ["data.csv", "data-wide.csv", "survey.csv", "study long", "study wide", "study survey"])
      expect(files[file]!.filter((r) => r.participant === bot.id).map((r) => r.seat), `bot: seat in ${file}`).toContain("1");
    // the codebook says so
    const book = await csv("codebook.csv");
    for (const file of ["data.csv", "data-wide.csv", "survey.csv", "payments.csv"]) expect(book.find((r) => r.file === file && r.column === "seat")!.description, file).toMatch(/starting at 1/);
  });
});
