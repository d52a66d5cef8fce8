/**
 * One seat, one number: the participant's screen ("Seat N" = view.seat + 1), the monitor's Seat column
 * (row.seat + 1) and the server log ("seat N (id)") name the same seat the same way.
 */
import { describe, expect, it } from "vitest";
import { games } from "../games/registry";
import { must, newSession, passIntro } from "../testing/drive";
import { loadTreatment } from "./treatment";
import { adminView, participantView } from "./views";

describe("seat numbers", () => {
  it("agree between the participant's view, the monitor and the server log", () => {
    const r = loadTreatment({ name: "t", game: "ids-investment", params: { alpha: [10, 10], W: [[1, 0.5], [0.5, 1]], c: [1, 1], rounds: 1 }, groups: 2 }, games);
    if (!r.ok) throw new Error(r.errors.join("; "));
    const lt = r.value;
    let s = newSession(lt).state;
    const notes: string[] = [];
    const sink = { state: s, rounds: [], notes };
    // seats 3 and 2 (screen numbers) arrive first and form the first group; then a bot takes seat 1
    s = passIntro(s, lt, 1_000_000, ["p3", "p2"]);
    s = must(s, lt, { kind: "replaceWithBot", pid: "p1" }, 1_000_100, sink);
    for (const kind of ["connect", "consent", "instructions"] as const) s = must(s, lt, { kind, pid: "p4" }, 1_000_200, sink);
    const monitor = adminView(s, lt, 1_000_300);
    for (const pid of ["p1", "p2", "p3", "p4"]) {
      const screen = participantView(s, lt, pid, 1_000_300)!.seat + 1;
      expect(monitor.participants.find((row) => row.id === pid)!.seat + 1).toBe(screen);
      expect(screen).toBe(Number(pid.slice(1)));
    }
    expect(notes).toContain('bot "myopic" plays seat 1 (p1) because of experimenter');
    expect(notes).toContain("group g2 formed: seat 1 (p1), seat 4 (p4)");
  });
});
