/**
 * Individual rationality of a recommendation plan (seed paper §5, Property 4), checked on the TRUE
 * payoffs: no defender can gain by modifying her recommended allocation, given the others follow and
 * the attacker best-responds pessimistically. Per round, for the data and the monitor.
 */
import { defenderUtilities } from "../../mechanisms/ssg";
import { checkIndividualRationality } from "../../mechanisms/ssg/recommendation";
import { attackedTarget, playedMarginals } from "./coordination";
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

const defenderList = (ds: readonly number[]) => (ds.length <= 1 ? `defender ${ds.join("")}` : `defenders ${ds.slice(0, -1).join(", ")} and ${ds.at(-1)}`);

/**
 * The launch check's and the monitor's line for the IR check: the verdict with its reason in `value`
 * ("no: defenders 2 and 3 gain up to 0.3489 by changing their recommended allocation"), and what the
 * property means, marked as such, in `hint` (printed after the value, it must not read as the reason).
 */
export function irVerdict(ir: IrCheck, show: (v: number) => string | number | null): { value: string; hint: string } {
  const value = ir.ir
    ? "yes: no defender gains by changing her recommended allocation"
    : `no: ${defenderList(ir.gainers)} ${ir.gainers.length === 1 ? "gains" : "gain"} up to ${show(ir.maxGain)} by changing ${ir.gainers.length === 1 ? "her" : "their"} recommended allocation`;
  return { value, hint: "IR means: on the true payoffs, no defender gains by modifying her recommended allocation while the others follow theirs" };
}

/**
 * What recommendation mode scores when every defender ignores her recommendation and plays her own NSE
 * coverage (what the default `nse` bot does): each such change is scored as a modification of the plan
 * (Definition 5.1, docs/games/ssg-defense.md §3.4) — she is taken to play that coverage whenever told
 * what she was told and to follow every other recommendation — so the attacker faces the modified plan's
 * coverage, not the NSE's. Expected welfare and utilities over the plan's draws (exact, no sampling).
 */
export function nsePlayScored(p: SsgParams, plan: Pick<RecommendationPlan, "dist" | "target">): { welfare: number; utilities: number[]; perDraw: { prob: number; welfare: number }[] } {
  const tg = trueGame(p);
  const g = tg.instance;
  const m = g.attacker.reward.length;
  const dist = plan.dist ?? nseJoint(p);
  const plays = p.defenders.map((_, i) => (tg.nse.defenderCoverage[i] ?? []).map((x) => Math.min(1, Math.max(0, x))));
  const utilities = p.defenders.map(() => 0);
  const perDraw = dist.map((e) => {
    const c = playedMarginals(dist, m, e.assignment, plays).coverage;
    const u = defenderUtilities(g, c, attackedTarget(g, c, plan.target));
    u.forEach((x, i) => (utilities[i]! += e.prob * x));
    return { prob: e.prob, welfare: u.reduce((a, x) => a + x, 0) };
  });
  return { welfare: utilities.reduce((a, x) => a + x, 0), utilities, perDraw };
}
