/**
 * Theorem A of the NSE note (docs/papers/ssg.md): a sufficient condition for (X, τ) to be an NSE in the
 * sense of Definition 2.1 (Gan et al. 2020, §2.1), checkable in O(nm):
 *
 * - (A1) τ ∈ BR(cov(X));
 * - (A2) c^i_t > 0 ⇒ t ∈ L_i = {t ∈ BR : U^d_i(c,t) ≤ U^d_i(c,τ)};
 * - (A3) Σ_t c^i_t = k_i, or some t ∈ L_i has cov_t = 1.
 *
 * Plus feasibility: c^i ∈ [0,1]^m and Σ_t c^i_t ≤ k_i. Every NSE returned by the solver passes this
 * check; it is run in code, not only in tests. Equalities are checked with tolerances scaled to the
 * payoffs, so a passing profile is an NSE up to those tolerances (an ε-NSE with ε of order 1e-9).
 */
import { attackerLevel } from "./attacker";
import { at, attackerUtility, combineCoverage, defenderUtility, numTargets, payoffScale, type SsgInstance } from "./model";

/** A defender strategy profile by coverage (c^i_t) and the attacked target τ. */
export interface NseProfile {
  readonly defenderCoverage: readonly (readonly number[])[];
  readonly target: number;
}

/** Tolerances of the certificate check. */
export interface CertificateTolerances {
  /** Attacker ties: t ∈ BR iff U^a(c,t) ≥ max − tolBr. Default 1e-9 × scale. */
  readonly tolBr?: number;
  /** Defender comparisons U_i(c,t) ≤ v_i + tolU. Default 1e-9 × scale. */
  readonly tolU?: number;
  /** Coverage: c^i_t > tolC counts as covering; cov_t ≥ 1 − tolC counts as full. Default 1e-12. */
  readonly tolC?: number;
  /** Resource use: |Σ_t c^i_t − k_i| ≤ tolK·max(1,k_i). Default 1e-9. */
  readonly tolK?: number;
}

/** Outcome of {@link checkNseCertificate}: `ok` with no failures, or the named violations. */
export interface CertificateReport {
  readonly ok: boolean;
  readonly theorem: "A";
  readonly failures: readonly string[];
  readonly attackerLevel: number;
  readonly bestResponses: readonly number[];
  /** Per defender: which clause of (A3) holds ("budget" or "full-target"), or "none". */
  readonly a3: readonly ("budget" | "full-target" | "none" | "inactive")[];
}

/** Check Theorem A (A1)–(A3) plus feasibility for a profile; see module doc. */
export function checkNseCertificate(g: SsgInstance, prof: NseProfile, tols: CertificateTolerances = {}): CertificateReport {
  const scale = payoffScale(g);
  const tolBr = tols.tolBr ?? 1e-9 * scale;
  const tolU = tols.tolU ?? 1e-9 * scale;
  const tolC = tols.tolC ?? 1e-12;
  const tolK = tols.tolK ?? 1e-9;
  const m = numTargets(g);
  const n = g.defenders.length;
  const failures: string[] = [];
  const X = prof.defenderCoverage;
  if (X.length !== n) failures.push(`profile has ${X.length} defenders, game has ${n}`);
  X.forEach((ci, i) => {
    if (ci.length !== m) failures.push(`defender ${i} coverage has ${ci.length} entries, expected ${m}`);
    let sum = 0;
    ci.forEach((v, t) => {
      if (!(v >= -tolC && v <= 1 + tolC)) failures.push(`c[${i}][${t}] = ${v} outside [0,1]`);
      sum += v;
    });
    const k = g.defenders[i]?.resources ?? 0;
    if (sum > k + tolK * Math.max(1, k)) failures.push(`defender ${i} uses ${sum} > k = ${k}`);
  });
  const tau = prof.target;
  if (!(Number.isInteger(tau) && tau >= 0 && tau < m)) failures.push(`target ${tau} is not a target index`);
  if (failures.length > 0) return { ok: false, theorem: "A", failures, attackerLevel: NaN, bestResponses: [], a3: [] };
  const c = combineCoverage(X, m);
  const u = attackerLevel(g, c);
  const br: number[] = [];
  for (let t = 0; t < m; t++) if (attackerUtility(g, c, t) >= u - tolBr) br.push(t);
  const inBr = new Set(br);
  if (!inBr.has(tau)) failures.push(`(A1) target ${tau} is not a best response (U^a = ${attackerUtility(g, c, tau)}, level ${u})`);
  const a3: CertificateReport["a3"][number][] = [];
  for (let i = 0; i < n; i++) {
    const k = at(g.defenders, i).resources;
    const ci = at(X, i);
    const v = defenderUtility(g, i, c, tau);
    const willing = (t: number) => inBr.has(t) && defenderUtility(g, i, c, t) <= v + tolU;
    for (let t = 0; t < m; t++) {
      if (at(ci, t) > tolC && !willing(t)) {
        failures.push(
          inBr.has(t)
            ? `(A2) defender ${i} covers target ${t}, which she prefers to ${tau} (${defenderUtility(g, i, c, t)} > ${v})`
            : `(A2) defender ${i} covers target ${t}, which is not a best response`,
        );
      }
    }
    if (k === 0) {
      a3.push("inactive");
      continue;
    }
    const used = ci.reduce((s, x) => s + x, 0);
    if (Math.abs(used - k) <= tolK * Math.max(1, k)) a3.push("budget");
    else if (br.some((t) => willing(t) && at(c, t) >= 1 - tolC)) a3.push("full-target");
    else {
      a3.push("none");
      failures.push(`(A3) defender ${i} uses ${used} of ${k} resources and no target she accepts is fully covered`);
    }
  }
  return { ok: failures.length === 0, theorem: "A", failures, attackerLevel: u, bestResponses: br, a3 };
}
