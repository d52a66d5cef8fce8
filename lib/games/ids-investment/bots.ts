/**
 * Bot strategies for the unregulated IDS game. Each acts on its own view; the social-optimum investor
 * also uses the treatment's parameters (the instance), which the server knows.
 */
import type { BotStrategy } from "../../core/game";
import { idsBenchmarks } from "./benchmarks";
import { bestResponseToProtection } from "./cost";
import type { IdsParams } from "./params";
import type { IdsAction } from "./state";
import type { IdsView } from "./views";

type IdsBot = BotStrategy<IdsParams, IdsView, IdsAction>;

const decide = (v: IdsView, x: (v: IdsView) => number): IdsAction | null => {
  if (v.phase === "results") return { type: "continue" };
  if (v.myDecision !== null) return null;
  return { type: "invest", x: Math.min(v.xMax, Math.max(0, x(v))) };
};

export const idsBots: Record<string, IdsBot> = {
  zero: { label: "Zero", description: "Never invests.", act: (v) => decide(v, () => 0) },
  random: {
    label: "Random",
    description: "Invests a uniform random amount in [0, x_max].",
    act: (v, { rng }) => decide(v, (w) => rng.next() * w.xMax),
  },
  myopic: {
    label: "Myopic best response",
    description: "Best-responds to the protection the others gave it last round (none in round 1).",
    act: (v) =>
      decide(v, (w) =>
        bestResponseToProtection(w.me.alpha, w.me.ownWeight, w.me.c, w.me.q, w.last?.protection ?? 0, w.xMax),
      ),
  },
  socialOptimum: {
    label: "Social-optimum investor",
    description: "Invests its component of the social optimum x* (eq. 2) of the treatment's instance.",
    act: (v, { params }) => decide(v, (w) => idsBenchmarks(params).socialOptimum.x[w.me.index] ?? 0),
  },
};
