/**
 * The engine's long steps (compute.ts): a phase whose step is not inline leaves its group "computing"
 * until the `computed` command brings the output; meanwhile nobody can act and nothing is due; the
 * result is the one the inline path gives; a stale or repeated result changes nothing; a pause while
 * computing holds the next phase's timer; a restart (JSON round trip) re-issues the step.
 */
import { describe, expect, it } from "vitest";
import { reduce, stateThroughJson, type ComputeJob, type SessionState } from ".";
import { pendingComputes } from "./compute";
import { nextWakeMs } from "./admin";
import { botMoves } from "./bots";
import { participantView } from "./views";
import { runComputeJob } from "../mechanisms/compute-job";
import { must, newSession, runBots } from "../testing/drive";
import { load } from "../games/ssg-defense/testing";

const lt = () => load({ mode: "coordinated", mechanism: "cswMax", rounds: 1, decisionSeconds: 60, resultsSeconds: 30 }, { bots: { seats: ["truthful", "misreporter", "random"], delayMs: 0 } });

/** Run the bots until the group is computing; returns the state and the job it waits for. */
function untilComputing(seed: string): { s: SessionState; job: ComputeJob; now: number } {
  const t = lt();
  let s = newSession(t, seed).state;
  const jobs: ComputeJob[] = [];
  let now = 0;
  for (let i = 0; i < 50 && jobs.length === 0; i++) {
    now += 100;
    for (const m of botMoves(s, t, now)) s = must(s, t, { kind: "action", pid: m.pid, clientActionId: m.clientActionId, action: m.action, byBot: true, at: m.at }, now, undefined, jobs);
  }
  expect(jobs).toHaveLength(1);
  return { s, job: jobs[0]!, now };
}

describe("long steps", () => {
  it("a computing group waits for its step: no action, no deadline; the result equals the inline path's", () => {
    const t = lt();
    const { s, job, now } = untilComputing("compute-1");
    const g = s.groups.toArray()[0]!;
    expect(g.status).toBe("computing");
    expect(g.deadlineMs).toBeNull();
    expect(nextWakeMs(s, t)).toBeNull();
    expect(pendingComputes(s)).toEqual([job]);
    expect(participantView(s, t, g.members[0]!, now)?.play?.computing).toBe(true);
    const late = reduce(s, t, { kind: "action", pid: g.members[0]!, clientActionId: "x-1", action: { type: "continue" }, byBot: true }, now);
    expect(late.ok).toBe(false);
    if (!late.ok) expect(late.error.message).toMatch(/being computed/);
    const forced = reduce(s, t, { kind: "forcePhaseEnd" }, now);
    expect(forced.ok).toBe(false);
    // the result arrives (from a JSON round trip, as after a restart)
    const back = stateThroughJson(s);
    const done = must(back, t, { kind: "computed", groupId: job.groupId, key: job.key, output: runComputeJob(pendingComputes(back)[0]!) }, now + 5);
    const g2 = done.groups.toArray()[0]!;
    expect(g2.status).toBe("playing");
    expect(g2.phase).toBe("results");
    // the same result again is stale: nothing changes
    const again = reduce(done, t, { kind: "computed", groupId: job.groupId, key: job.key, output: {} }, now + 6);
    expect(again.ok && again.duplicate && !again.changed).toBe(true);
    // the finished session records what the inline path records
    const viaStep = runBots(done, t, now + 10).rounds;
    const inline = runBots(newSession(t, "compute-1").state, t, 0).rounds;
    expect(viaStep.map((r) => r.mechanism)).toEqual(inline.map((r) => r.mechanism));
  });

  it("ending the session while computing makes the result stale; a pause holds the next phase's timer", () => {
    const t = lt();
    const { s, job, now } = untilComputing("compute-2");
    const ended = must(s, t, { kind: "end" }, now);
    const r = reduce(ended, t, { kind: "computed", groupId: job.groupId, key: job.key, output: runComputeJob(job) }, now);
    expect(r.ok && r.duplicate && !r.changed).toBe(true);
    const paused = must(s, t, { kind: "pause" }, now);
    const resumed = must(paused, t, { kind: "computed", groupId: job.groupId, key: job.key, output: runComputeJob(job) }, now + 1000);
    const g = resumed.groups.toArray()[0]!;
    expect(g.phase).toBe("results");
    expect(g.deadlineMs).toBeNull();
    expect(g.remainingMsAtPause).toBe(30_000);
    const running = must(resumed, t, { kind: "resume" }, now + 5000);
    expect(running.groups.toArray()[0]!.deadlineMs).toBe(now + 5000 + 30_000);
  });
});
