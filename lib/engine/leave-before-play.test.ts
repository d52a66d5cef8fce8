import { describe, expect, it } from "vitest";
import { games } from "../games/registry";
import { paymentRows } from "../study/payments";
import { must, newSession } from "../testing/drive";
import { THREE_SEAT_PARAMS, threeSeatTreatment } from "../testing/three-seats";
import { unusedClaim } from "./free-seat";
import { loadTreatment, type LoadedTreatment } from "./treatment";
import { reduce } from "./reduce";
import { adminView, participantView } from "./views";
import type { SessionState } from "./state";

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
    expect([row.finished, row.rounds, row.points, row.leftBeforePlay]).toEqual([false, 0, 0, "declined"]);
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
    s = must(s, lt, { kind: "quiz", pid: "p1", answers: [1, 1] }, T0 + 2);
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
    s = must(s, lt, { kind: "quiz", pid: "p1", answers: [0, 0] }, T0 + 1);
    s = must(s, lt, { kind: "disconnect", pid: "p1" }, T0 + 2);
    s = must(s, lt, { kind: "freeSeat", pid: "p1", unused: true }, T0 + 3);
    expect(s.quizFailedPanelIds).toEqual([{ source: "prolific", id: "P1" }]);
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
