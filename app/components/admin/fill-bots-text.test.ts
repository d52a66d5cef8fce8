/** The fill question says what happens to the filled seats: taken over by latecomers (default) or the bots' for good. */
import { describe, expect, it } from "vitest";
import { fillBotsQuestion } from "./fill-bots-text";

const ask = (takeOverBots: boolean, reserved = 0) => fillBotsQuestion({ emptySeats: 2, strategyName: "Myopic", reserved, takeOverBots });

describe("the question before filling empty seats with bots", () => {
  it("by default (join.takeOverBots unset or true): latecomers joining with the room code take the seats over", () => {
    const q = ask(true);
    expect(q).toMatch(/^Fill the 2 empty seats with bots \(Myopic\) now\? /);
    expect(q).toContain("A latecomer who joins with the room code takes over one of them");
    expect(q).toContain("its bot keeps playing while they read");
    expect(q).not.toContain("nobody can join them");
  });

  it("with join.takeOverBots false: the bots keep the seats, nobody can join them", () => {
    const q = ask(false);
    expect(q).toContain("Bots keep these seats for the rest of the session: nobody can join them any more");
    expect(q).not.toContain("takes over");
  });

  it("names the seats taken by a join but not opened yet, which are not filled", () => {
    expect(ask(true, 1)).toContain(" 1 more seat is taken by a join but not opened yet: it is not filled");
    expect(ask(false, 2)).toContain(" 2 more seats are taken by a join but not opened yet: they are not filled");
    expect(ask(true)).not.toContain("not opened yet");
  });
});
