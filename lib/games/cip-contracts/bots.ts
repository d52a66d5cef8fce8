/**
 * Bot CI owners. Each acts on its own view only (its true type and what each contract gives it).
 * - truthful: the contract that is best for its true type (ties → the one designed for its type);
 *   rejects when every contract would give it a negative utility. On a verified menu that is its own
 *   contract (IC), so an all-truthful group has IC rate 1 and no rejections.
 * - mimic: always claims the top type's contract (the last one), whatever its type.
 * - random: picks uniformly among the K contracts and rejecting.
 * In the equal-allocation treatment: truthful accepts when its utility is ≥ 0, mimic always accepts,
 * random accepts with probability 1/2.
 */
import type { BotStrategy } from "../../core/game";
import type { CipGameParams } from "./params";
import type { CipAction } from "./state";
import type { CipContractView, CipView } from "./views";

type CipBot = BotStrategy<CipGameParams, CipView, CipAction>;

/** Best contract for my true type on `menu`: ties go to my own contract, else the lowest number. Null = reject. */
export function bestContract(menu: readonly CipContractView[]): number | null {
  const best = Math.max(...menu.map((c) => c.myUtility));
  const tol = 1e-9 * Math.max(1, Math.abs(best));
  if (best < -tol) return null;
  const own = menu.find((c) => c.mine && c.myUtility >= best - tol);
  return (own ?? menu.find((c) => c.myUtility >= best - tol))?.number ?? null;
}

/** Common shell: continue on the results screen, answer an open offer, else wait. */
function bot(label: string, description: string, menuChoice: (menu: CipContractView[], v: CipView, rng: () => number) => number | null, equalAccept: (v: CipView, rng: () => number) => boolean): CipBot {
  return {
    label,
    description,
    act(v, { rng, phase }) {
      if (phase === "results") return { type: "continue" };
      if (v.status !== "choosing" || !v.offer) return null;
      const draw = () => rng.next();
      if (v.offer.menu) {
        const c = menuChoice(v.offer.menu, v, draw);
        return c === null ? { type: "reject" } : { type: "accept", contract: c };
      }
      return equalAccept(v, draw) ? { type: "accept" } : { type: "reject" };
    },
  };
}

export const cipBots: Record<string, CipBot> = {
  truthful: bot(
    "Truthful",
    "Takes the contract that is best for its true type (its own contract on an incentive-compatible menu); rejects if every contract would give it a negative utility.",
    (menu) => bestContract(menu),
    (v) => (v.offer?.equal?.myUtility ?? -1) >= -1e-9,
  ),
  mimic: bot(
    "Mimic (claims the top type)",
    "Always takes the contract designed for the highest type, whatever its own type; always accepts the equal split.",
    (menu) => menu[menu.length - 1]?.number ?? null,
    () => true,
  ),
  random: bot(
    "Random",
    "Picks uniformly among the contracts and rejecting; accepts the equal split with probability 1/2.",
    (menu, _v, rng) => {
      const i = Math.floor(rng() * (menu.length + 1));
      return i < menu.length ? (menu[i]?.number ?? null) : null;
    },
    (_v, rng) => rng() < 0.5,
  ),
};
