import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadTreatment, type LoadedTreatment } from "../engine";
import { games } from "../games/registry";
import { leaderboardMetric, leaderboardWarning, privateTypeOf } from "./leaderboard-check";

const EXAMPLES = join(import.meta.dirname, "../../examples/treatments");
const raw = (name: string) => JSON.parse(readFileSync(join(EXAMPLES, name), "utf8")) as Record<string, unknown> & { params: Record<string, unknown> };

function load(t: unknown): LoadedTreatment {
  const lt = loadTreatment(t, games);
  if (!lt.ok) throw new Error(lt.errors.join("\n"));
  return lt.value;
}

describe("leaderboard warning", () => {
  it("every example of a game that declares private data warns with that game's own phrase", () => {
    const files = readdirSync(EXAMPLES).filter((f) => f.endsWith(".json"));
    for (const f of files) {
      const lt = load({ ...raw(f), leaderboard: { show: true } });
      const type = lt.game.privateData?.type(lt.params) ?? null;
      expect(privateTypeOf(lt), f).toBe(type);
      if (type === null) expect(leaderboardWarning(lt), f).toBeNull();
      else expect(leaderboardWarning(lt), f).toContain(`points depend on ${type}:`);
    }
  });

  it("a game without private data (no privateData in its module) shows the board without a warning", () => {
    const { privateData: _, ...open } = games["ids-investment"]!;
    const lt = loadTreatment({ ...raw("ids-investment-classroom.json"), leaderboard: { show: true } }, { ...games, "ids-investment": open });
    if (!lt.ok) throw new Error(lt.errors.join("\n"));
    expect(privateTypeOf(lt.value)).toBeNull();
    expect(leaderboardWarning(lt.value)).toBeNull();
  });

  it("a game's private data may depend on its parameters: null under these parameters means no warning", () => {
    const ids = games["ids-investment"]!;
    const lt = loadTreatment({ ...raw("ids-investment-classroom.json"), leaderboard: { show: true } }, {
      ...games,
      "ids-investment": { ...ids, privateData: { type: (p: { alpha: number[] }) => (p.alpha.length > 3 ? null : "each α"), numbersOf: () => [] } },
    });
    if (!lt.ok) throw new Error(lt.errors.join("\n"));
    expect(leaderboardWarning(lt.value)).toBeNull();
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

  it("Pivotal: the true α_i under incomplete information, the user's own parameters under full information", () => {
    const t = raw("ids-pivotal-incomplete-3.json");
    expect(leaderboardWarning(load(t))).toMatch(/true type α_i/);
    expect(leaderboardWarning(load({ ...t, params: { ...t.params, information: "full" } }))).toMatch(/own parameters/);
  });

  it("every game says what the board gives away: IDS parameters, an Externality cost, a Defender's payoffs", () => {
    expect(leaderboardWarning(load(raw("ids-investment-classroom.json")))).toMatch(/α, c, q and their row of W/);
    expect(leaderboardWarning(load(raw("ids-externality-4.json")))).toMatch(/cost c/);
    expect(leaderboardWarning(load(raw("ssg-defense-recommendation.json")))).toMatch(/rewards and penalties/);
    expect(leaderboardWarning(load(raw("ids-externality-4.json")))).toMatch(/each person's points of a round/);
  });
});

describe("launch check: who the leaderboard ranks (leaderboard.minOwnRounds, instructor review C5)", () => {
  it("the classroom examples rank only people who decided enough rounds themselves; unset, the check says defaults and bots are ranked", () => {
    const ids = load(raw("ids-investment-classroom.json"));
    expect(leaderboardMetric(ids).value).toBe("top 10, ranked: who decided at least 5 of 8 rounds themselves");
    const unset = load({ ...raw("ids-investment-3.json"), leaderboard: { show: true } });
    expect(leaderboardMetric(unset)).toMatchObject({ value: "top 10, everyone ranked", hint: expect.stringContaining("minOwnRounds") });
    expect(leaderboardMetric(load({ ...raw("ids-investment-3.json"), leaderboard: { show: false, minOwnRounds: 1 } })).value).toBe("hidden");
  });
});
