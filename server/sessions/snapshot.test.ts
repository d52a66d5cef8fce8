import { describe, expect, it } from "vitest";
import { games } from "../../lib/games/registry";
import { loadTreatment } from "../../lib/engine";
import { must, newSession, runBots } from "../../lib/testing/drive";
import { affectedParticipants, snapshotJson } from "./snapshot";

const load = (bots: string[]) => {
  const r = loadTreatment(
    { name: "t", game: "ids-investment", groups: 2, params: { alpha: [2, 3], W: [[1, 0.2], [0.2, 1]], c: [1, 1], rounds: 2 }, bots: { seats: bots } },
    games,
  );
  if (!r.ok) throw new Error(r.errors.join());
  return r.value;
};
const lt = load(["random", "random"]);

describe("session snapshot", () => {
  it("serialises exactly like JSON.stringify, also after many commands reuse cached parts", () => {
    const lt = load(["random", "random", "zero", "myopic"]);
    let s = newSession(lt, "snap").state;
    expect(JSON.parse(snapshotJson(s))).toEqual(JSON.parse(JSON.stringify(s)));
    const end = runBots(s, lt, 0, { until: (x) => x.version > s.version + 5 });
    s = end.state;
    expect(JSON.parse(snapshotJson(s))).toEqual(JSON.parse(JSON.stringify(s)));
    const full = runBots(s, lt, end.nowMs);
    expect(JSON.parse(snapshotJson(full.state))).toEqual(JSON.parse(JSON.stringify(full.state)));
  });

  it("names only the participants whose view may have changed", () => {
    const s0 = newSession(lt, "aff").state;
    // the bots of group 1 are waiting; a human in another seat connects: only that seat changes
    const s1 = must(s0, lt, { kind: "connect", pid: "p3" }, 0);
    expect(affectedParticipants(s0, s1)).toEqual(["p3"]);
    // consent, instructions: p3 joins the waiting room, which p4 (still new) does not see
    let s2 = must(s1, lt, { kind: "consent", pid: "p3" }, 0);
    s2 = must(s2, lt, { kind: "instructions", pid: "p3" }, 0);
    const after = affectedParticipants(s1, s2);
    expect(after).toContain("p3");
    expect(after).not.toContain("p4");
    // pausing changes everyone's view
    expect(affectedParticipants(s2, must(s2, lt, { kind: "pause" }, 0))).toHaveLength(4);
  });
});
