/**
 * The experimenter hides an offensive label from the room's screen: the leaderboard shows the seat's number,
 * the monitor and the seat keep the label (nobody else can take it), a freed seat's next person
 * shows their own; allowed after the session ended (the debrief's leaderboard), refused with a reason otherwise.
 */
import { describe, expect, it } from "vitest";
import { threeSeatTreatment } from "../testing/three-seats";
import { newSession } from "../testing/drive";
import { reduce } from "./reduce";
import { leaderboard } from "./projector-view";
import { adminView } from "./views";
import type { Command } from "./commands";
import type { SessionState } from "./state";

const lt = threeSeatTreatment();
function ok(s: SessionState, cmd: Command): SessionState {
  const r = reduce(s, lt, cmd, 1_000_000);
  if (!r.ok) throw new Error(`${cmd.kind}: ${r.error.message}`);
  return r.state;
}
function refusal(s: SessionState, cmd: Command): string {
  const r = reduce(s, lt, cmd, 1_000_000);
  if (r.ok) throw new Error(`${cmd.kind} was accepted`);
  return r.error.message;
}
/** A session where "Rude Name" took seat 1 and "Ann" seat 2 with the room code. */
function joined(): SessionState {
  let s = newSession(lt).state;
  s = ok(s, { kind: "claim", label: "Rude Name" });
  return ok(s, { kind: "claim", label: "Ann" });
}
const labels = (s: SessionState) => leaderboard(s, 10).map((r) => r.label);

describe("hiding a label from the room's screen", () => {
  it("the leaderboard shows the seat's number instead; the monitor and the seat keep the label; showing it again brings it back", () => {
    const s0 = joined();
    expect(labels(s0)).toEqual(["Rude Name", "Ann"]);
    const s1 = ok(s0, { kind: "hideLabel", pid: "p1", hidden: true });
    expect(labels(s1)).toEqual(["Seat 1", "Ann"]);
    expect(JSON.stringify(leaderboard(s1, 10))).not.toContain("Rude");
    const row = adminView(s1, lt, 1_000_000).participants.find((p) => p.id === "p1")!;
    expect(row).toMatchObject({ label: "Rude Name", labelHidden: true });
    expect(s1.participants.get("p1")!.label).toBe("Rude Name");
    // the label stays taken: nobody else can take it to be shown in its place
    const again = reduce(s1, lt, { kind: "claim", label: "Rude Name" }, 1_000_000);
    expect(!again.ok && again.error.code).toBe("session/label_taken");
    const s2 = ok(s1, { kind: "hideLabel", pid: "p1", hidden: false });
    expect(labels(s2)).toEqual(["Rude Name", "Ann"]);
    expect(adminView(s2, lt, 1_000_000).participants.find((p) => p.id === "p1")!.labelHidden).toBe(false);
  });

  it("also after the session ended: the debrief's leaderboard stays on the screen", () => {
    const ended = ok(joined(), { kind: "end" });
    expect(ended.status).toBe("ended");
    expect(labels(ok(ended, { kind: "hideLabel", pid: "p1", hidden: true }))).toEqual(["Seat 1", "Ann"]);
  });

  it("a freed seat's next person shows their own label", () => {
    const hidden = ok(joined(), { kind: "hideLabel", pid: "p1", hidden: true });
    const freed = ok(hidden, { kind: "freeSeat", pid: "p1" });
    expect(freed.participants.get("p1")!.labelHidden).toBeUndefined();
    const next = ok(freed, { kind: "claim", label: "Bea" });
    expect(labels(next)).toContain("Bea");
  });

  it("a hidden label stays barred once its seat is freed: nobody (the same person either) joins under it or one drawn like it", () => {
    const hidden = ok(joined(), { kind: "hideLabel", pid: "p1", hidden: true });
    const freed = ok(hidden, { kind: "freeSeat", pid: "p1" });
    expect(freed.hiddenLabels).toEqual(["Rude Name"]);
    for (const again of ["Rude Name", "rude  name", "RUDE NAME"]) expect(refusal(freed, { kind: "claim", label: again })).toMatch(/cannot be used in this session/);
    // a label shown on the screen when its seat was freed is free for anyone again
    const shown = ok(ok(joined(), { kind: "freeSeat", pid: "p2" }), { kind: "claim", label: "Ann" });
    expect(shown.participants.get("p2")!.label).toBe("Ann");
  });

  it("refuses with a reason: no such seat, a seat without a label, hiding twice, showing one that is shown", () => {
    const s = joined();
    expect(refusal(s, { kind: "hideLabel", pid: "nobody", hidden: true })).toMatch(/No such participant/);
    expect(refusal(s, { kind: "hideLabel", pid: "p3", hidden: true })).toMatch(/has no label.*seat number already/);
    const hidden = ok(s, { kind: "hideLabel", pid: "p1", hidden: true });
    expect(refusal(hidden, { kind: "hideLabel", pid: "p1", hidden: true })).toMatch(/hidden from the room's screen already/);
    expect(refusal(s, { kind: "hideLabel", pid: "p1", hidden: false })).toMatch(/shown on the room's screen already/);
  });
});
