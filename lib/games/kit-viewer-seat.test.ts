/**
 * Every game's view fails closed for a player outside the group (attacker review H4): no view at all
 * (NotAMemberError, which the server's per-viewer crash handling turns into "no update for that screen",
 * server/sessions/game-code-errors.ts), never seat 0's view with its private parameters.
 */
import { describe, expect, it } from "vitest";
import { viewContext } from "../engine/context";
import { firstExample, botPlayed } from "../testing/example-treatments";
import { newSession, runBots } from "../testing/drive";
import { NotAMemberError, viewerSeat } from "./shared/viewer-seat";
import { games } from "./registry";

describe.each(Object.keys(games))("game module %s", (id) => {
  it("gives a player outside the group no view (not seat 0's); members and the experimenter get theirs", () => {
    const lt = botPlayed(firstExample(id), games);
    const { state } = newSession(lt);
    const s = runBots(state, lt, 1_000_000, { until: (x) => x.groups.toArray().some((g) => g.status === "playing") }).state;
    const g = s.groups.toArray().find((x) => x.status === "playing")!;
    const ctx = viewContext(s, g, lt, 1_000_000);
    const outsiders = ["p999", ...s.order.filter((pid) => !g.members.includes(pid))];
    for (const pid of outsiders) expect(() => lt.game.view(g.game, { kind: "player", playerId: pid }, ctx), pid).toThrow(NotAMemberError);
    for (const pid of g.members) expect(lt.game.view(g.game, { kind: "player", playerId: pid }, ctx)).toBeTruthy();
    // the last member's view is theirs, not seat 0's
    const last = g.members[g.members.length - 1]!;
    if (g.members.length > 1) expect(lt.game.view(g.game, { kind: "player", playerId: last }, ctx)).not.toEqual(lt.game.view(g.game, { kind: "player", playerId: g.members[0]! }, ctx));
  });
});

describe("viewerSeat", () => {
  const ctx = { players: ["a", "b"], seatOf: (pid: string) => ["a", "b"].indexOf(pid) };
  it("is the member's seat, seat 0 for the experimenter, and an error for anyone else", () => {
    expect(viewerSeat({ kind: "player", playerId: "b" }, ctx)).toEqual({ pid: "b", seat: 1 });
    expect(viewerSeat({ kind: "admin" }, ctx)).toEqual({ pid: "a", seat: 0 });
    expect(() => viewerSeat({ kind: "player", playerId: "z" }, ctx)).toThrow(/a view for z, who is not a member of this group, was asked for: none is built/);
  });
});
