import { describe, expect, it } from "vitest";
import type { ParticipantView } from "../../lib/engine/views";
import { sameJson } from "../../lib/core/same-json";
import { sameView, viewChange } from "./view-change";

const view = (over: Partial<ParticipantView> = {}, play: Record<string, unknown> | null = { round: 1, remainingMs: 5000, pendingCount: 2, game: { x: [1, 2] } }) =>
  ({ stage: "playing", waiting: { ready: 4, needed: 4 }, history: [{ round: 1, payoff: 3 }], play, ...over }) as unknown as ParticipantView;

describe("view change detection", () => {
  it("compares plain JSON deeply, keys in any order, arrays in order", () => {
    expect(sameJson({ a: [1, { b: null }], c: "x" }, { c: "x", a: [1, { b: null }] })).toBe(true);
    expect(sameJson({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameJson({ a: 1, b: 2 }, { a: 1, c: 2 })).toBe(false);
    expect(sameJson([], {})).toBe(false);
    expect(sameJson(0, null)).toBe(false);
  });

  it("ignores only the running timer; any other change, or a new deadline, is new", () => {
    const a = { view: view(), deadlineMs: 10_000 };
    expect(sameView(a, { view: view({}, { round: 1, remainingMs: 4000, pendingCount: 2, game: { x: [1, 2] } }), deadlineMs: 10_000 })).toBe(true);
    expect(sameView(a, { view: view(), deadlineMs: 12_000 })).toBe(false);
    expect(sameView(a, { view: view({}, { round: 1, remainingMs: 5000, pendingCount: 1, game: { x: [1, 2] } }), deadlineMs: 10_000 })).toBe(false);
    expect(sameView(a, { view: view({}, { round: 1, remainingMs: 5000, pendingCount: 2, game: { x: [1, 3] } }), deadlineMs: 10_000 })).toBe(false);
    expect(sameView(a, { view: view({ history: [{ round: 1, payoff: 4 }] } as never), deadlineMs: 10_000 })).toBe(false);
    expect(sameView(a, { view: view({}, null), deadlineMs: 10_000 })).toBe(false);
  });

  it("tells a change of the group's progress alone from any other change", () => {
    const play = (over: Record<string, unknown> = {}) => ({ round: 1, remainingMs: 5000, pendingCount: 3, myTurn: false, game: { x: [1, 2] }, ...over });
    const a = { view: view({}, play()), deadlineMs: null };
    expect(viewChange(a, { view: view({}, play({ remainingMs: 10 })), deadlineMs: null })).toBe("none");
    expect(viewChange(a, { view: view({}, play({ pendingCount: 2 })), deadlineMs: null })).toBe("progress");
    expect(viewChange(a, { view: view({ waiting: { ready: 2, needed: 4 } } as never, play()), deadlineMs: null })).toBe("progress");
    // the count and anything else: the actor's own view (their turn is over), a new phase, a new deadline
    expect(viewChange(a, { view: view({}, play({ pendingCount: 2, myTurn: true })), deadlineMs: null })).toBe("more");
    expect(viewChange(a, { view: view({}, play({ pendingCount: 2, game: { x: [1, 3] } })), deadlineMs: null })).toBe("more");
    expect(viewChange(a, { view: view({}, play({ pendingCount: 2 })), deadlineMs: 9_000 })).toBe("more");
    expect(viewChange(a, { view: view({ waiting: { ready: 4, needed: 5 } } as never, play()), deadlineMs: null })).toBe("more");
    expect(viewChange(a, { view: view({}, null), deadlineMs: null })).toBe("more");
  });
});
