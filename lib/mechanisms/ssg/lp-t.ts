/**
 * LP-t of CSW-Max (Gan et al. 2020, §4.1, eq. (4)):
 *
 *   max Σ_i U^d_i(c,t)  s.t.  U^d_i(c,t) ≥ v_i (4a),  U^a(c,j) ≤ U^a(c,t) ∀j (4b),  Σ_j c_j ≤ K (4c),  0 ≤ c ≤ 1 (4d).
 *
 * The objective is Σ_i p_i(t) + c_t·Σ_i Δ_i(t) with every Δ_i(t) > 0, so LP-t maximises c_t. With
 * u = U^a(c,t) = r^a_t − c_t Δ^a_t, (4b) says c_j ≥ z_j(u) for j ≠ t, which needs u ≥ p^a_j; the
 * cheapest completion takes c_j = z_j(u) exactly. need(c_t) = c_t + Σ_{j≠t} z_j(u(c_t)) is increasing
 * and piecewise linear, so the optimum is found exactly by walking its breakpoints ({@link maxCoverageAt}).
 * The returned coverage is the canonical *minimal* optimum (others exactly at z_j(u)); leftover budget
 * could be placed anywhere without changing any utility. {@link buildLpT} gives the same LP for solveLp.
 */
import { solveLp, type LpConstraint, type LpProblem } from "@/lib/lp/lp";
import { at, coverageForLevel, defenderUtilities, numTargets, payoffScale, totalResources, type SsgInstance } from "./model";

/** Optimum of LP-t: feasibility, the canonical coverage, c_t and the welfare Σ_i U^d_i(c,t). */
export interface LpTSolution {
  readonly target: number;
  readonly feasible: boolean;
  readonly coverage: number[] | null;
  readonly welfare: number;
}

/**
 * Max c_t such that t ∈ BR(c), c ∈ C_K and c_t ≥ lower (the feasible region of (4b)–(4d) plus a lower
 * bound). Returns null when infeasible; otherwise the minimal canonical coverage vector.
 */
export function maxCoverageAt(g: SsgInstance, t: number, lower = 0, K = totalResources(g)): number[] | null {
  const m = numTargets(g);
  const ra = g.attacker.reward;
  const pa = g.attacker.penalty;
  const dat = at(ra, t) - at(pa, t);
  let P = -Infinity;
  for (let j = 0; j < m; j++) if (j !== t) P = Math.max(P, at(pa, j));
  let xmax = Math.min(1, (at(ra, t) - P) / dat);
  if (xmax < 0) return null;
  const need = (x: number) => {
    const u = at(ra, t) - x * dat;
    let s = x;
    for (let j = 0; j < m; j++) if (j !== t) s += Math.max(0, (at(ra, j) - u) / (at(ra, j) - at(pa, j)));
    return s;
  };
  const lo = Math.max(0, lower);
  if (need(0) > K + 1e-12 * Math.max(1, K)) return null;
  if (need(xmax) > K) {
    // walk the breakpoints x_j = (r_t − r_j)/Δ^a_t in (0, xmax)
    const bps = [0, xmax];
    for (let j = 0; j < m; j++) {
      const x = (at(ra, t) - at(ra, j)) / dat;
      if (j !== t && x > 0 && x < xmax) bps.push(x);
    }
    bps.sort((a, b) => a - b);
    let a = 0;
    let na = need(0);
    for (const b of bps.slice(1)) {
      const nb = need(b);
      if (nb > K) {
        xmax = nb === na ? a : a + ((K - na) * (b - a)) / (nb - na);
        break;
      }
      a = b;
      na = nb;
    }
  }
  if (xmax < lo) return null;
  const u = at(ra, t) - xmax * dat;
  return Array.from({ length: m }, (_, j) => (j === t ? xmax : coverageForLevel(g, j, u)));
}

/** Lower bound on c_t implied by (4a): max_i (v_i − relax − p_i(t)) / Δ_i(t). */
export function utilityFloor(g: SsgInstance, t: number, v: readonly number[], relax: number): number {
  let lb = 0;
  g.defenders.forEach((d, i) => {
    lb = Math.max(lb, (at(v, i) - relax - at(d.penalty, t)) / (at(d.reward, t) - at(d.penalty, t)));
  });
  return lb;
}

/**
 * Solve LP-t exactly (module doc). (4a) is relaxed by `relax` (default 1e-9 × payoff scale) because
 * LP-τ is feasible only with equality at the NSE itself (Lemma 4.1).
 */
export function solveLpT(g: SsgInstance, t: number, v: readonly number[], relax = 1e-9 * payoffScale(g)): LpTSolution {
  const c = maxCoverageAt(g, t, utilityFloor(g, t, v, relax));
  if (!c) return { target: t, feasible: false, coverage: null, welfare: -Infinity };
  return { target: t, feasible: true, coverage: c, welfare: defenderUtilities(g, c, t).reduce((s, x) => s + x, 0) };
}

/** LP-t, eq. (4), as an {@link LpProblem} over variables c0..c{m−1} (for solveLp; cross-checks). */
export function buildLpT(g: SsgInstance, t: number, v: readonly number[], relax = 1e-9 * payoffScale(g)): LpProblem {
  const m = numTargets(g);
  const vars = Array.from({ length: m }, (_, j) => `c${j}`);
  const ct = `c${t}`;
  const cons: LpConstraint[] = [];
  g.defenders.forEach((d, i) => {
    const dt = at(d.reward, t) - at(d.penalty, t);
    cons.push({ name: `4a_${i}`, coeffs: { [ct]: dt }, relation: ">=", rhs: at(v, i) - relax - at(d.penalty, t) });
  });
  const ra = g.attacker.reward;
  const pa = g.attacker.penalty;
  for (let j = 0; j < m; j++) {
    if (j === t) continue;
    // r_j − Δ_j c_j ≤ r_t − Δ_t c_t
    cons.push({
      name: `4b_${j}`,
      coeffs: { [`c${j}`]: -(at(ra, j) - at(pa, j)), [ct]: at(ra, t) - at(pa, t) },
      relation: "<=",
      rhs: at(ra, t) - at(ra, j),
    });
  }
  cons.push({ name: "4c", coeffs: Object.fromEntries(vars.map((x) => [x, 1])), relation: "<=", rhs: totalResources(g) });
  for (const x of vars) cons.push({ name: `4d_${x}`, coeffs: { [x]: 1 }, relation: "<=", rhs: 1 });
  const objective = { [ct]: g.defenders.reduce((s, d) => s + at(d.reward, t) - at(d.penalty, t), 0) };
  return { direction: "max", variables: vars, objective, constraints: cons };
}

/** LP-t solved with the simplex wrapper (8-decimal precision; use for cross-checks and small m). */
export function solveLpTSimplex(g: SsgInstance, t: number, v: readonly number[], relax = 1e-9 * payoffScale(g)): LpTSolution {
  const res = solveLp(buildLpT(g, t, v, relax));
  if (res.status !== "optimal") return { target: t, feasible: false, coverage: null, welfare: -Infinity };
  const c = Array.from({ length: numTargets(g) }, (_, j) => res.values[`c${j}`] ?? 0);
  return { target: t, feasible: true, coverage: c, welfare: defenderUtilities(g, c, t).reduce((s, x) => s + x, 0) };
}

/**
 * Exact Pareto-efficiency check (Property 1) of an outcome (c, t): an outcome (z, h) can only give
 * U_i(z,h) ≤ U_i(ĉ_h, h) where ĉ_h maximises c_h over feasible outcomes attacking h, so (c,t) is PE
 * iff no (ĉ_h, h) Pareto-dominates it. Returns a dominating outcome, or null.
 */
export function paretoDominator(
  g: SsgInstance,
  outcome: { coverage: readonly number[]; target: number },
  tol = 1e-9 * payoffScale(g),
): { coverage: number[]; target: number; utilities: number[] } | null {
  const u = defenderUtilities(g, outcome.coverage, outcome.target);
  for (let h = 0; h < numTargets(g); h++) {
    const c = maxCoverageAt(g, h, 0);
    if (!c) continue;
    const w = defenderUtilities(g, c, h);
    if (w.every((x, i) => x >= at(u, i) - tol) && w.some((x, i) => x > at(u, i) + tol)) return { coverage: c, target: h, utilities: w };
  }
  return null;
}
