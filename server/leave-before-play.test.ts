/**
 * Leaving in the intro with a real server and socket clients: "I do not agree" on the consent page and a
 * quiz with a limit on its attempts (`intro.quizMaxAttempts`): what the person's page says, what the
 * monitor and the exports show, and the seat going to someone else.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { api } from "./testing/harness";
import { openLab, type Lab } from "./testing/lab";
import { parseCsv } from "./testing/parse-csv";

const treatment = {
  name: "consent and quiz",
  game: "ids-investment",
  params: { alpha: [10, 10], W: [[1, 0.4], [0.4, 1]], c: [1, 1], rounds: 1, decisionSeconds: 60, resultsSeconds: null },
  intro: { quiz: [{ question: "2 + 2?", options: ["3", "4"], answer: 1 }], quizMaxAttempts: 2 },
  completionUrl: "https://app.prolific.com/submissions/complete?cc=STUDYCODE",
};

describe("leaving before play", () => {
  let lab: Lab;
  let now = Date.UTC(2026, 11, 6, 12);
  beforeEach(async () => {
    now = Date.UTC(2026, 11, 6, 12);
    lab = await openLab({ botDelayMs: 0, clock: () => now });
  });
  afterEach(async () => {
    await lab?.close();
  });
  const join = (body: Record<string, unknown>) => api(lab.base, "/api/join", { body });
  const monitor = async (id: string) =>
    (await api(lab.base, `/api/admin/sessions/${id}`, { cookie: lab.cookie })).json.view.participants as { id: string; stage: string; leftBeforePlay: string | null; freeable: boolean }[];
  const csv = async (id: string, file: string) => parseCsv((await api(lab.base, `/api/admin/sessions/${id}/export/${file}`, { cookie: lab.cookie })).text);

  it("a person who declines sees no completion code, the monitor and data-wide.csv say so, and the panel seat is free again once the page is closed", async () => {
    const s = await lab.createSession(treatment);
    const a = await join({ code: s.code, query: { PROLIFIC_PID: "5f00000000000000000000d1", SESSION_ID: "x1" } });
    expect(a.status).toBe(200);
    const p = lab.join(a.json.token);
    await p.until((v) => v.stage === "intro" && v.introStep === "consent");
    const ack = await p.emit("p:intro", { step: "decline" });
    expect(ack.ok).toBe(true);
    const v = await p.until((w) => w.stage === "done");
    expect(v.done).toMatchObject({ leftBeforePlay: "declined", completionCode: "", redirectUrl: null });
    expect(JSON.stringify(p.raw)).not.toContain("STUDYCODE");
    expect((await monitor(s.id))[0]).toMatchObject({ stage: "done", leftBeforePlay: "declined", freeable: true });
    const wide = await csv(s.id, "data-wide.csv");
    expect(wide.find((r) => r.external_id === "5f00000000000000000000d1")?.left_before_play).toBe("declined");
    const pay = await csv(s.id, "payments.csv");
    expect(pay.find((r) => r.external_id === "5f00000000000000000000d1")).toMatchObject({ left_before_play: "declined", finished: "FALSE", rounds: "0" });
    const events = await csv(s.id, "events.csv");
    expect(events.some((e) => e.command === "decline" && e.accepted === "TRUE")).toBe(true);

    // the page is still open: the seat stays; closed: the sweep frees it for the next person
    await lab.app.manager.sweep();
    expect((await monitor(s.id))[0]!.stage).toBe("done");
    p.close();
    await new Promise((r) => setTimeout(r, 200));
    await lab.app.manager.sweep();
    expect((await monitor(s.id))[0]!.stage).toBe("new");
    expect(await lab.app.manager.store.participantByToken(a.json.token)).toBeNull();
    // the payment table's code check still knows that this panel id took no part
    const payments = await api(lab.base, `/api/admin/sessions/${s.id}/payments`, { cookie: lab.cookie });
    expect(payments.json.formerLeavers).toEqual([{ id: "5f00000000000000000000d1", left: "declined" }]);
    // the next person from the panel takes the seat, with a completion code of their own
    const declinersCode = pay.find((r) => r.external_id === "5f00000000000000000000d1")!.completion_code;
    const next = await join({ code: s.code, query: { PROLIFIC_PID: "5f00000000000000000000d2", SESSION_ID: "x2" } });
    expect(next.status).toBe(200);
    const nextRow = (await csv(s.id, "payments.csv")).find((r) => r.external_id === "5f00000000000000000000d2")!;
    expect(nextRow.completion_code).toMatch(/^[A-Z0-9]{8}$/);
    expect(nextRow.completion_code).not.toBe(declinersCode);
    expect((await lab.app.manager.store.participants(s.id)).map((r) => r.completionCode)).toContain(nextRow.completion_code);
    // the seat keeps its participant id: seat_holder tells its two people apart, in events.csv and data-wide.csv
    const q = lab.join(next.json.token);
    await q.until((v) => v.stage === "intro");
    const pid = nextRow.participant!;
    const seatEvents = (await csv(s.id, "events.csv")).filter((e) => e.participant === pid);
    expect(seatEvents.find((e) => e.command === "decline")?.seat_holder).toBe("1");
    expect(seatEvents.find((e) => e.command === "freeSeat")?.seat_holder).toBe("1");
    expect(seatEvents.at(-1)).toMatchObject({ command: "connect", seat_holder: "2" });
    const wideNext = (await csv(s.id, "data-wide.csv")).find((r) => r.participant === pid)!;
    expect([wideNext.external_id, wideNext.seat_holder]).toEqual(["5f00000000000000000000d2", "2"]);
    // the other seat nobody took: no holder
    expect((await csv(s.id, "data-wide.csv")).find((r) => r.participant !== pid)?.seat_holder).toBe("");
    // the claim rows name the seat they took, so a panel id ties to its decline
    const claims = seatEvents.filter((e) => e.command === "claimPanel");
    expect(claims.map((e) => [JSON.parse(e.payload!).external.id, e.seat_holder])).toEqual([["5f00000000000000000000d1", "1"], ["5f00000000000000000000d2", "2"]]);
  });

  it("the quiz counts attempts down, the last wrong one ends the person's part, and that panel id cannot take a seat again", async () => {
    const s = await lab.createSession(treatment);
    const query = { PROLIFIC_PID: "5f00000000000000000000q1", SESSION_ID: "q1" };
    const a = await join({ code: s.code, query });
    const p = lab.join(a.json.token);
    await p.until((v) => v.stage === "intro");
    expect((await p.emit("p:intro", { step: "consent" })).ok).toBe(true);
    expect((await p.emit("p:intro", { step: "instructions" })).ok).toBe(true);
    await p.until((v) => v.introStep === "quiz" && v.quizAttemptsLeft === 2);
    const first = await p.emit("p:intro", { step: "quiz", answers: [0] });
    expect(first.ok).toBe(false);
    await p.until((v) => v.quizAttemptsLeft === 1);
    // the last wrong attempt is refused like the first (the event log has both as intro/wrong_answer) and ends the person's part
    const last = await p.emit("p:intro", { step: "quiz", answers: [0] });
    expect([last.ok, last.error?.code]).toEqual([false, "intro/wrong_answer"]);
    const done = await p.until((v) => v.stage === "done");
    expect(done.done?.leftBeforePlay).toBe("quizFailed");
    // a script sending a third attempt gets nowhere
    const third = await p.emit("p:intro", { step: "quiz", answers: [1] });
    expect(third.ok).toBe(false);
    p.close();
    await new Promise((r) => setTimeout(r, 200));
    await lab.app.manager.sweep();
    const wideAfter = await csv(s.id, "data-wide.csv");
    expect(wideAfter.every((r) => r.external_id !== "5f00000000000000000000q1")).toBe(true);
    // the seat's events read together: both wrong attempts refused, the script's third one too, then the server freeing that seat
    const seatEvents = (await csv(s.id, "events.csv")).filter((e) => e.participant === wideAfter[0]!.participant && (e.command === "quiz" || e.command === "freeSeat"));
    expect(seatEvents.map((e) => [e.command, e.accepted, e.error_code])).toEqual([["quiz", "FALSE", "intro/wrong_answer"], ["quiz", "FALSE", "intro/wrong_answer"], ["quiz", "FALSE", "action/match_over"], ["freeSeat", "TRUE", ""]]);
    // a fresh link from the panel for the same id: refused with a reason; another id takes the seat
    const again = await join({ code: s.code, query: { ...query, PROLIFIC_PID: query.PROLIFIC_PID.toUpperCase(), SESSION_ID: "q2" } });
    expect(again.status).toBeGreaterThanOrEqual(400);
    expect(again.json.error.message).toMatch(/used up the attempts/);
    const other = await join({ code: s.code, query: { PROLIFIC_PID: "5f00000000000000000000q2", SESSION_ID: "q3" } });
    expect(other.status).toBe(200);
  });

  it("a label's used-up attempts bar the browser that used them (its join cookie), not the name: the classmate whose name it was still joins (fresh-clone review B3)", async () => {
    const s = await lab.createSession(treatment);
    const joinAs = async (label: string, cookie?: string) => {
      const r = await fetch(`${lab.base}/api/join`, { method: "POST", headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) }, body: JSON.stringify({ code: s.code, label }) });
      return { status: r.status, json: await r.json(), setCookie: r.headers.get("set-cookie") ?? "" };
    };
    // someone with the room code takes a classmate's name and fails the quiz under it
    const a = await joinAs("Anna Schmidt");
    expect(a.status).toBe(200);
    expect(a.setCookie).toMatch(/^mechlab_browser=[A-Za-z0-9_-]{22}; Path=\/api\/join; HttpOnly; SameSite=Strict; Max-Age=2592000$/);
    const browser = a.setCookie.split(";")[0]!;
    const p = lab.join(a.json.token);
    await p.until((v) => v.stage === "intro");
    expect((await p.emit("p:intro", { step: "consent" })).ok).toBe(true);
    expect((await p.emit("p:intro", { step: "instructions" })).ok).toBe(true);
    for (let k = 0; k < 2; k++) expect((await p.emit("p:intro", { step: "quiz", answers: [0] })).ok).toBe(false);
    await p.until((v) => v.stage === "done");
    p.close();
    await new Promise((r) => setTimeout(r, 200));
    await lab.app.manager.sweep();
    expect((await monitor(s.id)).map((r) => r.stage)).toEqual(["new", "new"]);
    // the state keeps a tag of the browser, never its cookie
    const host = (await lab.app.manager.get(s.id))!;
    const remembered = JSON.stringify(host.state.participants.get((await monitor(s.id))[0]!.id)!.formerPeople);
    expect(remembered).toMatch(/"label:annaschmidt\|[A-Za-z0-9_-]{16}"/);
    expect(remembered).not.toContain(browser.split("=")[1]!);
    // that browser cannot come back under the name (in any spelling) for more attempts
    for (const label of ["Anna Schmidt", "anna schmidt."]) {
      const again = await joinAs(label, browser);
      expect(again.status, label).toBe(409);
      expect(again.json.error.message).toBe(`You have already used up the attempts at this session’s questions about the instructions under the name “${label}”, so you cannot take part again.`);
    }
    // the real Anna, in her own browser, takes a seat with both attempts
    const anna = await joinAs("Anna Schmidt");
    expect(anna.status).toBe(200);
    const q = lab.join(anna.json.token);
    expect((await q.until((v) => v.stage === "intro")).quizAttemptsLeft).toBe(2);
    q.close();
  });

  it("a database error while freeing one seat leaves it taken with its code, and the sweep frees the others", async () => {
    const s = await lab.createSession(treatment);
    const people = [];
    for (const id of ["5f00000000000000000000e1", "5f00000000000000000000e2"]) {
      const j = await join({ code: s.code, query: { PROLIFIC_PID: id, SESSION_ID: `s-${id}` } });
      const p = lab.join(j.json.token);
      await p.until((v) => v.stage === "intro");
      expect((await p.emit("p:intro", { step: "decline" })).ok).toBe(true);
      people.push(p);
    }
    for (const p of people) p.close();
    await new Promise((r) => setTimeout(r, 200));
    const store = lab.app.manager.store;
    const setCode = store.setCompletionCode.bind(store);
    let failures = 0;
    store.setCompletionCode = async (...args) => {
      if (failures++ === 0) throw new Error("disk full");
      return setCode(...args);
    };
    expect(await lab.app.manager.freeUnusedClaims()).toBe(1);
    const stages = (await monitor(s.id)).map((r) => r.stage).sort();
    expect(stages).toEqual(["done", "new"]);
    // the database and the session agree on every seat's completion code
    const host = (await lab.app.manager.get(s.id))!;
    for (const row of await store.participants(s.id)) expect(row.completionCode).toBe(host.state.participants.get(row.id)!.completionCode);
    // the next sweep frees the other one
    expect(await lab.app.manager.freeUnusedClaims()).toBe(1);
  });

  it("refuses to decline after consenting, and a step nobody knows is refused with a worded message", async () => {
    const s = await lab.createSession(treatment);
    const p = lab.join(s.tokens[0]!);
    await p.until((v) => v.stage === "intro");
    expect((await p.emit("p:intro", { step: "consent" })).ok).toBe(true);
    const late = await p.emit("p:intro", { step: "decline" });
    expect(late.ok).toBe(false);
    expect(late.error.message).toMatch(/already agreed/);
    const odd = await p.emit("p:intro", { step: "declineAll" });
    expect(odd.ok).toBe(false);
    expect((await monitor(s.id))[0]!.stage).toBe("intro");
  });
});
