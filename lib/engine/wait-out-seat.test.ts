/**
 * A person who waited out the waiting room (`waitingRoom.maxMinutes`) gives the seat back (fresh-clone review A6):
 * the seat goes to the free seats (the next join, or "Fill empty seats with bots"), while the person keeps their
 * completion code and show-up fee (the seat remembers them: lib/engine/seat-memory.ts; payments list them) and
 * cannot take a second seat with the same panel id or label.
 */
import { describe, expect, it } from "vitest";
import { paymentRows } from "../study/payments";
import { must, newSession } from "../testing/drive";
import { threeSeatTreatment } from "../testing/three-seats";
import { freeSeatProblem, unusedClaim, waitedOutSeat } from "./free-seat";
import { everyoneFinished, nextWakeMs } from "./admin";
import { reduce } from "./reduce";
import { adminView, participantView } from "./views";
import type { LoadedTreatment } from "./treatment";
import type { SessionState } from "./state";

const T0 = 1_000_000;
const MIN = 60_000;
const lt = threeSeatTreatment({ waitingRoom: { maxMinutes: 1 }, payment: { showUpFee: 2.5, perPoint: 0.1, currency: "GBP" } });
const opened = (t: LoadedTreatment = lt): SessionState => newSession(t, "test", T0).state;
const prolific = (id: string) => ({ source: "prolific", id, extra: { SESSION_ID: `s-${id}` } });

function ready(s: SessionState, pid: string, now: number, t: LoadedTreatment = lt): SessionState {
  s = must(s, t, { kind: "connect", pid }, now);
  s = must(s, t, { kind: "consent", pid }, now);
  return must(s, t, { kind: "instructions", pid }, now);
}

/** Jürgen takes seat 1 by room code, finishes the intro and waits a minute without a group. */
function jurgenWaitedOut(): SessionState {
  let s = must(opened(), lt, { kind: "claim", label: "Jürgen", browser: "b-jurgen" }, T0);
  s = ready(s, "p1", T0);
  return must(s, lt, { kind: "tick" }, T0 + MIN);
}

describe("a seat whose person waited out goes back to the free seats", () => {
  it("the one-group repro: the waited-out seat is freed, Fill empty seats with bots fills it, and the next person plays", () => {
    let s = jurgenWaitedOut();
    const p1 = s.participants.get("p1")!;
    expect([p1.stage, p1.waitedOut, waitedOutSeat(p1)]).toEqual(["done", true, true]);
    // the server's sweep frees it at once (no page to wait for: the old link keeps its final page), as may the experimenter
    expect(unusedClaim(p1, T0 + MIN)).toBe(true);
    expect(freeSeatProblem(p1)).toBeNull();
    expect(adminView(s, lt, T0 + MIN).participants[0]!.freeable).toBe(true);
    s = must(s, lt, { kind: "freeSeat", pid: "p1", unused: true, completionCode: "NEXT1" }, T0 + MIN);
    const freed = s.participants.get("p1")!;
    expect([freed.stage, freed.claimed, freed.label, freed.waitedOut, freed.completionCode, freed.timesFreed]).toEqual(["new", false, null, undefined, "NEXT1", 1]);
    expect(freed.formerPeople).toEqual([
      { key: expect.stringMatching(/^label:jürgen/), quizAttempts: 0, atMs: T0 + MIN, waitedOut: { holder: 1, completionCode: "code-p1", label: "Jürgen", external: null } },
    ]);
    // Müller arrives: the room-code join takes the freed seat 1 (the first free one)
    const claim = reduce(s, lt, { kind: "claim", label: "Müller" }, T0 + MIN + 1);
    expect(claim.ok && claim.pid).toBe("p1");
    s = ready(claim.ok ? claim.state : s, "p1", T0 + MIN + 1);
    // the monitor: a group needs 2 more, and both seats are empty (not "no group can form")
    expect(adminView(s, lt, T0 + MIN + 1).groupWait).toMatchObject({ ready: 1, short: 2, emptySeats: 2, inIntro: 0, cannotForm: false, waitOutInMs: MIN });
    // Fill empty seats with bots: both other seats, and the group forms
    s = must(s, lt, { kind: "fillWithBots" }, T0 + MIN + 2);
    expect(s.participants.get("p1")!.stage).toBe("playing");
    expect(s.groups.size).toBe(1);
    expect(adminView(s, lt, T0 + MIN + 2).groupWait).toBeNull();
    // payments: Jürgen (waited out, show-up fee, his code) and Müller (the seat's next person, the new code)
    const rows = paymentRows(s, lt).map((r) => [r.participant, r.seatHolder, r.label, r.completionCode, r.leftBeforePlay, r.payout, r.rounds]);
    expect(rows).toEqual([
      ["p1", 1, "Jürgen", "code-p1", "waited_out", 2.5, 0],
      ["p1", 2, "Müller", "NEXT1", null, 2.5, 0],
    ]);
  });

  it("before the seat is freed, the monitor says that no group can form", () => {
    let s = jurgenWaitedOut();
    s = must(s, lt, { kind: "claim", label: "Müller" }, T0 + MIN);
    s = ready(s, "p2", T0 + MIN);
    // one group of 3: Müller waits, seat 3 is empty, Jürgen's seat is done: 2 more needed, only 1 can come
    expect(adminView(s, lt, T0 + MIN).groupWait).toMatchObject({ ready: 1, short: 2, emptySeats: 1, inIntro: 0, cannotForm: true });
    // the session is not over with a waited-out seat in it: the seat goes to the next person
    expect(everyoneFinished(s)).toBe(false);
    expect(nextWakeMs(s, lt)).toBe(T0 + 2 * MIN);
  });

  it("a panel id that waited out cannot take a second seat (a second show-up fee); the next panel id takes the freed one", () => {
    let s = must(opened(), lt, { kind: "claimPanel", external: prolific("5f00000000000000000000a1") }, T0);
    s = ready(s, "p1", T0);
    s = must(s, lt, { kind: "tick" }, T0 + MIN);
    // still holding the seat: the same panel session comes back to it (the final page)
    const back = reduce(s, lt, { kind: "claimPanel", external: prolific("5f00000000000000000000a1") }, T0 + MIN);
    expect(back.ok && back.pid).toBe("p1");
    s = must(s, lt, { kind: "freeSeat", pid: "p1", unused: true, completionCode: "NEXT1" }, T0 + MIN);
    for (const ext of [prolific("5f00000000000000000000a1"), { ...prolific("5F00000000000000000000A1"), extra: { SESSION_ID: "other" } }]) {
      const again = reduce(s, lt, { kind: "claimPanel", external: ext }, T0 + MIN + 1);
      expect(again.ok).toBe(false);
      if (!again.ok) expect(again.error.message).toMatch(/already waited for a group in this session/);
    }
    const next = reduce(s, lt, { kind: "claimPanel", external: prolific("5f00000000000000000000b2") }, T0 + MIN + 1);
    expect(next.ok && next.pid).toBe("p1");
    s = next.ok ? next.state : s;
    const rows = paymentRows(s, lt);
    expect(rows.map((r) => [r.seatHolder, r.externalId, r.completionCode, r.leftBeforePlay])).toEqual([
      [1, "5f00000000000000000000a1", "code-p1", "waited_out"],
      [2, "5f00000000000000000000b2", "NEXT1", null],
    ]);
    // the same label from the browser that waited cannot take a seat again either; a label names nobody, so the
    // same name typed in another browser is someone else's and takes the seat (fresh-clone review B3)
    let t = must(jurgenWaitedOut(), lt, { kind: "freeSeat", pid: "p1", unused: true, completionCode: "NEXT1" }, T0 + MIN);
    const label = reduce(t, lt, { kind: "claim", label: "jürgen", browser: "b-jurgen" }, T0 + MIN + 1);
    expect(label.ok).toBe(false);
    if (!label.ok) expect(label.error.message).toMatch(/already waited for a group in this session under the name/);
    const elsewhere = reduce(t, lt, { kind: "claim", label: "jürgen", browser: "b-other" }, T0 + MIN + 1);
    expect(elsewhere.ok && elsewhere.pid).toBe("p1");
    t = must(t, lt, { kind: "claim", label: "Anna" }, T0 + MIN + 1);
    expect(t.participants.get("p1")!.label).toBe("Anna");
  });

  it("a personal-link seat is freed too, and its person stays in the payments though nobody else could be them", () => {
    let s = ready(opened(), "p2", T0);
    s = must(s, lt, { kind: "tick" }, T0 + MIN);
    // the experimenter's Free seat (the server's sweep does the same)
    s = must(s, lt, { kind: "freeSeat", pid: "p2", completionCode: "NEXT2" }, T0 + MIN);
    expect(s.participants.get("p2")!.formerPeople).toEqual([{ key: null, quizAttempts: 0, atMs: T0 + MIN, waitedOut: { holder: 1, completionCode: "code-p2", label: null, external: null } }]);
    expect(paymentRows(s, lt).map((r) => [r.participant, r.seatHolder, r.completionCode, r.payout])).toEqual([["p2", 1, "code-p2", 2.5]]);
    // a seat filled with bots after it was freed keeps the person's row (bot seats are not listed)
    s = must(s, lt, { kind: "fillWithBots" }, T0 + MIN + 1);
    expect(paymentRows(s, lt).map((r) => [r.participant, r.leftBeforePlay])).toEqual([["p2", "waited_out"]]);
  });

  it("the waited-out person's final page (while the seat is theirs) shows the code and the show-up fee", () => {
    const s = jurgenWaitedOut();
    const done = participantView(s, lt, "p1", T0 + MIN)!.done!;
    expect([done.waitedOut, done.completionCode, done.payout]).toEqual([true, "code-p1", 2.5]);
  });

  it("a seat that was played is not a waited-out seat (a person waiting for their next group is not sent home)", () => {
    const t = threeSeatTreatment({ waitingRoom: { maxMinutes: 1 } });
    let s = opened(t);
    for (const pid of ["p1", "p2", "p3"]) s = ready(s, pid, T0, t);
    expect(s.groups.size).toBe(1);
    s = must(s, t, { kind: "tick" }, T0 + 10 * MIN);
    for (const pid of ["p1", "p2", "p3"]) expect(waitedOutSeat(s.participants.get(pid)!)).toBe(false);
  });
});
