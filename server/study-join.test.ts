/**
 * Taking seats without personal links, with a real server and socket clients: online panel ids,
 * label collisions, the seat's own browser coming back, re-issued links, and the panel ids in the export.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { api } from "./testing/harness";
import { openLab, type Lab } from "./testing/lab";
import { parseCsv } from "./testing/parse-csv";

const treatment = {
  name: "Condition B: high externality",
  participantTitle: "Decision study",
  game: "ids-investment",
  params: { alpha: [10, 10], W: [[1, 0.4], [0.4, 1]], c: [1, 1], rounds: 1, decisionSeconds: 60, resultsSeconds: null },
  panel: { param: "id" },
  completionUrl: "https://app.prolific.com/submissions/complete?cc={code}",
};

describe("joining through panel links and labels", () => {
  let lab: Lab;
  beforeEach(async () => {
    lab = await openLab({ botDelayMs: 0 });
  });
  afterEach(async () => {
    await lab?.close();
  });

  async function createSession(t: Record<string, unknown> = treatment) {
    const r = await api(lab.base, "/api/admin/sessions", { body: { treatment: t }, cookie: lab.cookie });
    expect(r.status).toBe(201);
    return { id: r.json.session.id as string, code: r.json.session.code as string };
  }
  const connect = (token: string) => {
    const p = lab.join(token);
    return p;
  };
  const join = (body: Record<string, unknown>) => api(lab.base, "/api/join", { body });

  it("the join page learns the room's language and the title its participants see (never the treatment name)", async () => {
    const s = await createSession();
    const r = await api(lab.base, `/api/rooms/${s.code}/language`);
    expect(r.json).toEqual({ ok: true, language: "en", title: "Decision study" });
    expect(r.text).not.toContain("Condition B");
  });

  it("a study link with a wrong room code tells the person to contact the researcher, not to check a board (fresh-clone review A2)", async () => {
    await createSession();
    const online = await join({ code: "J8PC3BWX", query: { PROLIFIC_PID: "5f00000000000000000000aa", STUDY_ID: "st1", SESSION_ID: "se9" } });
    expect(online.status).toBe(404);
    expect(online.json.error.message).toMatch(/^This study link names a session that does not exist .*tell the researcher through the panel's messages and return the study/);
    expect(online.json.error.message).not.toMatch(/board/);
    const inRoom = await join({ code: "J8PC3BWX", label: "Ann" });
    expect(inRoom.json.error.message).toBe("No session has this room code. Check the code on the board and try again.");
  });

  it("a panel id takes the next free seat, gets it back on another device, and never takes another's seat", async () => {
    const s = await createSession();
    const a = await join({ code: s.code, query: { PROLIFIC_PID: "5f00000000000000000000aa", STUDY_ID: "st1", SESSION_ID: "se1" } });
    expect(a.status).toBe(200);
    // another device, from Prolific's own link for this person (same submission SESSION_ID)
    const aAgain = await join({ code: s.code, query: { PROLIFIC_PID: "5f00000000000000000000aa", STUDY_ID: "st1", SESSION_ID: "se1" } });
    expect(aAgain.json.token).toBe(a.json.token);
    const sona = await join({ code: s.code, query: { id: "4711" } });
    expect(sona.status).toBe(200);
    expect(sona.json.token).not.toBe(a.json.token);
    const late = await join({ code: s.code, query: { workerId: "A2ZZZ" } });
    expect(late.status).toBe(409);
    expect(late.json.error.message).toMatch(/full: all 2 places are taken/);
    const placeholder = await join({ code: s.code, query: { PROLIFIC_PID: "{{%PROLIFIC_PID%}}" } });
    expect(placeholder.status).toBe(400);
    expect(placeholder.json.error.message).toMatch(/did not fill in your id/);
    const none = await join({ code: s.code, query: { utm_source: "mail" } });
    expect(none.json.error.code).toBe("join/no_panel_id");

    // an id alone is no key (anyone with the study link can type one): without the seat's stored link or
    // the same panel session, a seat's id is refused, also once the session is full
    for (const query of [{ PROLIFIC_PID: "5f00000000000000000000aa" }, { PROLIFIC_PID: "5f00000000000000000000aa", STUDY_ID: "st1", SESSION_ID: "se2" }, { id: "4711" }, { id: "4711", SESSION_ID: "x" }]) {
      const guess = await join({ code: s.code, query });
      expect(guess.status).toBe(409);
      expect(guess.json.error.code).toBe("session/panel_id_taken");
      expect(guess.json.error.message).toMatch(/already has a seat in this study/);
      expect(guess.json.token).toBeUndefined();
    }
    // the seat's own browser, with the link it stored, gets it back; another seat's stored link does not
    expect((await join({ code: s.code, query: { id: "4711" }, resume: sona.json.token })).json.token).toBe(sona.json.token);
    expect((await join({ code: s.code, query: { PROLIFIC_PID: "5f00000000000000000000aa" }, resume: a.json.token })).json.token).toBe(a.json.token);
    const crossed = await join({ code: s.code, query: { id: "4711" }, resume: a.json.token });
    expect(crossed.json.error.code).toBe("session/panel_id_taken");

    // the participant sees a neutral title, never the treatment's name
    const p = connect(a.json.token);
    const v = await p.until((x) => x.stage === "intro");
    expect(v.title).toBe("Decision study");
    expect(JSON.stringify(v)).not.toContain("Condition B");

    const detail = await api(lab.base, `/api/admin/sessions/${s.id}`, { cookie: lab.cookie });
    const rows = detail.json.view.participants as { external: { source: string; id: string } | null }[];
    expect(rows.map((r) => r.external)).toEqual([
      { source: "prolific", id: "5f00000000000000000000aa" },
      { source: "id", id: "4711" },
    ]);
  });

  it("a label in use is refused from another browser; its own browser comes back; a re-issued link replaces the old one", async () => {
    const s = await createSession();
    const first = await join({ code: s.code, label: "O'Brien" });
    expect(first.status).toBe(200);
    const thief = await join({ code: s.code, label: "o'brien" });
    expect(thief.status).toBe(409);
    expect(thief.json.error.message).toMatch(/already taken/);
    const wrongResume = await join({ code: s.code, label: "o'brien", resume: "x".repeat(24) });
    expect(wrongResume.status).toBe(409);
    const back = await join({ code: s.code, label: "O'BRIEN", resume: first.json.token });
    expect(back.json.token).toBe(first.json.token);
    // the link of a seat with the same label in another room does not take this room's seat
    const other = await createSession();
    const elsewhere = await join({ code: other.code, label: "O'Brien" });
    expect(elsewhere.status).toBe(200);
    expect((await join({ code: s.code, label: "O'Brien", resume: elsewhere.json.token })).status).toBe(409);

    const old = connect(first.json.token);
    await old.until((v) => v.stage === "intro");
    const detail = await api(lab.base, `/api/admin/sessions/${s.id}`, { cookie: lab.cookie });
    const pid = detail.json.view.participants[0].id as string;
    const re = await api(lab.base, `/api/admin/sessions/${s.id}/participants/${pid}/reissue`, { body: {}, cookie: lab.cookie });
    expect(re.status).toBe(200);
    const fresh = (re.json.path as string).slice(3);
    expect(fresh).not.toBe(first.json.token);
    await new Promise<void>((res) => (old.socket.connected ? old.socket.once("disconnect", () => res()) : res()));
    const retry = connect(first.json.token);
    await expect(new Promise((res, rej) => (retry.socket.once("connect_error", (e) => res(e.message)), retry.socket.once("connect", () => rej(new Error("old link still works")))))).resolves.toMatch(/no longer opens a seat: .* or a new link was made for it/);
    const now = connect(fresh);
    const v = await now.until((x) => x.stage === "intro");
    expect(v.label).toBe("O'Brien");
    // the old link no longer resumes the label either
    expect((await join({ code: s.code, label: "O'Brien", resume: first.json.token })).status).toBe(409);
  });

  it("the data export carries each seat's panel id and source", async () => {
    const s = await createSession({ ...treatment, bots: { seats: ["myopic"], delayMs: 0 } });
    const a = await join({ code: s.code, query: { PROLIFIC_PID: "5f00000000000000000000bb" } });
    const p = connect(a.json.token);
    await p.passIntro();
    await p.until((v) => v.stage === "playing" && v.play?.myTurn === true);
    const ack = await p.act("act-00000001", { type: "invest", x: 1 });
    expect(ack.ok).toBe(true);
    await p.until((v) => v.play?.phase === "results" && v.play.myTurn);
    expect((await p.act("act-00000002", { type: "continue" })).ok).toBe(true);
    await p.until((v) => v.stage === "done");
    const rows = parseCsv((await api(lab.base, `/api/admin/sessions/${s.id}/export/data.csv`, { cookie: lab.cookie })).text);
    const mine = rows.find((r) => r.external_id === "5f00000000000000000000bb");
    expect(mine?.external_source).toBe("prolific");
    expect(rows.filter((r) => r.external_id === "")).toHaveLength(1); // the bot seat

    const wide = parseCsv((await api(lab.base, `/api/admin/sessions/${s.id}/export/data-wide.csv`, { cookie: lab.cookie })).text);
    expect(wide).toHaveLength(2);
    const w = wide.find((r) => r.external_id === "5f00000000000000000000bb")!;
    expect(w.r1_decision_x).toBe("1");
    expect(w.quiz_attempts).toBe("0");

    const pay = parseCsv((await api(lab.base, `/api/admin/sessions/${s.id}/export/payments.csv`, { cookie: lab.cookie })).text);
    expect(pay).toHaveLength(1); // the bot seat is not paid
    expect(pay[0]).toMatchObject({ external_id: "5f00000000000000000000bb", external_source: "prolific", bot_rounds: "0", finished: "TRUE", rounds: "1" });
    expect(pay[0]!.completion_code).toMatch(/^[A-Z0-9]{8}$/);
    expect(pay[0]!.payout).toBe("0.00"); // this treatment pays nothing
  });
});
