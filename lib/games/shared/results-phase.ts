/**
 * The read-and-continue results phase every game ends its round with: each member sees the outcome and
 * presses Next (action `{type: "continue"}`); the phase ends when everyone has, or when `resultsSeconds`
 * run out (null = no timer).
 */
import { z } from "zod";
import { ActionErrorCode, fail, ok, type RefusalText } from "../../core/errors";
import { worded } from "../../i18n/refusal";
import type { PhaseSpec } from "../../core/game";

/** The action of the results phase: "Next". */
export const ContinueAction = z.object({ type: z.literal("continue") });

export interface ResultsState {
  /** Per member (seat order in the group): has pressed Next. */
  continued: boolean[];
}

/** `T` narrows what the phase accepts for typed UIs (pass "continue"); it defaults to all of A's types. */
export function resultsPhase<P extends { resultsSeconds: number | null }, S extends ResultsState, A extends { type: string }, T extends A["type"] = A["type"]>(
  opts: { wrongAction?: RefusalText } = {},
): PhaseSpec<P, S, A, T> {
  return {
    id: "results",
    label: "Results of the round",
    kind: "info",
    durationMs: (p) => (p.resultsSeconds === null ? null : p.resultsSeconds * 1000),
    accepts: ["continue"] as T[],
    pending: (s, ctx) => ctx.players.filter((_, i) => !s.continued[i]),
    apply(s, a, by, ctx) {
      if (a.type !== "continue") return fail(ActionErrorCode.WrongPhase, opts.wrongAction ?? worded("roundOver"));
      const continued = s.continued.slice();
      continued[ctx.players.indexOf(by)] = true;
      return ok({ ...s, continued });
    },
    onTimeout: (s) => s,
    next: () => null,
  };
}
