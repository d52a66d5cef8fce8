import { describe, expect, it } from "vitest";
import { GameCodeErrors, LOGGED_MAX } from "./game-code-errors";

describe("crashes of a game's view code", () => {
  it("are logged once per message, and the memory of messages stays bounded when each names a changing value", () => {
    const lines: string[] = [];
    const errors = new GameCodeErrors("s1", "g", (l) => lines.push(l));
    expect(errors.guard("view of p1", () => { throw new Error("boom"); })).toBeNull();
    expect(errors.guard("view of p2", () => { throw new Error("boom"); })).toBeNull();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^session=s1 game=g: building the view of p1 crashed/);
    expect(errors.guard("view", () => 42)).toBe(42);
    for (let i = 0; i < LOGGED_MAX; i++) errors.report("view", new Error(`bad value ${i}`));
    expect(lines).toHaveLength(1 + LOGGED_MAX);
    // the memory started again once it was full: "boom" is news again (logged once more, then quiet)
    errors.report("view", new Error("boom"));
    errors.report("view", new Error("boom"));
    expect(lines).toHaveLength(2 + LOGGED_MAX);
  });
});
