/**
 * Hostile and odd input on the study features, through the real server (issue 9): panel links with
 * very long, non-ASCII, placeholder or prototype-named parameters; labels that differ only in case,
 * apostrophe or spacing; exit-survey answers of the wrong shape or size; study exports of unknown,
 * repeated or malformed session ids. Every one answers a 4xx (or a refusal in the acknowledgement)
 * with a message saying what to do; none answers 500 or shows a stack trace.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { api } from "./testing/harness";
import { openLab, type Lab } from "./testing/lab";
import { parseCsv } from "./testing/parse-csv";

const treatment = (extra: Record<string, unknown> = {}) => ({
  name: "hostile",
  game: "ids-investment",
  params: { alpha: [10, 10], W: [[1, 0.4], [0.4, 1]], c: [1, 1], rounds: 1, decisionSeconds: 60, resultsSeconds: null },
  ...extra,
});

/** A refusal a person can act on: a 4xx with a sentence, no stack frames, no "undefined". */
function expectClearRefusal(r: { status: number; text: string; json: { error?: { message?: string } } }, what: string) {
  expect(r.status, `${what}: ${r.text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(r.status, `${what}: ${r.text.slice(0, 300)}`).toBeLessThan(500);
  const message = r.json?.error?.message ?? "";
  expect(message, what).toMatch(/\w{3,}/);
  expect(message, what).not.toMatch(/\n\s+at |undefined|\[object Object\]/);
  return message;
}

describe("hostile input on the study features", () => {
  let lab: Lab;
  beforeEach(async () => {
    lab = await openLab({ botDelayMs: 0 });
  });
  afterEach(async () => {
    await lab?.close();
  });

  const create = async (extra: Record<string, unknown> = {}) => {
    const r = await api(lab.base, "/api/admin/sessions", { body: { treatment: treatment(extra) }, cookie: lab.cookie });
    expect(r.status, r.text).toBe(201);
    return { id: r.json.session.id as string, code: r.json.session.code as string };
  };
  const join = (body: unknown) => api(lab.base, "/api/join", { body });

  it("panel links: long, non-ASCII, unfilled and prototype-named parameters; a reserved panel.param is refused when the session is created", async () => {
    const refused = await api(lab.base, "/api/admin/sessions", { body: { treatment: treatment({ panel: { param: "constructor" } }) }, cookie: lab.cookie });
    expect(refused.status).toBe(400);
    expect(refused.json.errors).toEqual(['panel.param: "constructor" is a reserved name: choose another, e.g. "id"']);
    const js = await api(lab.base, "/api/admin/sessions", { body: { treatment: treatment({ completionUrl: "javascript:alert(document.cookie)" }) }, cookie: lab.cookie });
    expect(js.json.errors).toEqual(["completionUrl: give a full web address starting with https:// (or http://)"]);

    const s = await create({ panel: { param: "sona_id" } });
    const cases: [string, unknown, RegExp][] = [
      ["a 150-character id", { PROLIFIC_PID: "a".repeat(150) }, /PROLIFIC_PID in this link is not valid.*open the study link/],
      ["a 250-character id", { PROLIFIC_PID: "a".repeat(250) }, /PROLIFIC_PID/],
      ["a non-ASCII id", { workerId: "Zoë😀" }, /workerId in this link is not valid/],
      ["an unfilled placeholder", { PROLIFIC_PID: "{{%PROLIFIC_PID%}}" }, /did not fill in your id/],
      ["an empty id", { sona_id: " " }, /no real sona_id/],
      ["prototype names only", JSON.parse('{"__proto__": "x", "constructor": "y", "toString": "z"}'), /label/],
      ["a number for an id", { PROLIFIC_PID: 5 }, /PROLIFIC_PID/],
      ["MTurk's preview, with a label typed", { assignmentId: "ASSIGNMENT_ID_NOT_AVAILABLE", hitId: "h1" }, /preview of the HIT\. Please accept the HIT on MTurk first/],
      ["too many parameters", Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`utm_${i}`, "v"])), /more than 30 parameters; open the study link from the panel's study page again/],
    ];
    for (const [what, query, message] of cases) expect(expectClearRefusal(await join({ code: s.code, query, ...(what.includes("label") ? { label: "Previewer" } : {}) }), what), what).toMatch(message);
    // the first id wins when a link carries two panels' ids; the same id gets its seat back with its panel session
    const a = await join({ code: s.code, query: { PROLIFIC_PID: "5f00000000000000000000aa", SESSION_ID: "s-aa", workerId: "A1", sona_id: "7" } });
    expect(a.status).toBe(200);
    expect((await join({ code: s.code, query: { PROLIFIC_PID: "5f00000000000000000000aa", SESSION_ID: "s-aa" } })).json.token).toBe(a.json.token);
    expect((await join({ code: s.code, query: { PROLIFIC_PID: "5f00000000000000000000aa" } })).json.error.code).toBe("session/panel_id_taken");
    const sona = await join({ code: s.code, query: { sona_id: "7" } });
    expect(sona.status).toBe(200);
    expect(sona.json.token).not.toBe(a.json.token);
    const csv = parseCsv((await api(lab.base, `/api/admin/sessions/${s.id}/export/payments.csv`, { cookie: lab.cookie })).text);
    expect(csv.map((r) => `${r.external_source}:${r.external_id}`).sort()).toEqual(["prolific:5f00000000000000000000aa", "sona_id:7"]);
  });

  it("labels: case, typographic apostrophes, spacing and Unicode forms name the same label; odd labels get a message", async () => {
    const s = await create({ groups: 2 });
    expect((await join({ code: s.code, label: "O'Brien  Zoë" })).status).toBe(200);
    for (const again of ["o’brien zoë", "O'BRIEN ZOE\u0308", "  o'brien   zoë "]) {
      const r = await join({ code: s.code, label: again });
      expect(r.status, again).toBe(409);
      expect(r.json.error.message).toMatch(/already taken in this session\. If it is yours, open this page in the browser you joined with/);
    }
    const bad: [string, unknown, RegExp][] = [
      ["41 characters", "x".repeat(41), /Your label has 41 characters: at most 40 fit/],
      ["a long paste", "x".repeat(401), /use at most 40 characters for your label/],
      ["only spaces", "   ", /enter your label/],
      ["markup", "<img src=x>", /Use 1 to 40 letters, digits, spaces, apostrophes/],
      ["an emoji", "Zoë 😀", /Use 1 to 40 letters/],
      ["a number", 42, /label/],
    ];
    for (const [what, label, message] of bad) expect(expectClearRefusal(await join({ code: s.code, label }), what), what).toMatch(message);
    expect((await join({ code: s.code, label: "Anne-Marie" })).status).toBe(200);
  });

  it("exit survey: answers of the wrong shape or size are refused in the acknowledgement with a message; nothing is stored", async () => {
    const s = await create({
      bots: { seats: ["myopic"], delayMs: 0 },
      survey: [
        { id: "constructor", type: "number", prompt: "A number", min: 0, max: 10 },
        { id: "note", type: "text", prompt: "Anything else?", required: false, maxLength: 50 },
      ],
    });
    const detail = await api(lab.base, `/api/admin/sessions/${s.id}`, { cookie: lab.cookie });
    const human = (detail.json.links as { seat: number; path: string }[]).find((l) => l.seat === 1)!;
    const p = lab.join(human.path.slice(3));
    await p.passIntro();
    await p.until((v) => v.play?.myTurn === true);
    expect((await p.act("act-00000001", { type: "invest", x: 1 })).ok).toBe(true);
    await p.until((x) => x.play?.phase === "results" && x.play.myTurn);
    expect((await p.act("act-00000002", { type: "continue" })).ok).toBe(true);
    await p.until((x) => x.stage === "survey");

    const refusals: [string, unknown][] = [
      ["not an object", "nope"],
      ["a list", [1, 2]],
      ["answers missing", {}],
      ["a nested object", { answers: { constructor: { valueOf: 1 } } }],
      ["an unknown question", { answers: { constructor: 3, age: 1 } }],
      ["a prototype key only", { answers: JSON.parse('{"__proto__": 4}') }],
      ["text too long", { answers: { constructor: 3, note: "é".repeat(51) } }],
      ["text over the transport limit", { answers: { constructor: 3, note: "x".repeat(20_001) } }],
      ["a number out of range", { answers: { constructor: "1e5" } }],
      ["not a number", { answers: { constructor: "NaN" } }],
      ["Arabic-Indic digits", { answers: { constructor: "٤" } }],
      ["infinity", { answers: { constructor: "Infinity" } }],
      ["101 answers", { answers: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`q${i}`, 1])) }],
    ];
    for (const [what, payload] of refusals) {
      const ack = await p.emit("p:survey", payload);
      expect(ack.ok, what).toBe(false);
      const text = [ack.error?.message, ...Object.values(ack.error?.fields ?? {})].join(" ");
      expect(text, what).toMatch(/\w{3,}/);
      expect(text, what).not.toMatch(/\n\s+at |\[object Object\]/);
    }
    expect(p.last?.stage).toBe("survey");
    const ok = await p.emit("p:survey", { answers: { constructor: "4", note: "=1+1 Zoë’s" } });
    expect(ok.ok, JSON.stringify(ok)).toBe(true);
    await p.until((x) => x.stage === "done");
    const rows = parseCsv((await api(lab.base, `/api/admin/sessions/${s.id}/export/survey.csv`, { cookie: lab.cookie })).text);
    expect(rows.find((r) => r.survey_status === "answered")).toMatchObject({ constructor: "4", note: "'=1+1 Zoë’s" });
  });

  it("study exports: unknown, repeated and malformed session ids, unknown formats and malformed addresses", async () => {
    const s = await create({ bots: { seats: ["myopic", "random"], delayMs: 0 } });
    for (let k = 0; k < 100 && (await api(lab.base, `/api/admin/sessions/${s.id}`, { cookie: lab.cookie })).json.session.status !== "ended"; k++) await new Promise((r) => setTimeout(r, 100));
    const q = (query: string) => api(lab.base, `/api/admin/export/study.csv?${query}`, { cookie: lab.cookie });
    expect(expectClearRefusal(await q(`sessions=${encodeURIComponent("__proto__,%%,," + "z".repeat(5000))}`), "unknown ids")).toMatch(/None of the chosen sessions exists any more.*Reload the session list/);
    expect(expectClearRefusal(await q("treatment=nope"), "unknown treatment")).toMatch(/Choose at least one session/);
    expect(expectClearRefusal(await q(`format=${"x".repeat(500)}&sessions=${s.id}`), "unknown format")).toMatch(/use format=long, wide, survey, codebook/);
    // a session chosen twice is exported once
    const twice = parseCsv((await q(`sessions=${s.id},${s.id},nope`)).text);
    expect(twice).toHaveLength(2);
    for (const path of [`/api/admin/sessions/%E0%A4%A/archive`, `/api/admin/sessions/%E0%A4%A/delete`])
      expect(expectClearRefusal(await api(lab.base, path, { body: { archived: true, confirm: "X" }, cookie: lab.cookie }), path)).toMatch(/malformed %-escape/);
    expect(expectClearRefusal(await api(lab.base, "/api/rooms/%E0%A4%A/language"), "room language")).toMatch(/No session has this room code/);
  });
});
