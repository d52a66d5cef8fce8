/**
 * Compile-time proofs for the game kit (checked by `tsc`; never run): each `@ts-expect-error` fails
 * the type-check if the line after it ever compiles.
 */
import { z } from "zod";
import { ok } from "./errors";
import { definePhase, type RoundContext, type RoundScore } from "./game";
import { defineRecords, numberField, type RecordsOf } from "./records";

type Action = { type: "invest"; x: number } | { type: "continue" };
const phase = definePhase<{ xMax: number }, { x: number }, Action>();

export const decide = phase({
  id: "decide",
  label: "Decide",
  kind: "decision",
  durationMs: () => null,
  accepts: ["invest"],
  pending: () => [],
  // `a` is only the invest action: its amount is there without checking the type first
  apply: (s, a) => ok({ ...s, x: a.x }),
  onTimeout: (s) => s,
  next: () => null,
});

export const narrowed = phase({
  id: "results",
  label: "Results",
  kind: "info",
  durationMs: () => null,
  accepts: ["continue"],
  pending: () => [],
  // @ts-expect-error — the results phase accepts only "continue", so `a` has no amount
  apply: (s, a) => ok({ ...s, x: a.x }),
  onTimeout: (s) => s,
  next: () => null,
});

export const unknownType = phase({
  id: "x",
  label: "X",
  kind: "info",
  durationMs: () => null,
  // @ts-expect-error — a phase cannot accept an action type the game does not have
  accepts: ["bid"],
  pending: () => [],
  apply: (s) => ok(s),
  onTimeout: (s) => s,
  next: () => null,
});

const records = defineRecords({
  decision: z.object({ x: numberField("investment") }),
  outcome: z.object({ cost: numberField("cost") }),
  group: z.object({ total: numberField("total"), note: z.string().optional().describe("a note") }),
});
type Score = RoundScore<RecordsOf<typeof records>>;

export const exactGroup: Score["group"] = {
  total: 1,
  // @ts-expect-error — a group key the record schemas do not declare fails to compile
  secret_bonus: 1,
};
// an optional field may be left out
export const withoutNote: Score["group"] = { total: 1 };
// @ts-expect-error — a missing field fails to compile
export const missingTotal: Score["group"] = { note: "x" };

export function lastKeys(ctx: RoundContext<{ xMax: number }, RecordsOf<typeof records>>, pid: string) {
  const x = ctx.lastNumber(pid, "decision", "x");
  const cost = ctx.lastNumber(pid, "outcome", "cost");
  // @ts-expect-error — a key the records do not declare (a typo would otherwise read null for ever)
  const typo = ctx.lastNumber(pid, "outcome", "cots");
  // @ts-expect-error — "x" is a decision field, not an outcome field
  const wrongRecord = ctx.lastNumber(pid, "outcome", "x");
  return [x, cost, typo, wrongRecord];
}
