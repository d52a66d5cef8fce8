import { describe, expect, it } from "vitest";
import { checkTargets, formatChecks } from "./targets";

const row = (over: Partial<Parameters<typeof checkTargets>[0]> = {}) => ({ participants: 1000, ackP99ms: 10, cpuMsPerCommand: 0.45, lostDecisions: 0, decisionsExpected: 3000, ...over });

describe("the load benchmark's targets", () => {
  it("reads a run against each target, with the measured figure", () => {
    const checks = checkTargets(row({ ackP99ms: 12, cpuMsPerCommand: 0.63 }), row({ ackP99ms: 4 }), 20);
    expect(checks.map((c) => [c.target, c.met, c.measured])).toEqual([
      ["ack p99 at most 5x the bare server's", true, "3.0x (12.0 ms against 4.0 ms)"],
      ["server CPU per accepted command at most 0.5 ms", false, "0.63 ms"],
      ["0 decisions lost", true, "0 of 3000"],
    ]);
    expect(formatChecks(checks).split("\n")[1]).toBe("NOT met  server CPU per accepted command at most 0.5 ms: 0.63 ms");
  });

  it("prints the bare server's CPU per ack beside the absolute CPU target, for how fast the machine is", () => {
    const [, cpu] = checkTargets(row({ cpuMsPerCommand: 0.97 }), row({ cpuMsPerAck: 0.431 }), 20);
    expect(cpu!.measured).toBe("0.97 ms (the bare server: 0.43 ms per ack on this machine)");
  });

  it("fails a p99 over 5x the bare server's and a lost decision", () => {
    const checks = checkTargets(row({ ackP99ms: 31, lostDecisions: 1 }), row({ ackP99ms: 6 }), 20);
    expect(checks.filter((c) => !c.met).map((c) => c.target)).toEqual(["ack p99 at most 5x the bare server's", "0 decisions lost"]);
  });

  it("checks the run's own shape: one 1,000-seat session, 5,000 participants, other sizes only for losses", () => {
    expect(checkTargets(row({ ackP99ms: 31 }), row({ ackP99ms: 6 }), 1000).map((c) => [c.target, c.met])).toEqual([
      ["one session of 1000 seats: ack p99 under 30 ms", false],
      ["0 decisions lost", true],
    ]);
    expect(checkTargets(row({ participants: 5000, ackP99ms: 90, decisionsExpected: 15000 }), row({ participants: 5000 }), 20).map((c) => [c.target, c.met])).toEqual([
      ["5000 participants: ack p99 under 100 ms", true],
      ["0 decisions lost", true],
    ]);
    expect(checkTargets(row({ participants: 200, cpuMsPerCommand: 0.98 }), row({ participants: 200 }), 20).map((c) => c.target)).toEqual(["0 decisions lost"]);
  });

  it("meets no target with the figures of a run that did not finish (e.g. most participants never connected)", () => {
    const checks = checkTargets(row({ participants: 5000, ackP99ms: 61.9, decisionsExpected: 15000, lostDecisions: 12000, unfinished: "timed out; 4000 participants never connected" }), row({ participants: 5000 }), 20);
    expect(checks.map((c) => [c.target, c.met])).toEqual([
      ["5000 participants: ack p99 under 100 ms", false],
      ["0 decisions lost", false],
    ]);
    expect(checks[0]!.measured).toBe("61.9 ms, but the run did not finish (timed out; 4000 participants never connected)");
    const bareFailed = checkTargets(row(), row({ unfinished: "timed out" }), 20);
    expect(bareFailed.every((c) => !c.met && c.measured.endsWith("(the bare server's run: timed out)"))).toBe(true);
  });

  it("leaves out what a run did not measure (no baseline, no CPU figure, no export)", () => {
    expect(checkTargets(row({ cpuMsPerCommand: null, lostDecisions: null }), null, 20)).toEqual([]);
  });
});
