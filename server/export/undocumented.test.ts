import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineRecords } from "../../lib/core/records";
import { idsInvestment } from "../../lib/games/ids-investment";
import { longColumns, UndocumentedColumnError } from "./columns";

const fixed = ["session", "round", "participant", "decision_ms", "timed_out", "is_bot", "payoff", "mechanism"];

describe("export columns derived from record schemas", () => {
  it("keeps the documented game columns between the fixed ones, in the schemas' order", () => {
    const names = longColumns(idsInvestment, [...fixed, "decision_x", "outcome_points", "outcome_risk", "group_mean_x"]).map((c) => c.name);
    expect(names.indexOf("decision_x")).toBeLessThan(names.indexOf("decision_ms"));
    expect(names.indexOf("outcome_risk")).toBeLessThan(names.indexOf("outcome_points"));
    expect(names.indexOf("outcome_points")).toBeLessThan(names.indexOf("group_mean_x"));
    expect(names.at(-1)).toBe("mechanism");
  });

  it("refuses a column that the game's record schemas do not declare, naming it and what to do", () => {
    const seen = [...fixed, "decision_x", "outcome_secret_bonus"];
    expect(() => longColumns(idsInvestment, seen)).toThrow(UndocumentedColumnError);
    expect(() => longColumns(idsInvestment, seen)).toThrow(/emitted outcome_secret_bonus, which its record schemas do not declare.*Add this field/);
  });

  it("still exports a legacy game's undocumented column, marked as such, until the game declares records", () => {
    const legacy = { id: "old", codebook: [{ name: "decision_x", type: "number" as const, description: "x" }] };
    const cols = longColumns(legacy, [...fixed, "decision_x", "outcome_y"]);
    expect(cols.find((c) => c.name === "outcome_y")?.description).toBe("(not documented by the game module)");
    const withRecords = { id: "new", records: defineRecords({ decision: z.object({ x: z.number().describe("x") }), outcome: z.object({}), group: z.object({}) }) };
    expect(() => longColumns(withRecords, ["decision_x", "outcome_y"])).toThrow(/outcome_y/);
  });
});
