/**
 * Bot strategies for the unregulated IDS game. Each acts on its own view; the social-optimum investor
 * also uses the treatment's parameters (the instance), which the server knows.
 */
import type { BotContext, BotStrategy } from "../../core/game";
import { bestResponseToProtection, unregulatedBenchmarks } from "../../mechanisms/ids/unregulated";
import { instanceOf, type IdsParams } from "./params";
import type { IdsAction } from "./state";
import type { IdsView } from "./views";

type Invest = (v: IdsView, ctx: BotContext<IdsParams>) => number;

/** A bot that presses Next on the results and invests `invest(view)` (clamped to [0, xMax]) once. */
const investor = (label: string, description: string, invest: Invest): BotStrategy<IdsParams, IdsView, IdsAction> => ({
  label,
  description,
  act: (v, ctx) =>
    ctx.phase === "results" ? { type: "continue" } : v.myDecision !== null ? null : { type: "invest", x: Math.min(v.xMax, Math.max(0, invest(v, ctx))) },
});

export const idsBots = {
  zero: investor("Zero", "Never invests.", () => 0),
  random: investor("Random", "Invests a uniform random amount in [0, x_max].", (v, { rng }) => rng.next() * v.xMax),
  myopic: investor("Myopic best response", "Best-responds to the protection the others gave it last round (none in round 1).", ({ me, last, xMax }) =>
    bestResponseToProtection(me.alpha, me.ownWeight, me.c, me.q, last?.protection ?? 0, xMax),
  ),
  socialOptimum: investor("Social-optimum investor", "Invests its component of the social optimum x* (eq. 2) of the treatment's instance.", (v, { params }) =>
    unregulatedBenchmarks(instanceOf(params)).socialOptimum.x[v.me.index] ?? 0,
  ),
};
