/**
 * Step 6 of Algorithm 1 (signing) with the over-budget rule "criticality-order-fill".
 *
 * The menu's budget row holds for the type weights (exactly for one CI per slot, only in
 * expectation otherwise), so the contracts the CIs actually pick can ask for more than R (e.g. two
 * CIs both pick the top contract). In play the resources handed out must never exceed R:
 * - if the accepted contracts fit (Σ r ≤ R, up to a rounding slack of 1e-6·max(1,R)), all are signed
 *   as chosen;
 * - otherwise acceptances are served in priority order — criticality φ of the CHOSEN contract's type
 *   (descending), then its vulnerability θ (descending), then request order. Each is signed in full
 *   if its r fits in what is left; if not, but what is left still covers the chosen type's r_min, it
 *   is signed PARTIALLY with everything left, at the same rate (r' = left, π' = ρ_k·r'; a truthful
 *   CI's utility stays ≥ 0 because it is linear in r); otherwise it is NOT signed (no resources, no
 *   payment) and is listed as unserved. In integer mode the partial amount is rounded down.
 * A signed CI therefore always gets at least its chosen type's r_min, and Σ r never exceeds R.
 */
import { at, type CipInstance } from "./model";

/** Name of the over-budget rule, recorded in the log. */
export const OVER_BUDGET_RULE = "criticality-order-fill" as const;

/** One CI's acceptance of contract `contract` (0-based type index). */
export interface Acceptance {
  ciId: string;
  /** Position in the request order (0-based), the last tie-breaker. */
  requestIndex: number;
  contract: number;
  resources: number;
  reward: number;
}

/** A signed contract; `partial` when the over-budget rule cut it to the resources left. */
export interface SignedContract extends Acceptance {
  partial: boolean;
  /** r of the contract as designed (equals `resources` unless partial). */
  designedResources: number;
}

/** The outcome of signing. */
export interface SigningResult {
  rule: typeof OVER_BUDGET_RULE;
  budget: number;
  /** Σ r over all acceptances. */
  requested: number;
  /** True when the acceptances asked for more than R and the rule had to ration. */
  rationed: boolean;
  /** Acceptance ids in the order the rule considered them. */
  order: string[];
  /** Signed contracts in request order. */
  signed: SignedContract[];
  unserved: Acceptance[];
  /** Σ r over the signed contracts (≤ R up to the rounding slack). */
  handedOut: number;
}

/** Sign `acceptances` without ever handing out more than instance.resources (see module doc). */
export function signWithinBudget(instance: CipInstance, acceptances: readonly Acceptance[]): SigningResult {
  const budget = instance.resources;
  const slack = 1e-6 * Math.max(1, budget);
  const requested = acceptances.reduce((s, a) => s + a.resources, 0);
  const typeOf = (a: Acceptance) => at(instance.types, a.contract);
  const ordered = acceptances.slice().sort((x, y) => {
    const tx = typeOf(x);
    const ty = typeOf(y);
    if (tx.phi !== ty.phi) return ty.phi - tx.phi;
    if (tx.theta !== ty.theta) return ty.theta - tx.theta;
    return x.requestIndex - y.requestIndex;
  });
  const rationed = requested > budget + slack;
  const signed: SignedContract[] = [];
  const unserved: Acceptance[] = [];
  let left = budget;
  for (const a of ordered) {
    const type = typeOf(a);
    if (!rationed || a.resources <= left + slack) {
      signed.push({ ...a, partial: false, designedResources: a.resources });
      left -= a.resources;
      continue;
    }
    const cut = instance.integerResources === true ? Math.floor(left + slack) : Math.max(0, left);
    if (cut >= type.minResources - slack && cut > 0) {
      signed.push({ ...a, resources: cut, reward: type.rewardRate * cut, partial: true, designedResources: a.resources });
      left -= cut;
    } else {
      unserved.push(a);
    }
  }
  return {
    rule: OVER_BUDGET_RULE,
    budget,
    requested,
    rationed,
    order: ordered.map((a) => a.ciId),
    signed: signed.sort((x, y) => x.requestIndex - y.requestIndex),
    unserved,
    handedOut: signed.reduce((s, a) => s + a.resources, 0),
  };
}
