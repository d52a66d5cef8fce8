/**
 * "End phase now (all groups)" (instructor review C9): the monitor's button sends `decisionsOnly`, which ends
 * only the groups in a decision step while any group decides — groups reading their results read on. A
 * command without the flag (every event log written before it) ends every playing group's step, as before.
 */
import { describe, expect, it } from "vitest";
import { games } from "../games/registry";
import { must, newSession, passIntro } from "../testing/drive";
import { AdminCommandRequest } from "../protocol/payloads";
import { forceEndGroups } from "./admin";
import { adminView } from "./views";
import { loadTreatment, type LoadedTreatment } from "./treatment";
import type { SessionState } from "./state";

function load(): LoadedTreatment {
  const r = loadTreatment(
    {
      name: "t",
      game: "ids-investment",
      params: { alpha: [10, 10], W: [[1, 0.4], [0.4, 1]], c: [1, 1], rounds: 3, decisionSeconds: 30, resultsSeconds: 15 },
      groups: 3,
      matching: "fixed",
    },
    games,
  );
  if (!r.ok) throw new Error(r.errors.join("\n"));
  return r.value;
}

const invest = (pid: string) => ({ kind: "action" as const, pid, clientActionId: `${pid}-${Math.random()}`, action: { type: "invest", x: 1 } });
const where = (s: SessionState) => s.groups.toArray().map((g) => `${g.id}: r${g.round} ${g.phase}`);

/** Three groups of two: g1 and g2 read round 1's results, g3 decides (p5 invested, p6 has not). */
function classroom(lt: LoadedTreatment): SessionState {
  let s = passIntro(newSession(lt, "test", 0).state, lt, 0);
  const [g1, g2, g3] = s.groups.toArray();
  for (const pid of [...g1!.members, ...g2!.members, g3!.members[0]!]) s = must(s, lt, invest(pid), 1_000);
  expect(where(s)).toEqual(["g1: r1 results", "g2: r1 results", "g3: r1 decide"]);
  // the monitor's question counts the groups by their step's kind
  expect(adminView(s, lt, 1_000).groups.map((g) => g.phaseKind)).toEqual(["info", "info", "decision"]);
  return s;
}

describe("End phase now (all groups) while some groups read their results", () => {
  const lt = load();

  it("with decisionsOnly: ends the deciding group's step only; the groups reading results read on", () => {
    const s = must(classroom(lt), lt, { kind: "forcePhaseEnd", decisionsOnly: true }, 2_000);
    expect(where(s)).toEqual(["g1: r1 results", "g2: r1 results", "g3: r1 results"]);
    const g3 = s.groups.get("g3")!;
    expect(g3.roundStats[g3.members[1]!]?.endedBy).toBe("experimenter");
  });

  it("without the flag (a command of an older event log): every group's step ends, the results steps too — replays stay the same", () => {
    const s = must(classroom(lt), lt, { kind: "forcePhaseEnd" }, 2_000);
    expect(where(s)).toEqual(["g1: r2 decide", "g2: r2 decide", "g3: r1 results"]);
  });

  it("with decisionsOnly and no group deciding: every group's results step ends", () => {
    const s0 = must(classroom(lt), lt, invest(classroom(lt).groups.get("g3")!.members[1]!), 1_500);
    expect(where(s0)).toEqual(["g1: r1 results", "g2: r1 results", "g3: r1 results"]);
    expect(forceEndGroups(s0, lt, { decisionsOnly: true }).map((g) => g.id)).toEqual(["g1", "g2", "g3"]);
    const s = must(s0, lt, { kind: "forcePhaseEnd", decisionsOnly: true }, 2_000);
    expect(where(s)).toEqual(["g1: r2 decide", "g2: r2 decide", "g3: r2 decide"]);
  });

  it("a group's own button (groupId) ends that group's step whatever it is", () => {
    const s = must(classroom(lt), lt, { kind: "forcePhaseEnd", groupId: "g1", decisionsOnly: true }, 2_000);
    expect(where(s)).toEqual(["g1: r2 decide", "g2: r1 results", "g3: r1 decide"]);
  });

  it("the admin API accepts decisionsOnly: true (and keeps it), and refuses other values", () => {
    const ok = AdminCommandRequest.safeParse({ kind: "forcePhaseEnd", decisionsOnly: true });
    expect(ok.success && ok.data).toEqual({ kind: "forcePhaseEnd", decisionsOnly: true });
    expect(AdminCommandRequest.safeParse({ kind: "forcePhaseEnd", decisionsOnly: false }).success).toBe(false);
    expect(AdminCommandRequest.safeParse({ kind: "forcePhaseEnd", decisionsOnly: "yes" }).success).toBe(false);
  });
});
