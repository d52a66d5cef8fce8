/** The invariant checks of the engine's property test find what they are meant to find. */
import { describe, expect, it } from "vitest";
import { ChunkMap, plainSessionState, type RoundRow, type SessionState } from "../engine";
import { must, newSession, passIntro, runBots } from "./drive";
import { barrierViolations, deadlineViolations, historyViolations, membershipViolations, progressViolations, serialisationViolations, viewLeaks } from "./invariants";
import { propertyScenarios } from "./property-scenarios";

const [fixed, random] = propertyScenarios();
/** A deep copy that keeps what JSON would not (NaN): the checks must find it. */
const copy = (s: SessionState): SessionState => {
  const c = structuredClone(plainSessionState(s));
  return { ...c, participants: ChunkMap.fromRecord(c.participants), groups: ChunkMap.fromRecord(c.groups) };
};

/** A fixed-matching session two rounds in, with its round rows. */
function played(): { s: SessionState; ledger: RoundRow[] } {
  const lt = fixed!.lt;
  let s = passIntro(newSession(lt).state, lt, 0, ["p2"]);
  const run = runBots(must(s, lt, { kind: "fillWithBots" }, 0), lt, 0, { until: (x) => x.participants.every((p) => p.history.length >= 1) });
  s = run.state;
  return { s, ledger: run.rounds };
}

describe("invariant checks", () => {
  it("hold on a session played by bots", () => {
    const { s, ledger } = played();
    expect(ledger.length).toBeGreaterThan(0);
    expect([...historyViolations(s, fixed!.lt, ledger), ...deadlineViolations(s, fixed!.lt), ...membershipViolations(s), ...serialisationViolations(s), ...viewLeaks(s, fixed!.lt, 0, fixed!.secretsOf)]).toEqual([]);
  });

  it("find a repeated or missing round record", () => {
    const { s, ledger } = played();
    const twice = copy(s);
    const p = twice.participants.get("p1")!;
    p.history = [...p.history, p.history[0]!];
    expect(historyViolations(twice, fixed!.lt, ledger).join("\n")).toMatch(/p1: history .* but the recorded rounds are|gaps or repeats/);
    expect(historyViolations(s, fixed!.lt, ledger.slice(1)).join("\n")).toMatch(/history .* but the recorded rounds are/);
    expect(historyViolations(s, fixed!.lt, [...ledger, ledger[0]!]).join("\n")).toMatch(/recorded twice/);
  });

  it("find a deadline in a paused session, and a deadline before its phase", () => {
    const { s } = played();
    const paused = copy(s);
    paused.status = "paused";
    expect(deadlineViolations(paused, fixed!.lt).join("\n")).toMatch(/paused session with a deadline/);
    const early = copy(s);
    const g = early.groups.toArray().find((x) => x.status === "playing" && x.deadlineMs !== null)!;
    g.deadlineMs = g.phaseStartedMs - 1;
    expect(deadlineViolations(early, fixed!.lt).join("\n")).toMatch(/before its phase started/);
  });

  it("find a participant twice on the waiting list, and a state that is not plain JSON", () => {
    const { s } = played();
    const twice = copy(s);
    twice.waiting.push("p1", "p1");
    expect(membershipViolations(twice).join("\n")).toMatch(/repeats/);
    const nan = copy(s);
    nan.participants.get("p1")!.totalPayoff = Number.NaN;
    expect(serialisationViolations(nan).join("\n")).toMatch(/participants\.p1\.totalPayoff: NaN became null/);
  });

  it("find another participant's number, id or completion code in a view", () => {
    const { s } = played();
    const me = s.participants.get("p1")!;
    expect(me.groupId).not.toBeNull();
    const g = s.groups.get(me.groupId!)!;
    const mine = g.members.indexOf("p1");
    // claim that p1's own alpha belongs to another position: the check must see it in p1's view
    const alphaOfMine = fixed!.secretsOf(mine)[0]!;
    const leaks = viewLeaks(s, fixed!.lt, 0, (i) => (i === mine ? [] : [alphaOfMine]));
    expect(leaks.join("\n")).toMatch(new RegExp(`p1's view \\(position ${mine}\\) holds ${alphaOfMine}`));
    const labelled = copy(s);
    labelled.participants.get("p1")!.label = "p2";
    expect(viewLeaks(labelled, fixed!.lt, 0, () => []).join("\n")).toMatch(/p1's view holds the id of p2/);
    labelled.participants.get("p1")!.label = labelled.participants.get("p2")!.completionCode;
    expect(viewLeaks(labelled, fixed!.lt, 0, () => []).join("\n")).toMatch(/completion code of p2/);
  });

  it("find a barrier nobody will release, and a bot that cannot move in an untimed phase", () => {
    const lt = random!.lt;
    const human = newSession(lt).state.order.find((pid) => !newSession(lt).state.participants.get(pid)!.bot)!;
    let s = passIntro(newSession(lt).state, lt, 0, [human]);
    s = must(s, lt, { kind: "fillWithBots" }, 0);
    s = runBots(s, lt, 0, { until: (x) => x.groups.toArray().some((g) => g.status === "barrier") }).state;
    expect([...barrierViolations(s), ...progressViolations(s, lt, 0)]).toEqual([]);
    const stuck = copy(s);
    for (const g of stuck.groups.toArray()) if (g.status === "playing") g.status = "ended";
    expect(barrierViolations(stuck).join("\n")).toMatch(/waits at the barrier of round 1/);
    // the results screen is untimed in this treatment: a bot with an unknown strategy never leaves it
    const results = runBots(s, lt, 0, { until: (x) => x.groups.toArray().some((g) => g.status === "playing" && g.phase === "results" && g.deadlineMs === null) }).state;
    const g = results.groups.toArray().find((x) => x.status === "playing" && x.phase === "results")!;
    const broken = copy(results);
    for (const pid of g.members) broken.participants.get(pid)!.botStrategy = "no-such-bot";
    expect(progressViolations(broken, lt, 0).join("\n")).toMatch(/must act in untimed phase results .* but has no move/);
  });
});
