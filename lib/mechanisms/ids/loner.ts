/**
 * The loner equilibrium of §II-B / §III-D (full information): user i stays out, the N−1
 * participants choose argmin Σ_{j≠i} g_j given x_i (BR_{−i}), and the loner best-responds (BR_i).
 * x̃^i is a Nash equilibrium of that two-player game, i.e. a fixed point t = T(t) of
 * T(t) = BR_i(BR_{−i}(t)), the limit of the sequence in eq. 9 started at x_i = 0.
 *
 * Method: if T(0) = 0 the loner free-rides and x̃^i = (BR_{−i}(0), 0). Otherwise we search the
 * root of φ(t) = t − T(t) on [0, U], U = BR_i(x_{−i} = 0) >= T(t) for all t (so φ(U) >= 0), by
 * safeguarded secant steps seeded with the eq. 9 step t_1 = T(0), each evaluation warm-started.
 * The result is certified (coalition KKT inside solveSocial, |t − BR_i| small) or IdsSolverError.
 */
import { IdsSolverError, type Prepared } from "./model";
import { bestResponseP, bestResponseScalar } from "./nash";
import { coalitionOptimum } from "./internal";
import type { Factor } from "./optimizer";

/** Result of the loner search: profile x̃^i and number of coalition solves. */
export interface LonerEquilibrium {
  x: number[];
  /** Σ_{j≠i} g_j(x̃^i), the second sum of eq. 6 under full information. */
  coalitionCost: number;
  solves: number;
}

/**
 * Loner equilibrium x̃^i for user i (eq. 9). `excluded` is BR_{−i}(0) = x̂^i (already computed by
 * the incomplete-information Pivotal mechanism), reused as the first evaluation.
 */
export function lonerEquilibrium(
  P: Prepared,
  i: number,
  excluded: readonly number[],
  excludedCost: number,
  factor?: Factor,
): LonerEquilibrium {
  const n = P.n;
  const T0 = bestResponseP(P, i, excluded);
  if (T0 === 0) {
    const x = excluded.slice();
    x[i] = 0;
    return { x, coalitionCost: excludedCost, solves: 0 };
  }
  const U = bestResponseScalar(P.alpha[i]!, P.W[i * n + i]!, 0, P.c[i]!, P.q[i]!);
  const scale = Math.max(1, U);
  let lo = 0;
  let phiLo = -T0;
  let hi = U;
  let phiHi = Number.NaN; // φ(U) >= 0 is known without evaluating it
  let last: ArrayLike<number> = excluded;
  let chain: Factor | null = factor ?? null;
  let solves = 0;
  let prev: { t: number; phi: number } = { t: 0, phi: -T0 };
  let t = Math.min(T0, U);
  let best: { x: number[]; cost: number; gap: number } | null = null;
  for (let it = 0; it < 100; it++) {
    // Warm start: previous coalition solution and its last factorisation (chord steps).
    const sol = coalitionOptimum(P, i, t, last, chain ?? undefined);
    chain = sol.factor;
    const xs = sol.x;
    solves++;
    last = xs;
    const br = bestResponseP(P, i, xs);
    const phi = t - br;
    const x = xs.slice();
    x[i] = t;
    if (!best || Math.abs(phi) < best.gap) best = { x, cost: sol.cost, gap: Math.abs(phi) };
    if (Math.abs(phi) <= 1e-12 * scale) break;
    if (phi < 0) {
      lo = t;
      phiLo = phi;
    } else {
      hi = t;
      phiHi = phi;
    }
    if (hi - lo <= 1e-14 * scale) break;
    // Secant through the last two evaluations, kept strictly inside the bracket.
    let next = phi !== prev.phi ? t - (phi * (t - prev.t)) / (phi - prev.phi) : Number.NaN;
    if (!(next > lo && next < hi)) {
      // Regula falsi on the bracket if both ends are known, else the eq. 9 fixed-point step.
      next = Number.isFinite(phiHi) ? lo - (phiLo * (hi - lo)) / (phiHi - phiLo) : br;
      if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    }
    prev = { t, phi };
    t = next;
  }
  if (!best || best.gap > 1e-9 * scale) {
    throw new IdsSolverError(
      `loner equilibrium for user ${i}: best-response gap ${best?.gap.toExponential(3)} could not be certified`,
    );
  }
  return { x: best.x, coalitionCost: best.cost, solves };
}
