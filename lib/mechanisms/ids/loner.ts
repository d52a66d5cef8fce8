/**
 * The loner equilibrium of §II-B / §III-D (full information): user i stays out, the N−1
 * participants choose argmin Σ_{j≠i} g_j given x_i (BR_{−i}), and the loner best-responds (BR_i).
 * x̃^i is a Nash equilibrium of that two-player game, i.e. a fixed point t = T(t) of
 * T(t) = BR_i(BR_{−i}(t)), the limit of the sequence in eq. 9 started at x_i = 0.
 *
 * Method: if T(0) = 0 the loner free-rides and x̃^i = (BR_{−i}(0), 0). Otherwise we search the
 * root of φ(t) = t − T(t) on [0, U], U = BR_i(x_{−i} = 0) >= T(t) for all t (so φ(U) >= 0), by
 * safeguarded secant steps seeded with the eq. 9 step t_1 = T(0), each evaluation warm-started.
 * The result is certified or IdsSolverError: the coalition's relative KKT residual (inside solveSocial)
 * and the loner's own relative KKT residual (`ownKktResidual` <= 1e-9; scale-free, so a loner whose α
 * is 1e-10 of the others' is held to the same relative accuracy as the others).
 */
import { IdsSolverError, type Prepared } from "./model";
import { bestResponseP, bestResponseScalar, ownKktResidual } from "./nash";
import { coalitionOptimum, kktResidualP, others, userCostP } from "./internal";
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
  // relative to the loner's own largest investment U (scale-free, unlike max(1, U))
  const scale = U > 0 ? U : 1;
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
  let loX: { x: number[]; cost: number } = { x: excluded.slice(), cost: excludedCost };
  let hiX: { x: number[]; cost: number } | null = null;
  let sameSide = 0;
  let lastSide = 0;
  for (let it = 0; it < 200; it++) {
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
    const side = phi < 0 ? -1 : 1;
    sameSide = side === lastSide ? sameSide + 1 : 0;
    lastSide = side;
    if (phi < 0) {
      lo = t;
      phiLo = phi;
      loX = { x, cost: sol.cost };
    } else {
      hi = t;
      phiHi = phi;
      hiX = { x, cost: sol.cost };
    }
    if (hi - lo <= 1e-14 * scale) break;
    // Secant through the last two evaluations, kept strictly inside the bracket; bisection when
    // it stalls on one side (φ can be steep or even jump where the coalition's optimum switches).
    let next = phi !== prev.phi ? t - (phi * (t - prev.t)) / (phi - prev.phi) : Number.NaN;
    if (!(next > lo && next < hi)) {
      // Regula falsi on the bracket if both ends are known, else the eq. 9 fixed-point step.
      next = Number.isFinite(phiHi) ? lo - (phiLo * (hi - lo)) / (phiHi - phiLo) : br;
      if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    }
    if (sameSide >= 2 && Number.isFinite(phiHi)) next = 0.5 * (lo + hi);
    prev = { t, phi };
    t = next;
  }
  const CERTIFICATE = 1e-9;
  const certify = (b: { x: number[] } | null) => (b ? ownKktResidual(P, i, b.x) : Number.POSITIVE_INFINITY);
  if (best && certify(best) > CERTIFICATE && hiX && hi - lo <= 1e-9 * scale) {
    // φ jumps at t ≈ lo ≈ hi: the coalition's optimal set there is a segment (linear costs make
    // the objective flat along it). Both end solutions are optimal at t, so is any convex
    // combination; pick the one giving the loner exactly the protection for which BR_i = t.
    const mixed = mixAtJump(P, i, 0.5 * (lo + hi), loX, hiX);
    if (mixed) best = mixed;
  }
  const residual = certify(best);
  if (!best || !(residual <= CERTIFICATE)) {
    throw new IdsSolverError(
      `loner equilibrium for user ${i}: the loner's relative KKT residual ${residual.toExponential(3)} exceeds ${CERTIFICATE} (best-response gap ${best?.gap.toExponential(3)}); it could not be certified`,
    );
  }
  return { x: best.x, coalitionCost: best.cost, solves };
}

/**
 * Convex combination of the coalition solutions on both sides of a jump of φ, chosen so user i's
 * outside protection s = Σ_{j≠i} W_ij x_j satisfies BR_i(s) = t; accepted only if the coalition's
 * KKT residual at the combination is small (certificate). Null otherwise.
 */
function mixAtJump(
  P: Prepared,
  i: number,
  t: number,
  a: { x: number[]; cost: number },
  b: { x: number[]; cost: number },
): { x: number[]; cost: number; gap: number } | null {
  const n = P.n;
  const prot = (x: readonly number[]) => {
    let s = 0;
    for (let j = 0; j < n; j++) if (j !== i) s += P.W[i * n + j]! * x[j]!;
    return s;
  };
  const wii = P.W[i * n + i]!;
  // BR_i(s) = t > 0  ⟺  c_i + q_i t = α_i W_ii e^{−s − W_ii t}.
  const target = Math.log((P.alpha[i]! * wii) / (P.c[i]! + P.q[i]! * t)) - wii * t;
  const sa = prot(a.x);
  const sb = prot(b.x);
  if (!(sa !== sb)) return null;
  const lam = (target - sb) / (sa - sb);
  if (!(lam >= 0 && lam <= 1)) return null;
  const x = a.x.map((v, j) => lam * v + (1 - lam) * b.x[j]!);
  x[i] = t;
  const users = others(n, i);
  const kkt = kktResidualP(P, x, users);
  if (!(kkt <= 1e-8)) return null;
  const gap = Math.abs(t - bestResponseP(P, i, x));
  let cost = 0;
  for (const k of users) cost += userCostP(P, k, x);
  return { x, cost, gap };
}
