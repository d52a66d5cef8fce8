import { describe, expect, it } from "vitest";
import { idsExternality } from "../../lib/games/ids-externality";
import { idsPivotal } from "../../lib/games/ids-pivotal";
import { longColumns, UndocumentedColumnError } from "./columns";

const fixed = ["session", "round", "participant", "decision_ms", "timed_out", "is_bot", "payoff", "mechanism"];

describe("export columns of the IDS mechanism games come from their record schemas", () => {
  it.each([
    ["ids-pivotal", idsPivotal, ["decision_joined", "decision_report_c", "outcome_tax", "group_budget"]],
    ["ids-externality", idsExternality, ["decision_x_1", "decision_pi_1", "outcome_lindahl", "group_distance_to_eq"]],
  ] as const)("%s exports its documented columns and refuses an undocumented one, naming it", (_, game, documented) => {
    const names = longColumns(game, [...fixed, ...documented]).map((c) => c.name);
    for (const d of documented) expect(names).toContain(d);
    const seen = [...fixed, ...documented, "outcome_secret_type"];
    expect(() => longColumns(game, seen)).toThrow(UndocumentedColumnError);
    expect(() => longColumns(game, seen)).toThrow(/emitted outcome_secret_type, which its record schemas do not declare/);
  });
});
