/**
 * Attacker best responses (§2 of Gan et al. 2020).
 *
 * BR(c) = argmax_t U^a(c, t) is computed with an absolute tolerance (default 1e-9 × payoff scale),
 * because equilibria put several targets at exactly the same attacker utility.
 *
 * Two tie-breaking rules are offered, for two different purposes:
 * - {@link playTarget} — the rule used when an outcome is *played* and no target has been named:
 *   among BR(c), the target with the highest defender welfare Σ_i U^d_i(c,t); remaining ties go to the
 *   lowest index. (A mechanism can induce any target of BR(c) by an infinitesimal coverage reduction,
 *   §2 "Tie-breaking Rule", so the welfare-best choice is the natural default.)
 * - {@link pessimisticTarget} — the rule of Definition 2.1 for *deviations*: the deviating defender
 *   assumes the attacker picks the target of BR(c) that is worst for her; ties go to the lowest index.
 */
import { at, attackerUtility, defenderUtility, numTargets, payoffScale, welfare, type SsgInstance } from "./model";

/** Default absolute tolerance for attacker ties: 1e-9 × payoff scale. */
export function defaultBrTolerance(g: SsgInstance): number {
  return 1e-9 * payoffScale(g);
}

/** Attacker's best utility max_t U^a(c, t) (the attacker "level" u). */
export function attackerLevel(g: SsgInstance, c: readonly number[]): number {
  let u = -Infinity;
  for (let t = 0; t < numTargets(g); t++) u = Math.max(u, attackerUtility(g, c, t));
  return u;
}

/** BR(c) = {t : U^a(c,t) ≥ max − tol}, in increasing index order (§2). */
export function bestResponseSet(g: SsgInstance, c: readonly number[], tol = defaultBrTolerance(g)): number[] {
  const u = attackerLevel(g, c);
  const out: number[] = [];
  for (let t = 0; t < numTargets(g); t++) if (attackerUtility(g, c, t) >= u - tol) out.push(t);
  return out;
}

/**
 * The attacked target when coverage c is played without a named target: the welfare-best target of
 * BR(c), ties to the lowest index (see module doc).
 */
export function playTarget(g: SsgInstance, c: readonly number[], tol = defaultBrTolerance(g)): number {
  const br = bestResponseSet(g, c, tol);
  let best = at(br, 0);
  let bestW = welfare(g, c, best);
  for (const t of br.slice(1)) {
    const w = welfare(g, c, t);
    if (w > bestW + 1e-12 * Math.max(1, Math.abs(bestW))) {
      best = t;
      bestW = w;
    }
  }
  return best;
}

/**
 * Pessimistic attacker response for defender i (Definition 2.1): the target of BR(c) minimising
 * U^d_i(c, t); ties to the lowest index.
 */
export function pessimisticTarget(g: SsgInstance, c: readonly number[], i: number, tol = defaultBrTolerance(g)): number {
  const br = bestResponseSet(g, c, tol);
  let best = at(br, 0);
  let bestU = defenderUtility(g, i, c, best);
  for (const t of br.slice(1)) {
    const u = defenderUtility(g, i, c, t);
    if (u < bestU) {
      best = t;
      bestU = u;
    }
  }
  return best;
}

/** Defender i's pessimistic value min_{t ∈ BR(c)} U^d_i(c, t) (Definition 2.1). */
export function pessimisticValue(g: SsgInstance, c: readonly number[], i: number, tol = defaultBrTolerance(g)): number {
  return defenderUtility(g, i, c, pessimisticTarget(g, c, i, tol));
}

/** Whether t ∈ BR(c) within tolerance (feasibility of an outcome (x, t), §2). */
export function isBestResponse(g: SsgInstance, c: readonly number[], t: number, tol = defaultBrTolerance(g)): boolean {
  return attackerUtility(g, c, t) >= attackerLevel(g, c) - tol;
}
