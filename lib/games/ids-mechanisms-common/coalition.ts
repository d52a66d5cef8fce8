/**
 * Equilibria between a coalition and loners, the eq. 9 construction of Naghizadeh & Liu §III-D
 * generalised to several users staying out at once (needed because participation is a choice).
 *
 * A coalition C minimises Σ_{j∈C} g_j over x_C (the participants, "BR_{−i}" of eq. 9); every loner
 * l ∈ L minimises its own g_l over x_l; the profile is a Nash equilibrium between the coalition
 * (one player) and the loners. With one loner and C = everyone else this is the loner equilibrium
 * x̃^i of eq. 9 (computed by the core's `lonerEquilibria`; `coalition.test.ts` checks we agree).
 *
 * Algorithm: the eq. 9 sequence y ← T(y) = N_L(X_C(y)) on the loners' investments y, from y = 0:
 * X_C(y) is the coalition optimum given y (`socialOptimum` with users = vars = C, certified), N_L the
 * loners' Nash equilibrium given x_C (exact best response for one loner, `nashEquilibrium` on the
 * loners' sub-game otherwise). In the total-effort model T has slope exactly 1 until the coalition
 * stops investing, so plain iteration crawls (steps of constant length); when two successive steps
 * point the same way and do not shrink, we search along that direction for the point where the
 * residual ⟨d, T(y) − y⟩ changes sign (doubling, then bisection), and iterate again from there.
 * When successive steps reverse (the iteration cycles, seen with several loners and general W), the
 * step is damped (Mann iteration y ← y + θ(T(y) − y), θ halved at each reversal, down to 1/64).
 * A coalition of one is a plain Nash equilibrium (`nashEquilibrium`, with its Lemke fallback).
 * The answer is certified by the best-response gap of the loners and the coalition's KKT
 * optimality (both relative 1e-8); `certified: false` is returned (never thrown) otherwise, with the
 * last iterate. Measured on all (coalition, loners) splits of random instances, N = 2–6, log-uniform
 * α ∈ 10·[0.1, 10], c, q ∈ [0.1, 10] (q = 0 for half the users), W_ii ∈ [0.1, 10], W_ij 0 (30%) or in
 * [0.01, 10]: 7 of 3684 splits (seed "u1") and 8 of 3224 (seed "u2") uncertified, all with ≥ 2 loners and
 * general W; more iterations did not help (T is discontinuous where the loners' equilibrium or the
 * coalition's optimum is not unique). Median 5–7 evaluations of T, 99th percentile ~200.
 */
import { bestResponse, IDS_RANGE, nashEquilibrium, socialOptimum, userCosts } from "../../mechanisms/ids";
import { restrict, type Instance } from "./instance";

export interface CoalitionEquilibrium {
  x: number[];
  /** Σ_{j∈C} g_j(x) for the coalition C. */
  coalitionCost: number;
  /** Evaluations of T. */
  iterations: number;
  /** max(loners' |x_l − BR_l(x)|, coalition's |x_C − X_C(x_L)|). */
  gap: number;
  certified: boolean;
}

const TOL = 1e-12;
const CERT = 1e-8;
const MAX_EVALS = 300;

const supNorm = (v: readonly number[]) => v.reduce((m, a) => Math.max(m, Math.abs(a)), 0);

/** The loners' Nash equilibrium given everyone else's investments `x` (loner entries of x ignored). */
export function lonersResponse(inst: Instance, loners: readonly number[], x: readonly number[]): number[] {
  const out = x.slice();
  if (loners.length === 0) return out;
  if (loners.length === 1) {
    const l = loners[0]!;
    out[l] = bestResponse(inst, l, x);
    return out;
  }
  const isLoner = new Set(loners);
  const sub = restrict(inst, loners);
  sub.alpha = loners.map((l) => {
    let s = 0;
    x.forEach((xj, j) => {
      if (!isLoner.has(j)) s += inst.W[l]![j]! * xj;
    });
    // the loner's risk given the coalition's protection; below the model's smallest positive value it
    // is 0 (a loss under 1e-30 moves no best response by more than ~1e-27), not a refused instance
    const a = inst.alpha[l]! * Math.exp(-s);
    return a < IDS_RANGE.minPositive ? 0 : a;
  });
  const ne = nashEquilibrium(sub);
  loners.forEach((l, k) => (out[l] = ne.x[k]!));
  return out;
}

/** Coalition optimum X_C given the others' investments in `x`. */
function coalitionBest(inst: Instance, coalition: readonly number[], x: readonly number[]): number[] {
  return socialOptimum(inst, { users: coalition, vars: coalition, fixed: x, start: x }).x;
}

function coalitionCostOf(inst: Instance, coalition: readonly number[], x: readonly number[]): number {
  const g = userCosts(inst, x);
  return coalition.reduce((s, j) => s + g[j]!, 0);
}

/**
 * Nash equilibrium between the coalition `coalition` and the `loners` (together: every user).
 * Empty coalition: the unregulated Nash equilibrium; no loners: the coalition's optimum (eq. 2).
 */
export function coalitionEquilibrium(inst: Instance, coalition: readonly number[], loners: readonly number[]): CoalitionEquilibrium {
  const n = inst.alpha.length;
  if (coalition.length + loners.length !== n) throw new Error("coalition and loners must partition the users");
  if (coalition.length <= 1) {
    // A coalition of one minimises its own cost: the profile is a Nash equilibrium of the game (Lemke fallback).
    const ne = nashEquilibrium(inst);
    if (coalition.length === 1) return { x: ne.x, coalitionCost: ne.costs[coalition[0]!]!, iterations: ne.iterations, gap: ne.gap, certified: true };
    return { x: ne.x, coalitionCost: 0, iterations: ne.iterations, gap: ne.gap, certified: true };
  }
  if (loners.length === 0) {
    const so = socialOptimum(inst, { users: coalition });
    return { x: so.x, coalitionCost: so.cost, iterations: 1, gap: 0, certified: true };
  }
  let evals = 0;
  const T = (y: readonly number[]) => {
    evals++;
    return lonersResponse(inst, loners, coalitionBest(inst, coalition, y));
  };
  // Upper bounds: a loner never invests more than its best response to nobody investing.
  const zeros = new Array<number>(n).fill(0);
  const upper = loners.map((l) => bestResponse(inst, l, zeros));
  const clampLoners = (y: number[]) => {
    loners.forEach((l, k) => (y[l] = Math.min(upper[k]!, Math.max(0, y[l]!))));
    return y;
  };
  // y: the loners' investments (a full profile; only loner entries matter); out = T(y).
  let y = zeros.slice();
  let out = T(y);
  let prev: number[] | null = null;
  let theta = 1; // Mann damping y ← y + θ(T(y) − y): halved whenever successive steps reverse (cycling)
  const move = (s: number, d: readonly number[]) => clampLoners(y.map((v, j) => v + s * (d[loners.indexOf(j)] ?? 0)));
  while (evals < MAX_EVALS) {
    const d = loners.map((l) => out[l]! - y[l]!);
    const size = supNorm(d);
    if (size <= TOL * Math.max(1, supNorm(out))) break;
    const cos = prev !== null ? cosine(d, prev) : 0;
    if (cos < -0.3) theta = Math.max(1 / 64, theta / 2);
    const slow = prev !== null && theta === 1 && size >= 0.5 * supNorm(prev) && cos > 0.99;
    prev = d;
    if (!slow) {
      y = move(theta, d);
      out = T(y);
      continue;
    }
    // Constant steps (slope-1 region): search along d for the sign change of ρ(s) = ⟨d, T(y + s·d) − (y + s·d)⟩.
    const rho = (s: number) => {
      const z = move(s, d);
      const t = T(z);
      return loners.reduce((acc, l, k) => acc + d[k]! * (t[l]! - z[l]!), 0);
    };
    let lo = 1;
    let hi = 2;
    while (evals < MAX_EVALS && rho(hi) > 0) {
      const z = move(hi, d);
      if (loners.every((l, k) => z[l] === upper[k] || z[l] === 0)) break;
      lo = hi;
      hi *= 2;
    }
    for (let k = 0; k < 60 && hi - lo > 1e-9 * hi && evals < MAX_EVALS; k++) {
      const mid = 0.5 * (lo + hi);
      if (rho(mid) > 0) lo = mid;
      else hi = mid;
    }
    y = move(lo, d);
    out = T(y);
    prev = null;
  }
  const x = out;
  // Certificate: loners best-respond and the coalition is optimal given the loners.
  const br = lonersResponse(inst, loners, x);
  const best = coalitionBest(inst, coalition, x);
  let gap = 0;
  for (const l of loners) gap = Math.max(gap, Math.abs(br[l]! - x[l]!));
  for (const j of coalition) gap = Math.max(gap, Math.abs(best[j]! - x[j]!));
  const certified = gap <= CERT * Math.max(1, supNorm(x));
  return { x, coalitionCost: coalitionCostOf(inst, coalition, x), iterations: evals, gap, certified };
}

function cosine(a: readonly number[], b: readonly number[]): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  a.forEach((v, k) => {
    ab += v * b[k]!;
    aa += v * v;
    bb += b[k]! * b[k]!;
  });
  return aa === 0 || bb === 0 ? 0 : ab / Math.sqrt(aa * bb);
}
