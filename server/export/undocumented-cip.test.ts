/** The CIP game's export columns come from its record schemas: every emitted column is documented, any other is refused. */
import { describe, expect, it } from "vitest";
import { cipContracts } from "../../lib/games/cip-contracts";
import { loadCip, REF_PARAMS } from "../../lib/games/cip-contracts/testing";
import { newSession, runBots } from "../../lib/testing/drive";
import { longColumns, UndocumentedColumnError } from "./columns";

const fixed = ["session", "round", "participant", "decision_ms", "timed_out", "is_bot", "payoff", "mechanism"];

function emittedColumns(): string[] {
  const lt = loadCip({ ...REF_PARAMS, rounds: 1 }, { bots: { seats: ["truthful", "mimic", "random", "truthful"] } });
  const { rounds } = runBots(newSession(lt, "cip-export").state, lt, 0);
  const seen = new Set<string>();
  for (const r of rounds) {
    for (const k of Object.keys(r.group)) seen.add(`group_${k}`);
    for (const p of r.players) for (const kind of ["decision", "outcome"] as const) for (const k of Object.keys(p.record[kind])) seen.add(`${kind}_${k}`);
  }
  return [...seen];
}

describe("cip-contracts export columns", () => {
  it("exports every column a played round emits, each with its documented description", () => {
    const seen = emittedColumns();
    expect(seen).toContain("outcome_true_type");
    const cols = longColumns(cipContracts, [...fixed, ...seen]);
    for (const name of seen) expect(cols.find((c) => c.name === name)?.description).not.toMatch(/not documented/);
  });

  it("refuses a column outside the CIP record schemas", () => {
    const seen = [...fixed, ...emittedColumns(), "outcome_true_type_guess"];
    expect(() => longColumns(cipContracts, seen)).toThrow(UndocumentedColumnError);
    expect(() => longColumns(cipContracts, seen)).toThrow(/outcome_true_type_guess/);
  });
});
