/**
 * Exhaustive check of pessimistic deviations (Definition 2.1 and Property 4 of Gan et al. 2020).
 *
 * A deviation of defender i changes the combined coverage *affinely*: with the others fixed,
 * ĉ_t = 1 − (1 − c'_t)·Π_{j≠i}(1 − c^j_t) (eq. (2)), and for a strategy modification φ of a
 * recommendation (Definition 5.1) ĉ_t = 1 − Σ_s α_{s,t}(1 − d_{s,t}) with d_s the coverage played when
 * s is recommended. For every non-empty candidate best-response set S ⊆ T we solve one LP:
 *
 *   max δ  s.t.  U^a(ĉ,t) = w (t ∈ S),  U^a(ĉ,t) ≤ w − δ (t ∉ S),  U^d_i(ĉ,t) ≥ v_i + δ (t ∈ S),
 *                deviation constraints, δ ≤ 1.
 *
 * δ > 0 exactly when some deviation has best-response set S and every target of S is strictly better
 * for i than v_i, i.e. a profitable deviation under the pessimistic rule. The check is exponential in
 * m (2^m − 1 LPs per defender); use it for small instances only (m ≤ 8 is enforced).
 */
import { solveLp, type LpConstraint } from "@/lib/lp/lp";
import { at, numTargets, type SsgInstance } from "./model";
import { type NseProfile } from "./certificate";

/** ĉ_t = base[t] + Σ_v coef[t][v] · v, over the deviation variables. */
export interface AffineCoverage {
  readonly base: readonly number[];
  readonly coef: readonly Readonly<Record<string, number>>[];
}

/** The deviation variables (all ≥ 0) and their linear constraints. */
export interface DeviationSpace {
  readonly variables: readonly string[];
  readonly constraints: readonly LpConstraint[];
}

/** The most profitable deviation found: margin δ, its best-response set and the variable values. */
export interface DeviationWitness {
  readonly delta: number;
  readonly brSet: readonly number[];
  readonly values: Readonly<Record<string, number>>;
  readonly coverage: readonly number[];
}

/** Largest number of targets accepted by the exhaustive checks. */
export const EXHAUSTIVE_MAX_TARGETS = 8;

/**
 * Best pessimistic deviation margin δ for defender i against value v (module doc); null if no LP is
 * feasible with δ ≥ 0 (cannot happen when the current play itself is in the space).
 */
export function bestPessimisticDeviation(
  g: SsgInstance,
  i: number,
  v: number,
  cov: AffineCoverage,
  space: DeviationSpace,
): DeviationWitness | null {
  const m = numTargets(g);
  if (m > EXHAUSTIVE_MAX_TARGETS) throw new Error(`exhaustive deviation check limited to ${EXHAUSTIVE_MAX_TARGETS} targets (m = ${m})`);
  const ra = g.attacker.reward;
  const pa = g.attacker.penalty;
  const d = at(g.defenders, i);
  const wLow = Math.min(...pa) - 1;
  let best: DeviationWitness | null = null;
  for (let mask = 1; mask < 1 << m; mask++) {
    const S: number[] = [];
    for (let t = 0; t < m; t++) if (mask & (1 << t)) S.push(t);
    const cons: LpConstraint[] = [...space.constraints];
    for (let t = 0; t < m; t++) {
      const da = at(ra, t) - at(pa, t);
      // U^a(ĉ,t) = r − da·(base + Σ coef·v) ;  compare with w = W + wLow
      const coeffs: Record<string, number> = { W: -1 };
      for (const [vn, a] of Object.entries(at(cov.coef, t))) coeffs[vn] = (coeffs[vn] ?? 0) - da * a;
      const rhs = wLow - at(ra, t) + da * at(cov.base, t);
      if (mask & (1 << t)) cons.push({ name: `br_${t}`, coeffs, relation: "=", rhs });
      else cons.push({ name: `nbr_${t}`, coeffs: { ...coeffs, D: 1 }, relation: "<=", rhs });
    }
    for (const t of S) {
      const dd = at(d.reward, t) - at(d.penalty, t);
      const coeffs: Record<string, number> = { D: -1 };
      for (const [vn, a] of Object.entries(at(cov.coef, t))) coeffs[vn] = (coeffs[vn] ?? 0) + dd * a;
      cons.push({ name: `gain_${t}`, coeffs, relation: ">=", rhs: v - at(d.penalty, t) - dd * at(cov.base, t) });
    }
    cons.push({ name: "dcap", coeffs: { D: 1 }, relation: "<=", rhs: 1 });
    const res = solveLp({ direction: "max", variables: [...space.variables, "W", "D"], objective: { D: 1 }, constraints: cons });
    if (res.status !== "optimal") continue;
    const delta = res.values.D ?? 0;
    if (!best || delta > best.delta) {
      const coverage = cov.base.map((b, t) => {
        let s = b;
        for (const [vn, a] of Object.entries(at(cov.coef, t))) s += a * (res.values[vn] ?? 0);
        return s;
      });
      best = { delta, brSet: S, values: res.values, coverage };
    }
  }
  return best;
}

/**
 * Exhaustive Definition 2.1 check of a profile: for each defender with resources, the best pessimistic
 * deviation margin. The profile is an NSE (up to tolerance) iff every margin ≤ tol.
 */
export function nseDeviationMargins(g: SsgInstance, prof: NseProfile): (DeviationWitness | null)[] {
  const m = numTargets(g);
  const X = prof.defenderCoverage;
  const c = Array.from({ length: m }, (_, t) => 1 - X.reduce((q, ci) => q * (1 - at(ci, t)), 1));
  return g.defenders.map((d, i) => {
    if (d.resources === 0) return null;
    const Q = Array.from({ length: m }, (_, t) => X.reduce((q, cj, j) => (j === i ? q : q * (1 - at(cj, t))), 1));
    const vars = Array.from({ length: m }, (_, t) => `c${t}`);
    const cov: AffineCoverage = {
      base: Q.map((q) => 1 - q),
      coef: Q.map((q, t) => ({ [`c${t}`]: q })),
    };
    const constraints: LpConstraint[] = [
      ...vars.map((v) => ({ name: `${v}_le1`, coeffs: { [v]: 1 }, relation: "<=" as const, rhs: 1 })),
      { name: "budget", coeffs: Object.fromEntries(vars.map((v) => [v, 1])), relation: "<=", rhs: d.resources },
    ];
    const v = at(d.penalty, prof.target) + at(c, prof.target) * (at(d.reward, prof.target) - at(d.penalty, prof.target));
    return bestPessimisticDeviation(g, i, v, cov, { variables: vars, constraints });
  });
}
