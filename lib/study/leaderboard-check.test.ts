import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadTreatment, type LoadedTreatment } from "../engine";
import { games } from "../games/registry";
import { leaderboardWarning, privateTypeOf } from "./leaderboard-check";

const EXAMPLES = join(import.meta.dirname, "../../examples/treatments");
const raw = (name: string) => JSON.parse(readFileSync(join(EXAMPLES, name), "utf8")) as Record<string, unknown> & { params: Record<string, unknown> };

function load(t: unknown): LoadedTreatment {
  const lt = loadTreatment(t, games);
  if (!lt.ok) throw new Error(lt.errors.join("\n"));
  return lt.value;
}

describe("leaderboard warning", () => {
  it("every example: private types in CIP and in Pivotal under incomplete information, none elsewhere", () => {
    const withTypes = readdirSync(EXAMPLES)
      .filter((f) => f.endsWith(".json"))
      .filter((f) => privateTypeOf(load(raw(f))) !== null)
      .sort();
    expect(withTypes).toEqual([
      "cip-contracts-equal-4.json",
      "cip-contracts-menu-4.json",
      "cip-contracts-menu-demo-bots.json",
      "cip-contracts-menu-integer-3.json",
      "cip-contracts-menu-per-ci-4.json",
      "ids-pivotal-incomplete-3.json",
    ]);
  });

  it("warns while the leaderboard is shown and tells how to hide it; silent once show is false", () => {
    const t = raw("cip-contracts-menu-4.json");
    const w = leaderboardWarning(load(t));
    expect(w).toMatch(/leaderboard of total points/);
    expect(w).toMatch(/vulnerability θ and criticality φ/);
    expect(w).toContain(`set "leaderboard": { "show": false }`);
    expect(leaderboardWarning(load({ ...t, leaderboard: { show: true, top: 3 } }))).toBe(w);
    expect(leaderboardWarning(load({ ...t, leaderboard: { show: false } }))).toBeNull();
  });

  it("Pivotal: the same instance warns under incomplete information only", () => {
    const t = raw("ids-pivotal-incomplete-3.json");
    expect(leaderboardWarning(load(t))).toMatch(/true type α_i/);
    expect(leaderboardWarning(load({ ...t, params: { ...t.params, information: "full" } }))).toBeNull();
  });

  it("games without private types never warn", () => {
    for (const f of ["ids-investment-classroom.json", "ids-externality-4.json", "ssg-defense-recommendation.json", "ids-pivotal-full-4.json"]) expect(leaderboardWarning(load(raw(f))), f).toBeNull();
  });
});
