import { describe, expect, it } from "vitest";
import { threeSeatTreatment } from "../testing/three-seats";
import { must, newSession } from "../testing/drive";
import { CLAIM_HOLD_MS, LEFT_BEFORE_PLAY_MS, unusedClaim } from "./free-seat";
import type { LoadedTreatment } from "./treatment";
import { reduce } from "./reduce";
import { adminView } from "./views";
import type { SessionState } from "./state";

const load = () => threeSeatTreatment();

const T0 = 1_000_000;

function opened(lt: LoadedTreatment): SessionState {
  return newSession(lt, "test", T0).state;
}

describe("a seat taken and never opened goes back to the free seats (seat squatting)", () => {
  it("records when a seat was taken, and frees it only after CLAIM_HOLD_MS without a browser", () => {
    const lt = load();
    const s = must(opened(lt), lt, { kind: "claim", label: "Squat" }, T0);
    const p = s.participants.get("p1")!;
    expect(p.claimedAtMs).toBe(T0);
    expect(unusedClaim(p, T0 + CLAIM_HOLD_MS - 1)).toBe(false);
    expect(unusedClaim(p, T0 + CLAIM_HOLD_MS)).toBe(true);
    const early = reduce(s, lt, { kind: "freeSeat", pid: "p1", unused: true }, T0 + CLAIM_HOLD_MS - 1);
    expect(early.ok).toBe(false);
    const freed = must(s, lt, { kind: "freeSeat", pid: "p1", unused: true }, T0 + CLAIM_HOLD_MS);
    const q = freed.participants.get("p1")!;
    expect([q.claimed, q.label, q.external, q.claimedAtMs, q.stage]).toEqual([false, null, undefined, undefined, "new"]);
    // the label can be used again, and the next join takes the seat that was freed
    const again = reduce(freed, lt, { kind: "claim", label: "Squat" }, T0 + CLAIM_HOLD_MS);
    expect(again.ok).toBe(true);
    const next = reduce(freed, lt, { kind: "claim", label: "Ana" }, T0 + CLAIM_HOLD_MS + 1);
    expect(next.ok && next.pid).toBe("p1");
  });

  it("a seat whose browser opened it is kept while connected, and freed only after LEFT_BEFORE_PLAY_MS offline before playing", () => {
    const lt = load();
    let s = must(opened(lt), lt, { kind: "claimPanel", external: { source: "prolific", id: "P1", extra: { SESSION_ID: "x" } } }, T0);
    s = must(s, lt, { kind: "connect", pid: "p1" }, T0 + 1000);
    const later = T0 + 10 * LEFT_BEFORE_PLAY_MS;
    expect(unusedClaim(s.participants.get("p1")!, later)).toBe(false);
    const r = reduce(s, lt, { kind: "freeSeat", pid: "p1", unused: true }, later);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/opened/);
    // left at the consent page: kept for LEFT_BEFORE_PLAY_MS (a locked phone comes back), then free
    s = must(s, lt, { kind: "disconnect", pid: "p1" }, T0 + 2000);
    expect(unusedClaim(s.participants.get("p1")!, T0 + 2000 + LEFT_BEFORE_PLAY_MS - 1)).toBe(false);
    const freed = must(s, lt, { kind: "freeSeat", pid: "p1", unused: true }, T0 + 2000 + LEFT_BEFORE_PLAY_MS);
    expect(freed.participants.get("p1")!.external).toBeUndefined();
    // a personal-link seat (opened by its link, never claimed by a join) is never freed by itself
    const link = must(must(opened(lt), lt, { kind: "connect", pid: "p2" }, T0), lt, { kind: "disconnect", pid: "p2" }, T0);
    expect(unusedClaim(link.participants.get("p2")!, later)).toBe(false);
  });

  it("the experimenter frees a seat in the intro or the waiting room, not one that plays; the monitor says which", () => {
    const lt = load();
    let s = opened(lt);
    for (const [pid, label] of [["p1", "A"], ["p2", "B"]] as const) {
      s = must(s, lt, { kind: "claim", label }, T0);
      s = must(s, lt, { kind: "connect", pid }, T0);
    }
    // p1 in the intro; p2 through the intro into the waiting room (a group needs 3)
    for (const kind of ["consent", "instructions"] as const) s = must(s, lt, { kind, pid: "p2" }, T0);
    expect(s.participants.get("p2")!.stage).toBe("waiting");
    expect(s.waiting).toContain("p2");
    const rows = () => new Map(adminView(s, lt, T0).participants.map((r) => [r.id, r.freeable]));
    expect(rows()).toEqual(new Map([["p1", true], ["p2", true], ["p3", false]]));
    s = must(s, lt, { kind: "freeSeat", pid: "p2" }, T0);
    expect(s.waiting).not.toContain("p2");
    expect(s.participants.get("p2")!.stage).toBe("new");
    // a third and fourth join fill a group of three with p1 waiting… p1 is still in the intro: finish it
    for (const kind of ["consent", "instructions"] as const) s = must(s, lt, { kind, pid: "p1" }, T0);
    for (const [pid, label] of [["p2", "C"], ["p3", "D"]] as const) {
      s = must(s, lt, { kind: "claim", label }, T0);
      s = must(s, lt, { kind: "connect", pid }, T0);
      for (const kind of ["consent", "instructions"] as const) s = must(s, lt, { kind, pid }, T0);
    }
    expect(s.participants.get("p1")!.stage).toBe("playing");
    const r = reduce(s, lt, { kind: "freeSeat", pid: "p1" }, T0);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/replace them by a bot/);
    expect(rows().get("p1")).toBe(false);
  });

  it("a free seat, a bot seat and a draft session cannot be freed", () => {
    const lt = load();
    const s = opened(lt);
    const free = reduce(s, lt, { kind: "freeSeat", pid: "p1" }, T0);
    expect(free.ok).toBe(false);
    const filled = must(s, lt, { kind: "fillWithBots" }, T0);
    expect(reduce(filled, lt, { kind: "freeSeat", pid: "p2" }, T0).ok).toBe(false);
    const draft = newSession(lt, "test", T0);
    const d = { ...draft.state, status: "draft" as const };
    expect(reduce(d, lt, { kind: "freeSeat", pid: "p1" }, T0).ok).toBe(false);
  });
});
