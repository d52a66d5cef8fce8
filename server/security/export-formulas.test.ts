/**
 * Issue 10 item 9: client ids are restricted to a safe alphabet, and no text cell of any CSV export
 * can start a spreadsheet formula; numbers (negative payoffs) stay numbers.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ActionEnvelope } from "../../lib/protocol/payloads";
import { csvCell, toCsv } from "../export/csv";
import { api, expectOk } from "../testing/harness";
import { openLab, type Lab } from "../testing/lab";
import { parseCsv } from "../testing/parse-csv";

const FORMULA = /^[=+\-@\t\r]/;

describe("CSV cells", () => {
  it("prefixes formula-like text with ' and leaves numbers alone", () => {
    expect(csvCell("=HYPERLINK(\"http://x\")")).toBe(`"'=HYPERLINK(""http://x"")"`);
    for (const t of ["+1", "-SUM(A1)", "@cmd", "\tx", "\rx"]) expect(csvCell(t).replace(/^"/, "").startsWith("'")).toBe(true);
    expect(csvCell(-3.5)).toBe("-3.5");
    expect(csvCell("plain")).toBe("plain");
    // a text starting with the guard itself is guarded too, so a typed "'-Ann" and a guarded "-Ann" stay apart
    expect(csvCell("'-Ann")).toBe("''-Ann");
    expect(csvCell("-Ann")).toBe("'-Ann");
    expect(csvCell("'tis")).toBe("''tis");
    const csv = toCsv(["a", "b"], [{ a: "=1+1", b: -2 }]);
    expect(parseCsv(csv)).toEqual([{ a: "'=1+1", b: "-2" }]);
  });

  it("accepts UUIDs as client ids and refuses formula or odd characters", () => {
    expect(ActionEnvelope.safeParse({ clientActionId: "0b6f3c1e-8d2a-4c41-9a7e-1f2d3c4b5a69", action: {}, at: { round: 1, phase: "decide", phaseSeq: 1 } }).success).toBe(true);
    for (const id of ["=HYPERLINK(1)", "+12345678", "-12345678", "@12345678", "abc", "x".repeat(101), "abcd efgh", "abcd\u0000efgh", "abcdefgh\n"]) {
      const r = ActionEnvelope.safeParse({ clientActionId: id, action: {}, at: { round: 1, phase: "decide", phaseSeq: 1 } });
      expect(r.success, id).toBe(false);
      if (!r.success) expect(r.error.issues[0]!.message).toMatch(/8 to 100 letters/);
    }
  });
});

describe("exports of a session with hostile text", () => {
  let lab: Lab;
  beforeEach(async () => {
    lab = await openLab({ botDelayMs: 0 });
  });
  afterEach(async () => lab.close());

  it("neutralises a label and an action id starting with - or = in every CSV", async () => {
    const s = await lab.createSession({
      name: "=cmd|' /C calc'!A0",
      game: "ids-investment",
      params: { alpha: [2, 3], W: [[1, 0.2], [0.2, 1]], c: [1, 1], rounds: 1, decisionSeconds: null, resultsSeconds: null },
      intro: {},
      bots: { seats: ["zero"], delayMs: 0 },
    });
    const joined = await api(lab.base, "/api/join", { body: { code: s.code, label: "-SUM 1" } });
    expect(joined.status).toBe(200);
    const p = lab.join(joined.json.token);
    await p.passIntro();
    await p.until((v) => v.play?.phase === "decide" && v.play.myTurn);
    const refused = await p.act("=HYPERLINK(\"http://evil\")", { type: "invest", x: 1 });
    expect(refused.ok).toBe(false);
    expect(refused.error.message).toMatch(/clientActionId/);
    expectOk(await p.act("act-00000001", { type: "invest", x: 1 }));
    // a rejected action whose payload text starts with "=" once read back
    await p.act("act-00000002", "=1+1");
    await p.until((v) => v.play?.phase === "results" && v.play.myTurn);
    expectOk(await p.act("act-00000003", { type: "continue" }));
    await p.until((v) => v.stage === "done");
    for (const file of ["data.csv", "events.csv", "codebook.csv"]) {
      const r = await api(lab.base, `/api/admin/sessions/${s.id}/export/${file}`, { cookie: lab.cookie });
      expect(r.status).toBe(200);
      for (const row of parseCsv(r.text))
        for (const [col, cell] of Object.entries(row)) {
          const numeric = cell !== "" && Number.isFinite(Number(cell));
          if (!numeric) expect(cell, `${file} ${col}`).not.toMatch(FORMULA);
        }
    }
    const data = parseCsv((await api(lab.base, `/api/admin/sessions/${s.id}/export/data.csv`, { cookie: lab.cookie })).text);
    expect(data.find((r) => r.label !== "")!.label).toBe("'-SUM 1");
    expect(data[0]!.treatment).toBe("'=cmd|' /C calc'!A0");
    const codebook = (await api(lab.base, `/api/admin/sessions/${s.id}/export/codebook.csv`, { cookie: lab.cookie })).text;
    expect(codebook).toMatch(/leading ' so spreadsheets do not run them as formulas/);
  });
});
