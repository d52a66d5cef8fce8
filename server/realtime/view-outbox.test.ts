import { describe, expect, it } from "vitest";
import type { ParticipantView } from "../../lib/engine/views";
import type { SentView } from "./view-change";
import { ViewOutbox } from "./view-outbox";

const sent = (pendingCount: number, over: Record<string, unknown> = {}): SentView => ({
  view: { stage: "playing", waiting: { ready: 4, needed: 4 }, play: { round: 1, phase: "decide", remainingMs: null, pendingCount, myTurn: false, game: {} }, ...over } as unknown as ParticipantView,
  deadlineMs: null,
});
const countOf = (s: SentView) => s.view.play!.pendingCount;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An outbox whose sends are recorded, and a participant whose current view `now` is what a rebuild returns. */
function setup(holdMs = 40) {
  const out: { pid: string; count: number; stage: string }[] = [];
  const box = new ViewOutbox((pid, s) => out.push({ pid, count: countOf(s), stage: s.view.stage }), holdMs);
  const current = new Map<string, SentView>();
  const offer = (pid: string, s: SentView) => {
    current.set(pid, s);
    box.offer(pid, s, () => current.get(pid) ?? null);
  };
  return { out, box, offer };
}

describe("view outbox", () => {
  it("sends the first view and any change beyond the count at once; an unchanged view not at all", () => {
    const { out, offer } = setup();
    offer("p1", sent(3));
    offer("p1", sent(3));
    offer("p1", sent(2, { stage: "survey" }));
    expect(out).toEqual([
      { pid: "p1", count: 3, stage: "playing" },
      { pid: "p1", count: 2, stage: "survey" },
    ]);
  });

  it("holds a change of the count alone and then sends the latest view, once", async () => {
    const { out, box, offer } = setup();
    offer("p1", sent(3));
    offer("p2", sent(3));
    offer("p1", sent(2));
    offer("p1", sent(1));
    expect(out.length).toBe(2);
    expect(box.heldCount).toBe(1);
    await sleep(80);
    expect(out.slice(2)).toEqual([{ pid: "p1", count: 1, stage: "playing" }]);
    expect(box.heldCount).toBe(0);
    // nothing more is sent later
    await sleep(80);
    expect(out.length).toBe(3);
  });

  it("sends a real change at once and drops the held count it already contains", async () => {
    const { out, box, offer } = setup();
    offer("p1", sent(3));
    offer("p1", sent(2));
    offer("p1", sent(0, { stage: "done" })); // e.g. the phase ended
    expect(out.map((o) => o.stage)).toEqual(["playing", "done"]);
    expect(box.heldCount).toBe(0);
    await sleep(80);
    expect(out.length).toBe(2);
  });

  it("drops a held view when the participant's view is back to what they were sent", async () => {
    const { out, offer } = setup();
    offer("p1", sent(3));
    offer("p1", sent(2));
    offer("p1", sent(3));
    await sleep(80);
    expect(out.length).toBe(1);
  });

  it("a forgotten participant (a new connection) gets a whole view at once", () => {
    const { out, box, offer } = setup();
    offer("p1", sent(3));
    box.forget("p1");
    offer("p1", sent(2));
    expect(out.map((o) => o.count)).toEqual([3, 2]);
  });

  it("with no hold, every change is sent at once", () => {
    const { out, offer } = setup(0);
    offer("p1", sent(3));
    offer("p1", sent(2));
    offer("p1", sent(1));
    expect(out.map((o) => o.count)).toEqual([3, 2, 1]);
  });
});
