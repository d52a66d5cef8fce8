/**
 * The security game's mechanism units recompute every recorded round exactly, for every unit (also the
 * ones no example treatment uses), and the recorded RNG states are what the draws come from.
 */
import { describe, expect, it } from "vitest";
import { replayRound, type RecordedRound } from "../../mechanisms/replay";
import { newSession, runBots } from "../../testing/drive";
import { load } from "./testing";
import { ssgUnits } from "./unit";

const stored = (mechanism: { id: string; version: string; input: unknown; output: unknown }): RecordedRound =>
  JSON.parse(JSON.stringify({ mechanism: { id: mechanism.id, version: mechanism.version }, input: mechanism.input, output: mechanism.output }));

function rounds(params: Record<string, unknown>, seats: string[], seed: string) {
  const lt = load({ rounds: 4, ...params }, { bots: { seats } });
  return runBots(newSession(lt, seed).state, lt, 0).rounds;
}

const cases: [string, Record<string, unknown>, string[]][] = [
  ["ssg-uncoordinated", { mode: "uncoordinated" }, ["random", "nse", "random"]],
  ["ssg-csw-max", { mode: "coordinated", joinPhase: true }, ["random", "truthful", "nse"]],
  ["ssg-csw-max-nse", { mode: "coordinated", mechanism: "cswMaxNse" }, ["misreporter", "truthful", "random"]],
  ["ssg-dictatorship", { mode: "coordinated", mechanism: "dictatorship", dictator: 1 }, ["random", "truthful", "misreporter"]],
  ["ssg-csw-max", { mode: "recommendation", reports: true }, ["misreporter", "random", "follower"]],
  ["ssg-dictatorship", { mode: "recommendation", mechanism: "dictatorship" }, ["random", "nse", "follower"]],
];

describe("SSG mechanism units", () => {
  it.each(cases)("%s (%o): every round recomputes from its record", (id, params, seats) => {
    const rs = rounds(params, seats, `unit-${id}`);
    expect(rs).toHaveLength(4);
    for (const r of rs) {
      expect(r.mechanism.id).toBe(id);
      expect(replayRound(stored(r.mechanism))).toEqual([]);
    }
  });

  it("draws come from the recorded states: another outcome state changes the allocations of some round", () => {
    const rs = rounds({ mode: "uncoordinated" }, ["random", "random", "random"], "draw-state");
    const moved = rs.filter((r) => {
      const rec = stored(r.mechanism);
      const input = rec.input as { draws: { outcome: { xoroshiro128plus: number[] } } };
      input.draws.outcome.xoroshiro128plus = input.draws.outcome.xoroshiro128plus.map((w) => w ^ 0x5bd1e995);
      return replayRound(rec).some((d) => d.path.startsWith("allocations") || d.path === "covered");
    });
    expect(moved.length).toBeGreaterThan(0);
  });

  it("refuses parameters that select another unit", () => {
    const r = rounds({ mode: "uncoordinated" }, ["nse", "nse", "nse"], "other-unit")[0]!;
    expect(ssgUnits["ssg-csw-max"].input.safeParse(r.mechanism.input).success).toBe(false);
    expect(ssgUnits["ssg-uncoordinated"].input.safeParse(r.mechanism.input).success).toBe(true);
  });
});
