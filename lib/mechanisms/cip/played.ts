/**
 * What a menu earns when it is PLAYED, not as planned (findings B4). The menu LP's objective
 * Σ_k α_k τ_k (π_k − r_k) assumes every contract is paid in full; its budget row Σ_k β_k r_k = R holds
 * only for the type weights (in expectation), so the contracts a group of truthful CIs actually picks can
 * ask for more than R, and the game then signs them with the over-budget rule (`signWithinBudget`,
 * criticality-order-fill), which cuts or drops some. This module computes the EXACT expectation, over
 * the CIs' type profiles, of the control center's utility in play:
 *   - every CI offered the menu is truthful (takes the contract designed for its type) and none rejects;
 *   - the acceptances are signed with `signWithinBudget`;
 *   - the CC's utility is Σ over the signed contracts of τ_k (π − r) (the game's `group_cc_utility`);
 *   - the equal split is the game's counterfactual: all N CIs get R/N at their own type's rate
 *     (`group_equal_split_cc_utility`), so its expectation is Σ_i Σ_k p_ik τ_k (ρ_k − 1) R/N.
 * Types are independent across CIs (the population's or each CI's probabilities). Under truthful play
 * the signing depends only on how many CIs of each type there are (priority ties are between CIs of the
 * same type, which are interchangeable for the CC), so the expectation is a sum over type-count vectors,
 * their probabilities built CI by CI — at most C(n + K − 1, K − 1) terms (1,287 for 8 CIs and 6 types).
 */
import { signWithinBudget, type Acceptance } from "./signing";
import { at, ccUtility, tau, type CipInstance, type Contract } from "./model";

export interface PlayedExpectation {
  /** E[Σ over signed contracts of τ(π − r)], truthful CIs, signed with the over-budget rule (group total). */
  menuCcUtility: number;
  /** E[Σ over all N CIs of τ_k(ρ_k − 1)·R/N] (group total). */
  equalSplitCcUtility: number;
  /** menuCcUtility / equalSplitCcUtility (null when the latter is 0). */
  ratio: number | null;
  /** Probability that the truthful acceptances ask for more than R (the rule rations). */
  rationedProbability: number;
  /** E[Σ over the offered CIs of τ(π − r) of the contracts as designed], i.e. if every contract were paid in full. */
  menuCcUtilityUnrationed: number;
  /** Number of type-count vectors summed over. */
  profiles: number;
}

/** Distribution of the type-count vector of CIs with the given independent type probabilities. */
function countDistribution(k: number, probabilities: readonly (readonly number[])[]): Map<string, { counts: number[]; p: number }> {
  let dist = new Map<string, { counts: number[]; p: number }>([[new Array(k).fill(0).join(","), { counts: new Array(k).fill(0), p: 1 }]]);
  for (const row of probabilities) {
    const next = new Map<string, { counts: number[]; p: number }>();
    for (const { counts, p } of dist.values())
      for (let j = 0; j < k; j++) {
        const pj = at(row, j);
        if (pj <= 0) continue;
        const c = counts.slice();
        c[j]! += 1;
        const key = c.join(",");
        const e = next.get(key);
        if (e) e.p += p * pj;
        else next.set(key, { counts: c, p: p * pj });
      }
    dist = next;
  }
  return dist;
}

/**
 * Exact expected CC utility of `contracts` (contract k for type k) in play, for the CIs `offered` (their
 * type probabilities; the ones Algorithm 1 offers the menu to) out of a group whose CIs have the
 * probabilities `group` (all N, for the equal split). See the module doc for the assumptions.
 */
export function expectedPlayedValue(
  instance: CipInstance,
  contracts: readonly Contract[],
  offered: readonly (readonly number[])[],
  group: readonly (readonly number[])[],
): PlayedExpectation {
  const k = instance.types.length;
  let menu = 0;
  let full = 0;
  let rationed = 0;
  const dist = countDistribution(k, offered);
  for (const { counts, p } of dist.values()) {
    const acceptances: Acceptance[] = [];
    counts.forEach((n, j) => {
      const c = at(contracts, j);
      for (let i = 0; i < n; i++) acceptances.push({ ciId: `t${j}-${i}`, requestIndex: acceptances.length, contract: j, resources: c.resources, reward: c.reward });
    });
    const s = signWithinBudget(instance, acceptances);
    menu += p * s.signed.reduce((t, a) => t + ccUtility(at(instance.types, a.contract), a), 0);
    full += p * acceptances.reduce((t, a) => t + ccUtility(at(instance.types, a.contract), a), 0);
    if (s.rationed) rationed += p;
  }
  const n = group.length;
  const perCi = n > 0 ? instance.resources / n : 0;
  const equal = group.reduce((t, row) => t + instance.types.reduce((u, ty, j) => u + at(row, j) * tau(ty) * (ty.rewardRate - 1) * perCi, 0), 0);
  return {
    menuCcUtility: menu,
    equalSplitCcUtility: equal,
    ratio: equal !== 0 ? menu / equal : null,
    rationedProbability: rationed,
    menuCcUtilityUnrationed: full,
    profiles: dist.size,
  };
}
