import { describe, expect, it } from "vitest";
import { z } from "zod";
import { games } from "../games/registry";
import { idsInvestment } from "../games/ids-investment";
import { loadTreatment } from "../engine/treatment";
import { newSession, runBots } from "../testing/drive";
import { codebookFromRecords, codebookOf, defineRecords, numberField } from "./records";

describe("codebook derived from record schemas", () => {
  it("names columns decision_*, outcome_*, group_* with type, unit and description (IDS keeps its column names)", () => {
    const cols = codebookOf(idsInvestment);
    expect(cols.map((c) => c.name)).toEqual([
      "decision_x",
      ...["user_index", "risk", "invest_cost", "cost", "protection", "nash_x", "so_x", "points"].map((k) => `outcome_${k}`),
      ...["total_cost", "so_cost", "nash_cost", "distance_to_so", "distance_to_nash", "mean_x"].map((k) => `group_${k}`),
    ]);
    expect(cols.find((c) => c.name === "outcome_points")).toEqual({
      name: "outcome_points",
      type: "number",
      unit: "points",
      description: "pointsScale·(endowment − g_i): the round's payoff.",
    });
    for (const c of cols) expect(c.description.length).toBeGreaterThan(15);
  });

  it("reads .describe() and .meta(), string and boolean fields, and refuses a field without a description", () => {
    const r = defineRecords({
      decision: z.object({ choice: z.enum(["in", "out"]).describe("Joined or not."), ok: z.boolean().nullable().meta({ description: "Accepted." }) }),
      outcome: z.object({ tax: numberField("Tax paid.", "points") }),
      group: z.object({}),
    });
    expect(codebookFromRecords(r)).toEqual([
      { name: "decision_choice", type: "string", description: "Joined or not." },
      { name: "decision_ok", type: "boolean", description: "Accepted." },
      { name: "outcome_tax", type: "number", unit: "points", description: "Tax paid." },
    ]);
    const bare = defineRecords({ decision: z.object({ x: z.number() }), outcome: z.object({}), group: z.object({}) });
    expect(() => codebookFromRecords(bare)).toThrow(/decision_x has no description/);
  });

  it("every record the IDS score emits fits its schemas exactly (no undeclared field)", () => {
    const t = loadTreatment({ name: "t", game: "ids-investment", params: { alpha: [10, 12, 9], W: [[1, 0.5, 0.2], [0.5, 1, 0.3], [0.1, 0.4, 1]], c: [1, 1.5, 0.8], rounds: 2 }, bots: { seats: ["random", "myopic", "socialOptimum"] } }, games);
    if (!t.ok) throw new Error(t.errors.join("\n"));
    const end = runBots(newSession(t.value).state, t.value, 0);
    const rec = idsInvestment.records!;
    expect(end.rounds).toHaveLength(2);
    for (const row of end.rounds) {
      expect(() => rec.group.strict().parse(row.group)).not.toThrow();
      for (const p of row.players) {
        expect(() => rec.decision.strict().parse(p.record.decision)).not.toThrow();
        expect(() => rec.outcome.strict().parse(p.record.outcome)).not.toThrow();
      }
    }
  });
});
