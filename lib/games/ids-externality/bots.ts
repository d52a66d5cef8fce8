/**
 * Bot strategies for the Externality game. They act on their own view (everyone's last messages are
 * public) plus the treatment's parameters (the instance: full information, as §IV assumes).
 * - adaptive: `adaptiveExternalityMessage` of the core (§V's iterative interpretation), step botStep,
 *   from everyone's last messages (all bots update at once: Jacobi), clamped to [0, xMax] / [0, piMax];
 * - equilibrium: sends its equilibrium message m*_i (everyone proposes x*, prices from eq. 13);
 * - repeat: re-sends its prefilled (last) message.
 */
import type { BotContext, BotStrategy } from "../../core/game";
import { adaptiveExternalityMessage, type ExternalityMessage } from "../../mechanisms/ids";
import { externalityEquilibriumOf } from "../ids-mechanisms-common/benchmarks";
import { instanceOf, type ExternalityParams } from "./params";
import type { ExternalityAction } from "./state";
import type { ExternalityView } from "./views";

type ExternalityBot = BotStrategy<ExternalityParams, ExternalityView, ExternalityAction>;

const clampMessage = (m: ExternalityMessage, v: ExternalityView): ExternalityAction => ({
  type: "message",
  x: m.x.map((a) => Math.min(v.rules.xMax, Math.max(0, a))),
  pi: m.pi.map((a) => Math.min(v.rules.piMax, Math.max(0, a))),
});

function play(v: ExternalityView, ctx: BotContext<ExternalityParams>, choose: (v: ExternalityView) => ExternalityMessage): ExternalityAction | null {
  if (ctx.phase === "results") return { type: "continue" };
  if (v.myMessage !== null) return null;
  return clampMessage(choose(v), v);
}

/** The adaptive bot's message (falls back to repeating its last one if the core cannot certify a move). */
export function adaptiveMessage(v: ExternalityView, params: ExternalityParams): ExternalityMessage {
  try {
    return adaptiveExternalityMessage(instanceOf(params), v.me.index, v.previous.messages, { step: params.botStep });
  } catch {
    return v.prefill;
  }
}

export const externalityBots: Record<string, ExternalityBot> = {
  adaptive: {
    label: "Adaptive",
    description:
      "Moves its message a step (botStep) towards its best reply to everyone's last messages: prices towards the marginal externalities at the current outcome (eq. 13), proposal towards the exact best proposal (adaptiveExternalityMessage).",
    act: (v, ctx) => play(v, ctx, (w) => adaptiveMessage(w, ctx.params)),
  },
  equilibrium: {
    label: "Equilibrium",
    description: "Sends its equilibrium message m*_i: proposes x* (eq. 2) and the equilibrium prices (eq. 13).",
    act: (v, ctx) =>
      play(v, ctx, (w) => {
        const eq = externalityEquilibriumOf(instanceOf(ctx.params));
        return "error" in eq ? w.prefill : eq.messages[w.me.index]!;
      }),
  },
  repeat: {
    label: "Repeat",
    description: "Re-sends its prefilled message (its last message; round 1: the starting profile).",
    act: (v, ctx) => play(v, ctx, (w) => w.prefill),
  },
};
