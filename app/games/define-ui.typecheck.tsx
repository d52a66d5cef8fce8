/**
 * Compile-time proofs (checked by `tsc`, i.e. `npm test`; never run): each `@ts-expect-error` below
 * fails the type-check if the line after it ever compiles, i.e. if the kit stops rejecting the mistake.
 */
import type { idsInvestment } from "@/lib/games/ids-investment";
import type { PhaseProps } from "./define-ui";
import { defineGameUi } from "./define-ui";
import { IdsDecide } from "./ids-investment/IdsDecide";
import { IdsResults } from "./ids-investment/IdsResults";
import { gameUis, type GameUiRegistry } from "./registry";

/** A decide screen that tries to press "Next": the decide phase accepts only "invest". */
export function WrongAction({ act }: PhaseProps<typeof idsInvestment, "decide">) {
  // @ts-expect-error — "continue" is not an action of the decide phase
  void act({ type: "continue" }, "id-1");
  // @ts-expect-error — an invest without its amount is not an action either
  void act({ type: "invest" }, "id-2");
  void act({ type: "invest", x: 1 }, "id-3");
  return null;
}

/** The results screen cannot invest. */
export function WrongResultsAction({ act }: PhaseProps<typeof idsInvestment, "results">) {
  // @ts-expect-error — the results phase accepts only "continue"
  void act({ type: "invest", x: 1 }, "id-4");
  return null;
}

// @ts-expect-error — a phase of the game (results) has no component
export const missingPhase = defineGameUi<typeof idsInvestment>({ phases: { decide: IdsDecide } });

// @ts-expect-error — a component for one phase cannot serve a phase that accepts other actions
export const swappedPhases = defineGameUi<typeof idsInvestment>({ phases: { decide: IdsResults, results: IdsResults } });

const { "ids-pivotal": _pivotal, ...withoutPivotal } = gameUis;
// @ts-expect-error — a registered game (ids-pivotal) without a UI
export const incomplete: GameUiRegistry = withoutPivotal;

// @ts-expect-error — a UI defined for one game cannot be registered for another
export const mixedUp: GameUiRegistry = { ...gameUis, "ids-pivotal": gameUis["ids-investment"] };
