import { describe, expect, it } from "vitest";
import { ssgDefense } from "../../lib/games/ssg-defense";
import { longColumns, UndocumentedColumnError } from "./columns";

const fixed = ["session", "round", "participant", "decision_ms", "timed_out", "is_bot", "payoff", "mechanism"];

describe("ssg-defense export columns come from its record schemas", () => {
  it("exports its documented columns, and refuses one its schemas do not declare", () => {
    const seen = [...fixed, "decision_coverage", "outcome_points", "group_u_d3"];
    expect(longColumns(ssgDefense, seen).map((c) => c.name)).toEqual(expect.arrayContaining(["decision_coverage", "outcome_points", "group_u_d3"]));
    expect(() => longColumns(ssgDefense, [...seen, "group_u_d5"])).toThrow(UndocumentedColumnError);
    expect(() => longColumns(ssgDefense, [...seen, "outcome_secret_bonus"])).toThrow(/emitted outcome_secret_bonus, which its record schemas do not declare/);
  });
});
