/** The fill question says what happens to the filled seats: taken over by latecomers (default) or the bots' for good. */
import { describe, expect, it } from "vitest";
import type { AdminParticipantRow } from "@/lib/engine/views";
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

  it("names the seats whose person is offline in the intro: not filled, and play may wait for them (instructor review C11)", () => {
    const row = (over: Partial<AdminParticipantRow>) => ({ seat: 0, label: null, stage: "new", introStep: "consent", presence: "offline", offlineMs: null, leftBeforePlay: null, takeover: null, ...over }) as AdminParticipantRow;
    const seats = [
      row({ seat: 0, label: "Lu", stage: "intro", offlineMs: 60_000 }),
      row({ seat: 1, label: "Ana", stage: "waiting", presence: "online" }),
      row({ seat: 2, label: "Bo", stage: "intro", introStep: "instructions", presence: "online" }),
      row({ seat: 3 }),
    ];
    const q = fillBotsQuestion({ emptySeats: 1, strategyName: "Myopic", reserved: 0, takeOverBots: true, seats });
    expect(q).toContain(" 1 seat is held by a person offline in the intro: seat 1 Lu (offline 1 min, at the consent). It is not filled, and play may wait for them");
    expect(q).not.toContain("seat 3 Bo");
    expect(ask(true)).not.toContain("offline in the intro");
  });
});
