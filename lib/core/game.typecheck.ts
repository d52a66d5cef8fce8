/**
 * Compile-time proofs for the game kit (checked by `tsc`; never run): each `@ts-expect-error` fails
 * the type-check if the line after it ever compiles.
 */
import { ok } from "./errors";
import { definePhase } from "./game";

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
