import { describe, expect, it } from "vitest";
import { games } from "../games/registry";
import { paymentRows } from "../study/payments";
import { must, newSession } from "../testing/drive";
import { THREE_SEAT_PARAMS, threeSeatTreatment } from "../testing/three-seats";
import { MAX_FORMER_PEOPLE_PER_SEAT } from "./seat-memory";
import { unusedClaim } from "./free-seat";
import { loadTreatment, type LoadedTreatment } from "./treatment";
import { reduce } from "./reduce";
import { adminView, participantView } from "./views";
import type { ExternalId, SessionState } from "./state";

const QUIZ = [
  { question: "2 + 2?", options: ["3", "4"], answer: 1 },
  { question: "Who decides?", options: ["you", "nobody"], answer: 0 },
];

const load = (intro: Record<string, unknown> = {}) => threeSeatTreatment({ intro, completionUrl: "https://app.prolific.com/submissions/complete?cc=C1" });

const T0 = 1_000_000;
const opened = (lt: LoadedTreatment): SessionState => newSession(lt, "test", T0).state;
const prolific = (id: string) => ({ source: "prolific", id, extra: { SESSION_ID: `s-${id}` } });

describe("I do not agree: a person can decline the consent", () => {
  it("declining at the consent page ends their part: no completion code, link or payment on the page, and nothing else recorded", () => {
    const lt = load();
    let s = must(opened(lt), lt, { kind: "connect", pid: "p1" }, T0);
    s = must(s, lt, { kind: "decline", pid: "p1" }, T0 + 10);
    const p = s.participants.get("p1")!;
    expect([p.stage, p.leftBeforePlay, p.groupId]).toEqual(["done", "declined", null]);
    expect(s.waiting).toEqual([]);
    const v = participantView(s, lt, "p1", T0 + 20)!;
    expect(v.done).toMatchObject({ leftBeforePlay: "declined", completionCode: "", redirectUrl: null, payout: 0 });
    // the completion code is not in the view at all (a decliner must not submit it)
    expect(JSON.stringify(v)).not.toContain(p.completionCode);
    expect(adminView(s, lt, T0 + 20).participants[0]!.leftBeforePlay).toBe("declined");
    // a second tab declining again is the same decline; "I agree" afterwards changes nothing
    const again = reduce(s, lt, { kind: "decline", pid: "p1" }, T0 + 30);
    expect(again.ok && again.duplicate).toBe(true);
    const agree = reduce(s, lt, { kind: "consent", pid: "p1" }, T0 + 30);
    expect(agree.ok && agree.state.participants.get("p1")!.stage).toBe("done");
    // the lab pays whom it pays: the seat is listed, not finished, with no rounds
    const row = paymentRows(s, lt).find((r) => r.participant === "p1")!;
    expect([row.finished, row.rounds, row.points, row.leftBeforePlay, row.payout, row.bonus]).toEqual([false, 0, 0, "declined", 0, 0]);
  });

  it("is refused after consenting (the way out is to close the page) and before the session opens", () => {
    const lt = load();
    let s = must(opened(lt), lt, { kind: "connect", pid: "p1" }, T0);
    s = must(s, lt, { kind: "consent", pid: "p1" }, T0 + 1);
    const late = reduce(s, lt, { kind: "decline", pid: "p1" }, T0 + 2);
    expect(late.ok).toBe(false);
    if (!late.ok) expect(late.error.message).toMatch(/already agreed/);
    const draft: SessionState = { ...must(opened(lt), lt, { kind: "connect", pid: "p1" }, T0), status: "draft" };
    const r = reduce(draft, lt, { kind: "decline", pid: "p1" }, T0);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/not open/);
  });

  it("a decliner's seat taken by panel id is free for someone else once the page is closed, not before", () => {
    const lt = load();
    let s = must(opened(lt), lt, { kind: "claimPanel", external: prolific("P1") }, T0);
    s = must(s, lt, { kind: "connect", pid: "p1" }, T0 + 1);
    s = must(s, lt, { kind: "decline", pid: "p1" }, T0 + 2);
    // still on the page that says so: kept
    expect(unusedClaim(s.participants.get("p1")!, T0 + 3_600_000)).toBe(false);
    s = must(s, lt, { kind: "disconnect", pid: "p1" }, T0 + 3);
    expect(unusedClaim(s.participants.get("p1")!, T0 + 3)).toBe(true);
    const freed = must(s, lt, { kind: "freeSeat", pid: "p1", unused: true }, T0 + 4);
    const q = freed.participants.get("p1")!;
    expect([q.stage, q.leftBeforePlay, q.claimed, q.external]).toEqual(["new", undefined, false, undefined]);
    // someone else takes it; a decliner may change their mind and join again (no quiz was failed)
    const other = reduce(freed, lt, { kind: "claimPanel", external: prolific("P2") }, T0 + 5);
    expect(other.ok && other.pid).toBe("p1");
    const back = reduce(freed, lt, { kind: "claimPanel", external: prolific("P1") }, T0 + 5);
    expect(back.ok).toBe(true);
  });

  it("the experimenter can free a decliner's personal-link seat to hand out its new link", () => {
    const lt = load();
    let s = must(opened(lt), lt, { kind: "connect", pid: "p2" }, T0);
    s = must(s, lt, { kind: "decline", pid: "p2" }, T0 + 1);
    expect(adminView(s, lt, T0 + 2).participants[1]!.freeable).toBe(true);
    // a personal-link seat is never freed by itself
    s = must(s, lt, { kind: "disconnect", pid: "p2" }, T0 + 3);
    expect(unusedClaim(s.participants.get("p2")!, T0 + 3_600_000)).toBe(false);
    const freed = must(s, lt, { kind: "freeSeat", pid: "p2" }, T0 + 4);
    expect(freed.participants.get("p2")!.stage).toBe("new");
  });
});

describe("intro.quizMaxAttempts: a limit on the quiz's wrong attempts", () => {
  it("counts attempts down in the view and ends the person's part at the last wrong one", () => {
    const lt = load({ quiz: QUIZ, quizMaxAttempts: 2 });
    let s = must(opened(lt), lt, { kind: "connect", pid: "p1" }, T0);
    s = must(s, lt, { kind: "consent", pid: "p1" }, T0);
    s = must(s, lt, { kind: "instructions", pid: "p1" }, T0);
    expect(participantView(s, lt, "p1", T0)!.quizAttemptsLeft).toBe(2);
    const first = reduce(s, lt, { kind: "quiz", pid: "p1", answers: [0, 0] }, T0 + 1);
    expect(first.ok).toBe(false);
    if (first.ok) return;
    expect(first.kept).toBeDefined();
    s = first.kept!;
    expect(participantView(s, lt, "p1", T0)!.quizAttemptsLeft).toBe(1);
    expect(s.participants.get("p1")!.stage).toBe("intro");
    // the last wrong attempt is refused like the others (the event log says intro/wrong_answer), and ends the person's part
    const last = reduce(s, lt, { kind: "quiz", pid: "p1", answers: [1, 1] }, T0 + 2);
    expect(last.ok).toBe(false);
    if (last.ok) return;
    expect(last.error.code).toBe("intro/wrong_answer");
    s = last.kept!;
    const p = s.participants.get("p1")!;
    expect([p.stage, p.leftBeforePlay, p.quizAttempts]).toEqual(["done", "quizFailed", 2]);
    expect(s.waiting).toEqual([]);
    expect(participantView(s, lt, "p1", T0)!.done).toMatchObject({ leftBeforePlay: "quizFailed", completionCode: "" });
    // a further attempt (another tab, a script) is refused: no attempts left
    const more = reduce(s, lt, { kind: "quiz", pid: "p1", answers: [1, 0] }, T0 + 3);
    expect(more.ok).toBe(false);
    if (!more.ok) expect(more.error.message).toMatch(/no attempts left/);
  });

  it("a right answer at the last attempt lets the person in", () => {
    const lt = load({ quiz: QUIZ, quizMaxAttempts: 1 });
    let s = must(opened(lt), lt, { kind: "connect", pid: "p1" }, T0);
    s = must(s, lt, { kind: "consent", pid: "p1" }, T0);
    s = must(s, lt, { kind: "instructions", pid: "p1" }, T0);
    s = must(s, lt, { kind: "quiz", pid: "p1", answers: [1, 0] }, T0 + 1);
    expect(s.participants.get("p1")!.stage).toBe("waiting");
    expect(s.participants.get("p1")!.leftBeforePlay).toBeUndefined();
  });

  it("without a limit the quiz can be answered wrongly any number of times", () => {
    const lt = load({ quiz: QUIZ });
    let s = must(opened(lt), lt, { kind: "connect", pid: "p1" }, T0);
    s = must(s, lt, { kind: "consent", pid: "p1" }, T0);
    s = must(s, lt, { kind: "instructions", pid: "p1" }, T0);
    expect(participantView(s, lt, "p1", T0)!.quizAttemptsLeft).toBeNull();
    for (let k = 0; k < 150; k++) {
      const r = reduce(s, lt, { kind: "quiz", pid: "p1", answers: [0, 0] }, T0 + k);
      expect(r.ok).toBe(false);
      if (!r.ok) s = r.kept!;
    }
    expect(s.participants.get("p1")!.stage).toBe("intro");
  });

  it("a panel id that used up its attempts cannot take a seat in the session again once its seat is freed", () => {
    const lt = load({ quiz: QUIZ, quizMaxAttempts: 1 });
    let s = must(opened(lt), lt, { kind: "claimPanel", external: prolific("P1") }, T0);
    s = must(s, lt, { kind: "connect", pid: "p1" }, T0);
    s = must(s, lt, { kind: "consent", pid: "p1" }, T0);
    s = must(s, lt, { kind: "instructions", pid: "p1" }, T0);
    s = (reduce(s, lt, { kind: "quiz", pid: "p1", answers: [0, 0] }, T0 + 1) as { kept: SessionState }).kept;
    s = must(s, lt, { kind: "disconnect", pid: "p1" }, T0 + 2);
    s = must(s, lt, { kind: "freeSeat", pid: "p1", unused: true }, T0 + 3);
    expect(s.participants.get("p1")!.formerPeople).toEqual([{ key: "panel:p1", quizAttempts: 1, left: "quizFailed", atMs: T0 + 3 }]);
    // the same id in another letter case, or through another panel's parameter, is the same person
    const others: ExternalId[] = [{ source: "prolific", id: "p1", extra: {} }, { source: "mturk", id: "P1", extra: { assignmentId: "a" } }];
    for (const ext of others) {
      const r = reduce(s, lt, { kind: "claimPanel", external: ext }, T0 + 4);
      expect(r.ok).toBe(false);
    }
    // with a new panel session too (a fresh link from the panel): refused with a reason
    const again = reduce(s, lt, { kind: "claimPanel", external: { source: "prolific", id: "P1", extra: { SESSION_ID: "new" } } }, T0 + 4);
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.message).toMatch(/used up the attempts/);
    // the freed seat goes to the next person
    const next = reduce(s, lt, { kind: "claimPanel", external: prolific("P2") }, T0 + 4);
    expect(next.ok && next.pid).toBe("p1");
  });

  it("is checked when the treatment is loaded: a whole number of at least 1, and only with quiz questions", () => {
    const bad = (intro: Record<string, unknown>) => {
      const r = loadTreatment({ name: "t", game: "ids-investment", params: THREE_SEAT_PARAMS, intro }, games);
      return r.ok ? [] : r.errors;
    };
    expect(bad({ quiz: QUIZ, quizMaxAttempts: 0 }).join("\n")).toMatch(/quizMaxAttempts.*at least 1/);
    expect(bad({ quiz: QUIZ, quizMaxAttempts: 1.5 }).join("\n")).toMatch(/quizMaxAttempts.*whole number/);
    expect(bad({ quizMaxAttempts: 3 }).join("\n")).toMatch(/quizMaxAttempts.*add quiz questions/);
    expect(bad({ quiz: QUIZ, quizMaxAttempts: 3 })).toEqual([]);
  });
});

describe("a person whose seat was freed does not get the quiz's attempts afresh", () => {
  const QUIZ3 = { quiz: QUIZ, quizMaxAttempts: 3 };
  /** Take a seat with `claim`, open it, consent, read, answer the quiz wrongly `wrong` times, leave; then the seat is freed. */
  function attemptsThenLeave(lt: LoadedTreatment, claim: Parameters<typeof reduce>[2], wrong: number): SessionState {
    let s = must(opened(lt), lt, claim, T0);
    s = must(s, lt, { kind: "connect", pid: "p1" }, T0);
    s = must(s, lt, { kind: "consent", pid: "p1" }, T0);
    s = must(s, lt, { kind: "instructions", pid: "p1" }, T0);
    for (let k = 0; k < wrong; k++) s = (reduce(s, lt, { kind: "quiz", pid: "p1", answers: [0, 0] }, T0 + k) as { kept: SessionState }).kept;
    s = must(s, lt, { kind: "disconnect", pid: "p1" }, T0 + 10);
    return must(s, lt, { kind: "freeSeat", pid: "p1" }, T0 + 20);
  }

  it("a panel id that left in the middle of the quiz keeps the attempts it used, in any letter case", () => {
    const lt = load(QUIZ3);
    const s = attemptsThenLeave(lt, { kind: "claimPanel", external: prolific("AbC1") }, 2);
    const back = reduce(s, lt, { kind: "claimPanel", external: { source: "prolific", id: "abc1", extra: { SESSION_ID: "new" } } }, T0 + 30);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.state.participants.get(back.pid!)!.quizAttempts).toBe(2);
    expect(participantView(back.state, lt, back.pid!, T0 + 30)!.quizAttemptsLeft).toBe(1);
    // someone else starts afresh
    const other = reduce(s, lt, { kind: "claimPanel", external: prolific("XyZ9") }, T0 + 30);
    expect(other.ok && other.state.participants.get(other.pid!)!.quizAttempts).toBe(0);
  });

  it("a label (room code) likewise, from the same browser: the same name keeps its attempts, and one that used them all up is refused by name", () => {
    const lt = load(QUIZ3);
    const s = attemptsThenLeave(lt, { kind: "claim", label: "Quinn", browser: "b1" }, 1);
    const back = reduce(s, lt, { kind: "claim", label: "quinn", browser: "b1" }, T0 + 30);
    expect(back.ok && back.state.participants.get(back.pid!)!.quizAttempts).toBe(1);
    const failed = attemptsThenLeave(lt, { kind: "claim", label: "Quinn", browser: "b1" }, 3);
    // in any letter case, spacing or punctuation (as labels compare)
    for (const label of ["Quinn", "QUINN", "Quinn.", "Qu inn"]) {
      const again = reduce(failed, lt, { kind: "claim", label, browser: "b1" }, T0 + 30);
      expect(again.ok, label).toBe(false);
      if (!again.ok) expect(again.error.message).toBe(`You have already used up the attempts at this session’s questions about the instructions under the name “${label}”, so you cannot take part again.`);
    }
  });

  it("a label names nobody: the quiz's attempts used under it bar only the browser that used them, not the name (fresh-clone review B3)", () => {
    const lt = load(QUIZ3);
    // someone with the room code fails the quiz under a classmate's name; the seat is freed
    const failed = attemptsThenLeave(lt, { kind: "claim", label: "Anna Schmidt", browser: "attacker" }, 3);
    expect(failed.participants.get("p1")!.formerPeople).toHaveLength(1);
    // the real Anna, in her own browser, takes a seat with every attempt
    const anna = reduce(failed, lt, { kind: "claim", label: "Anna Schmidt", browser: "anna" }, T0 + 30);
    expect(anna.ok && anna.state.participants.get(anna.pid!)).toMatchObject({ label: "Anna Schmidt", quizAttempts: 0, claimedBrowser: "anna" });
    if (anna.ok) expect(participantView(anna.state, lt, anna.pid!, T0 + 30)!.quizAttemptsLeft).toBe(3);
    // so does a join the server could tell no browser of
    const unknown = reduce(failed, lt, { kind: "claim", label: "Anna Schmidt" }, T0 + 30);
    expect(unknown.ok && unknown.state.participants.get(unknown.pid!)!.quizAttempts).toBe(0);
    // Anna answers once wrongly and leaves; her seat is freed: each browser keeps its own record under the name
    if (!anna.ok) return;
    let s = must(anna.state, lt, { kind: "connect", pid: anna.pid! }, T0 + 31);
    s = must(s, lt, { kind: "consent", pid: anna.pid! }, T0 + 31);
    s = must(s, lt, { kind: "instructions", pid: anna.pid! }, T0 + 31);
    s = (reduce(s, lt, { kind: "quiz", pid: anna.pid!, answers: [0, 0] }, T0 + 32) as { kept: SessionState }).kept;
    s = must(must(s, lt, { kind: "disconnect", pid: anna.pid! }, T0 + 33), lt, { kind: "freeSeat", pid: anna.pid! }, T0 + 34);
    const barred = reduce(s, lt, { kind: "claim", label: "Anna Schmidt", browser: "attacker" }, T0 + 40);
    expect(!barred.ok && barred.error.code).toBe("auth/not_allowed");
    const annaBack = reduce(s, lt, { kind: "claim", label: "Anna Schmidt", browser: "anna" }, T0 + 40);
    expect(annaBack.ok && annaBack.state.participants.get(annaBack.pid!)!.quizAttempts).toBe(1);
    // a label taken without a browser tag leaves nothing to remember
    const untagged = attemptsThenLeave(lt, { kind: "claim", label: "Quinn" }, 3);
    expect(untagged.participants.get("p1")!.formerPeople).toBeUndefined();
  });

  it("a name drawn like a failed one is another person; ids of a treatment's own panel parameter are not remembered (anyone can type SONA's small numbers)", () => {
    const lt = load(QUIZ3);
    const failed = attemptsThenLeave(lt, { kind: "claim", label: "Ella" }, 3);
    const alike = reduce(failed, lt, { kind: "claim", label: "Eila" }, T0 + 30);
    expect(alike.ok && alike.state.participants.get(alike.pid!)!.quizAttempts).toBe(0);
    const sona = load({ ...QUIZ3 });
    const s = attemptsThenLeave(sona, { kind: "claimPanel", external: { source: "id", id: "3", extra: {} } }, 3);
    expect(s.participants.get("p1")!.formerPeople).toBeUndefined();
    const real = reduce(s, sona, { kind: "claimPanel", external: { source: "id", id: "3", extra: {} } }, T0 + 30);
    expect(real.ok && real.state.participants.get(real.pid!)!.quizAttempts).toBe(0);
  });

  it("a seat remembers at most MAX_FORMER_PEOPLE_PER_SEAT people, the latest", () => {
    const lt = load(QUIZ3);
    let s = opened(lt);
    for (let k = 0; k < MAX_FORMER_PEOPLE_PER_SEAT + 5; k++) {
      s = must(s, lt, { kind: "claimPanel", external: prolific(`id${k}`) }, T0 + k);
      s = must(s, lt, { kind: "connect", pid: "p1" }, T0 + k);
      s = must(s, lt, { kind: "decline", pid: "p1" }, T0 + k);
      s = must(must(s, lt, { kind: "disconnect", pid: "p1" }, T0 + k), lt, { kind: "freeSeat", pid: "p1", unused: true }, T0 + k);
    }
    const list = s.participants.get("p1")!.formerPeople!;
    expect(list).toHaveLength(MAX_FORMER_PEOPLE_PER_SEAT);
    expect(list.at(-1)!.key).toBe(`panel:id${MAX_FORMER_PEOPLE_PER_SEAT + 4}`);
    expect(list[0]!.key).toBe("panel:id5");
  });

  it("remembers nobody who never answered the quiz nor left (a squatter's seat freed leaves no trace)", () => {
    const lt = load(QUIZ3);
    const s = attemptsThenLeave(lt, { kind: "claim", label: "Ann" }, 0);
    expect(s.participants.get("p1")!.formerPeople).toBeUndefined();
  });
});

describe("the room's screen and payments for people who took no part", () => {
  it("a decliner is not counted as joined nor listed on the leaderboard, and is paid nothing", async () => {
    const { projectorView } = await import("./projector-view");
    const lt = load();
    let s = must(opened(lt), lt, { kind: "claim", label: "Dora" }, T0);
    s = must(s, lt, { kind: "claim", label: "Eli" }, T0);
    s = must(s, lt, { kind: "connect", pid: "p1" }, T0);
    s = must(s, lt, { kind: "connect", pid: "p2" }, T0);
    s = must(s, lt, { kind: "decline", pid: "p1" }, T0);
    const v = projectorView(s, lt, T0, "ROOM", []);
    expect(v.joined).toBe(1);
    expect(v.leaderboard?.map((r) => r.label)).toEqual(["Eli"]);
    const lt2 = threeSeatTreatment({ payment: { showUpFee: 5, perPoint: 0.1, currency: "GBP" } });
    const rows = paymentRows(must(must(opened(lt2), lt2, { kind: "connect", pid: "p1" }, T0), lt2, { kind: "decline", pid: "p1" }, T0), lt2);
    expect(rows.map((r) => [r.leftBeforePlay, r.payout])).toEqual([["declined", 0]]);
  });
});

describe("people who take no part do not end the session", () => {
  it("everyone declining on seats taken by panel id leaves the session open for the next people", () => {
    const lt = load();
    let s = opened(lt);
    for (const [i, id] of ["A1", "B2", "C3"].entries()) {
      s = must(s, lt, { kind: "claimPanel", external: prolific(id) }, T0);
      s = must(s, lt, { kind: "connect", pid: `p${i + 1}` }, T0);
      s = must(s, lt, { kind: "decline", pid: `p${i + 1}` }, T0);
    }
    expect(s.status).toBe("running");
    for (const pid of ["p1", "p2", "p3"]) s = must(must(s, lt, { kind: "disconnect", pid }, T0 + 1), lt, { kind: "freeSeat", pid, unused: true }, T0 + 2);
    const next = reduce(s, lt, { kind: "claimPanel", external: prolific("D4") }, T0 + 3);
    expect(next.ok).toBe(true);
  });

  it("a lab session whose personal-link seats all declined stays open; one that some played ends when the last one leaves, not one whose others waited out", () => {
    const lt = load();
    let s = opened(lt);
    for (const pid of ["p1", "p2", "p3"]) s = must(must(s, lt, { kind: "connect", pid }, T0), lt, { kind: "decline", pid }, T0);
    expect(s.status).toBe("running");

    // two people wait out the waiting room (show-up fee), the third fails the quiz last: the waited-out seats go to
    // the next people (fresh-clone review A6: they never played), so the session stays open for them
    const lq = threeSeatTreatment({ intro: { quiz: QUIZ, quizMaxAttempts: 1 }, waitingRoom: { maxMinutes: 1 } });
    let t = opened(lq);
    for (const pid of ["p1", "p2", "p3"]) t = must(must(must(t, lq, { kind: "connect", pid }, T0), lq, { kind: "consent", pid }, T0), lq, { kind: "instructions", pid }, T0);
    for (const pid of ["p1", "p2"]) t = must(t, lq, { kind: "quiz", pid, answers: [1, 0] }, T0);
    t = must(t, lq, { kind: "tick" }, T0 + 61_000);
    expect(["p1", "p2"].map((pid) => t.participants.get(pid)!.waitedOut)).toEqual([true, true]);
    expect(t.status).toBe("running");
    const last = reduce(t, lq, { kind: "quiz", pid: "p3", answers: [0, 0] }, T0 + 62_000);
    expect(!last.ok && last.kept?.status).toBe("running");
  });
});
