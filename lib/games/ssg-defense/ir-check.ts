/**
 * Individual rationality of a recommendation plan (seed paper §5, Property 4), checked on the TRUE
 * payoffs: no defender can gain by modifying her recommended allocation, given the others follow and
 * the attacker best-responds pessimistically. Per round, for the data and the monitor.
 */
import { checkIndividualRationality } from "../../mechanisms/ssg/recommendation";
import { nseJoint, trueGame } from "./benchmarks";
import type { SsgParams } from "./params";
import type { RecommendationPlan } from "./state";

export interface IrCheck {
  ir: boolean;
  /** The largest gain a defender could get by modifying her recommendation (0 when none gains). */
  maxGain: number;
  /** 1-based defenders who would gain. */
  gainers: number[];
}

const cache = new Map<string, IrCheck>();

export function recommendationIr(p: SsgParams, plan: Pick<RecommendationPlan, "dist" | "target">): IrCheck {
  const dist = plan.dist ?? nseJoint(p);
  const key = JSON.stringify([p.attacker, p.defenders, dist, plan.target]);
  const hit = cache.get(key);
  if (hit) return hit;
  const r = checkIndividualRationality(trueGame(p).instance, dist, plan.target);
  const out: IrCheck = {
    ir: r.ir,
    maxGain: Math.max(0, ...r.perDefender.map((d) => d.delta)),
    gainers: r.ir ? [] : r.perDefender.filter((d) => d.delta > 0).map((d) => d.defender + 1),
  };
  if (cache.size > 200) cache.clear();
  cache.set(key, out);
  return out;
}
