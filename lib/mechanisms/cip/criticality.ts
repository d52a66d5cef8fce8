/**
 * Criticality bookkeeping for Algorithm 1: which CI is dropped when the resources cannot serve
 * everyone, and in which order excluded CIs are reconsidered.
 *
 * The CC only knows each CI's probabilities over the K combined types (per CI, or the population's).
 * Lowest criticality level = the smallest φ among the types. For a CI i:
 *   pLowest_i  = P(φ = lowest level) = Σ_{k: φ_k = lowest} p_ik
 *   expected_i = E[φ] = Σ_k p_ik φ_k
 * Exclusion (step 2) drops the CI with the LARGEST pLowest; ties (|Δ| ≤ 1e-12) → the SMALLEST expected
 * criticality; further ties → the CI that requested LAST. Reconsideration (step 5) uses exactly the
 * reverse order ("most critical first"): smallest pLowest, then largest E[φ], then earliest request.
 */
import { at, type CipInstance } from "./model";

/** A CI that requested protection. */
export interface CipCi {
  /** Unique id (e.g. the participant's id). */
  id: string;
  /** The CC's probabilities that this CI is of each of the K types (type order); default: the population's. */
  probabilities?: readonly number[];
}

/** What the CC believes about one CI's criticality. */
export interface CriticalityProfile {
  ciId: string;
  /** Position in the request order (0-based). */
  requestIndex: number;
  /** Probability that the CI is of the lowest criticality level. */
  pLowest: number;
  /** Expected criticality E[φ]. */
  expected: number;
}

const EPS = 1e-12;

/** The probability vector the CC uses for `ci` (its own, or the population's). */
export function ciProbabilities(instance: CipInstance, ci: CipCi): readonly number[] {
  return ci.probabilities ?? instance.types.map((t) => t.probability);
}

/** Criticality profile of `ci`, which is at position `requestIndex` in the request order. */
export function criticalityProfile(instance: CipInstance, ci: CipCi, requestIndex: number): CriticalityProfile {
  const p = ciProbabilities(instance, ci);
  const lowest = Math.min(...instance.types.map((t) => t.phi));
  let pLowest = 0;
  let expected = 0;
  instance.types.forEach((t, k) => {
    const pk = at(p, k);
    if (t.phi === lowest) pLowest += pk;
    expected += pk * t.phi;
  });
  return { ciId: ci.id, requestIndex, pLowest, expected };
}

/** Negative when `a` must be excluded before `b` (see module doc). */
export function compareForExclusion(a: CriticalityProfile, b: CriticalityProfile): number {
  if (Math.abs(a.pLowest - b.pLowest) > EPS) return b.pLowest - a.pLowest;
  if (Math.abs(a.expected - b.expected) > EPS) return a.expected - b.expected;
  return b.requestIndex - a.requestIndex;
}

/**
 * The CI among `candidateIds` to exclude next. `requestOrder` is the full list of requesting CIs
 * (it fixes requestIndex). Returns its profile.
 */
export function pickExclusion(
  instance: CipInstance,
  requestOrder: readonly CipCi[],
  candidateIds: readonly string[],
): CriticalityProfile {
  const profiles = profilesOf(instance, requestOrder, candidateIds).sort(compareForExclusion);
  const first = profiles[0];
  if (!first) throw new RangeError("no CI left to exclude");
  return first;
}

/** `candidateIds` sorted most critical first (the reverse of the exclusion order). */
export function readmissionOrder(
  instance: CipInstance,
  requestOrder: readonly CipCi[],
  candidateIds: readonly string[],
): CriticalityProfile[] {
  return profilesOf(instance, requestOrder, candidateIds).sort((a, b) => compareForExclusion(b, a));
}

function profilesOf(instance: CipInstance, requestOrder: readonly CipCi[], ids: readonly string[]): CriticalityProfile[] {
  const wanted = new Set(ids);
  const out: CriticalityProfile[] = [];
  requestOrder.forEach((ci, i) => {
    if (wanted.has(ci.id)) out.push(criticalityProfile(instance, ci, i));
  });
  return out;
}
