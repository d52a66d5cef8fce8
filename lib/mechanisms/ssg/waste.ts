/**
 * The max-waste program M(u; W, caps) of docs/papers/ssg.md (NSE note §2.6), solved through its dual.
 *
 * Fix the attacker level u, so every target t that must be covered needs combined coverage z_t ∈ (0,1),
 * i.e. Π_i y_it = q_t = 1 − z_t with y_it = 1 − c^i_t (eq. (2)). Each allowed pair (i,t) has a cap
 * c^i_t ≤ κ_it (κ = 1: free). With x_it = ln y_it:
 *
 *   M = max s  s.t.  Σ_i x_it = ln q_t  (every t),  Σ_t (1 − e^{x_it}) ≥ k_i + s  (every active i),
 *                    ln(1 − κ_it) ≤ x_it ≤ 0.
 *
 * The program is concave. Its Lagrange dual is min over λ in the simplex of g(λ) = Σ_i λ_i e_i(λ), where
 * for given weights the inner problem separates by target and has the closed form
 * x_it = clip(a_t − p_i, ln(1−κ_it), 0) with p_i = ln λ_i and a single level a_t per target
 * (KKT: 1 − c^i_t ∝ 1/λ_i). e_i = usage_i − k_i is the gradient of g.
 *
 * We find the saddle point by a semismooth Newton method on the complementarity system
 * min(e_i − s, β(p_i − p_floor)) = 0 (β = 1e-3, p_floor = p_max − 60 stands for λ_i = 0, a defender who is not
 * binding), and stop on the duality gap: every iterate gives a primal point (lower bound min_i e_i) and
 * a dual point (upper bound Σ λ_i e_i / Σ λ_i). The returned `lower` and `upper` always bracket M.
 */
import { lmStep } from "./linalg";

/** One allowed pair (defender i may cover the target); lo = ln(1 − cap), −∞ when uncapped. */
export interface WastePair {
  readonly i: number;
  readonly lo: number;
}

/** A target that needs coverage: L = ln(1 − z_t) < 0. */
export interface WasteTarget {
  readonly t: number;
  readonly L: number;
  readonly pairs: readonly WastePair[];
}

/** Input of the max-waste program. Defenders with k_i ≤ 0 are inactive and never cover anything. */
export interface WasteProblem {
  readonly n: number;
  readonly k: readonly number[];
  readonly targets: readonly WasteTarget[];
}

/** Result: bracket [lower, upper] ∋ M, the weights reached and the primal point (per target, per pair). */
export interface WasteResult {
  readonly M: number;
  readonly lower: number;
  readonly upper: number;
  readonly p: number[];
  /** x[j][k] = ln(1 − c) for targets[j].pairs[k]. */
  readonly x: number[][];
  readonly usage: number[];
  readonly status: "converged" | "sign" | "stalled" | "infeasible";
}

const FLOOR = -60;
/** Weight of the floor branch of the complementarity residual (small: decide non-binding early). */
const BETA = 1e-3;

/** Level a with Σ_k clip(a − p_{i_k}, lo_k, 0) = L, or NaN if the caps make L unreachable. */
export function solveTargetLevel(L: number, pairs: readonly WastePair[], p: readonly number[]): number {
  const pts: number[] = [];
  let free = 0;
  let sumLo = 0;
  for (const pr of pairs) {
    const pi = p[pr.i]!;
    pts.push(pi);
    if (Number.isFinite(pr.lo)) {
      pts.push(pi + pr.lo);
      sumLo += pr.lo;
    } else free++;
  }
  const f = (a: number) => {
    let s = 0;
    for (const pr of pairs) s += Math.min(0, Math.max(pr.lo, a - p[pr.i]!));
    return s;
  };
  pts.sort((a, b) => a - b);
  const b0 = pts[0]!;
  const f0 = f(b0);
  if (L <= f0) {
    if (free > 0) return b0 - (f0 - L) / free;
    if (L >= sumLo - 1e-12) return b0;
    return NaN;
  }
  let prevB = b0;
  let prevF = f0;
  for (let j = 1; j < pts.length; j++) {
    const b = pts[j]!;
    const fb = f(b);
    if (fb >= L) {
      if (fb === prevF) return b;
      return prevB + ((L - prevF) * (b - prevB)) / (fb - prevF);
    }
    prevB = b;
    prevF = fb;
  }
  return pts[pts.length - 1]!; // L ≥ 0: nothing needed
}

interface Evaluation {
  x: number[][];
  usage: number[];
  J: number[][];
  ok: boolean;
}

/** Inner closed-form maximiser for weights e^p, usages and Jacobian d usage_i / d p_j. */
export function evaluateWaste(prob: WasteProblem, p: readonly number[]): Evaluation {
  const n = prob.n;
  const usage = new Array<number>(n).fill(0);
  const J: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const x: number[][] = [];
  let ok = true;
  for (const tg of prob.targets) {
    const a = solveTargetLevel(tg.L, tg.pairs, p);
    if (Number.isNaN(a)) ok = false;
    const xs: number[] = [];
    const interior: { i: number; y: number }[] = [];
    for (const pr of tg.pairs) {
      const raw = a - p[pr.i]!;
      const v = Math.min(0, Math.max(pr.lo, raw));
      xs.push(v);
      usage[pr.i] = usage[pr.i]! - Math.expm1(v);
      if (raw < 0 && raw > pr.lo) interior.push({ i: pr.i, y: Math.exp(v) });
    }
    const nI = interior.length;
    for (const { i, y } of interior) {
      const row = J[i]!;
      row[i] = row[i]! + y;
      for (const o of interior) row[o.i] = row[o.i]! - y / nI;
    }
    x.push(xs);
  }
  return { x, usage, J, ok };
}

/** Options for {@link maxWaste}. */
export interface MaxWasteOptions {
  /** Stop as soon as the sign of M is known with margin `signTol`. */
  readonly signOnly?: boolean;
  readonly signTol?: number;
  /** Required duality gap (absolute, in resource units). */
  readonly gapTol?: number;
  readonly maxIter?: number;
}

/**
 * Solve the max-waste program (module doc). `p0` warm-starts the weights (length n, any scale).
 * Inactive defenders (k_i ≤ 0) must not appear in any pair.
 *
 * Globalisation: semismooth Newton from `p0`; if it stalls, again from equal weights; if it still
 * stalls, exponentiated-gradient descent on the convex dual g (monotone, cannot stall in a kink)
 * followed by Newton from the point reached. The best bracket found is returned.
 */
export function maxWaste(prob: WasteProblem, p0?: readonly number[], opts: MaxWasteOptions = {}): WasteResult {
  const done = (r: WasteResult) => r.status !== "stalled";
  const first = newtonWaste(prob, p0, opts);
  if (done(first)) return first;
  // Typical stall: defenders whose usage stays above the minimum whatever the weights (their weight
  // should be 0, but the residual's e-branch has no slope towards the floor). Drop them to the floor.
  const dropped = newtonWaste(prob, dropSlack(prob, first), opts);
  if (done(dropped)) return dropped;
  const cold = newtonWaste(prob, undefined, opts);
  if (done(cold)) return cold;
  const start = [first, dropped, cold].reduce((a, b) => (b.upper - b.lower < a.upper - a.lower ? b : a));
  const eg = descend(prob, start.p);
  const again = newtonWaste(prob, eg, opts);
  const all = [first, dropped, cold, again];
  return all.reduce((a, b) => (b.upper - b.lower < a.upper - a.lower ? b : a));
}

/** Weights of a stalled result with every active defender above the smallest usage excess set to the floor. */
function dropSlack(prob: WasteProblem, r: WasteResult): number[] {
  const tol = Math.max(1e-12, 1e-3 * (r.upper - r.lower));
  return r.p.map((v, i) => ((prob.k[i] ?? 0) > 0 && (r.usage[i] ?? 0) - (prob.k[i] ?? 0) > r.lower + tol ? FLOOR : v));
}

/** Exponentiated-gradient descent on the dual g(λ) = Σ λ_i e_i(λ) over the simplex (p = ln λ). */
function descend(prob: WasteProblem, p0: readonly number[]): number[] {
  const n = prob.n;
  const active = Array.from({ length: n }, (_, i) => i).filter((i) => (prob.k[i] ?? 0) > 0);
  const gval = (p: readonly number[]) => {
    const ev = evaluateWaste(prob, p);
    let mx = -Infinity;
    for (const i of active) mx = Math.max(mx, p[i]!);
    let num = 0;
    let den = 0;
    for (const i of active) {
      const l = Math.exp(p[i]! - mx);
      num += l * (ev.usage[i]! - prob.k[i]!);
      den += l;
    }
    return { g: num / den, ev };
  };
  let p = p0.map((v) => (Number.isFinite(v) ? v : FLOOR));
  let cur = gval(p);
  let eta = 1;
  for (let it = 0; it < 300; it++) {
    const grad = active.map((i) => cur.ev.usage[i]! - prob.k[i]!);
    let moved = false;
    for (let tries = 0; tries < 40; tries++) {
      const pn = p.slice();
      active.forEach((i, k) => (pn[i] = Math.max(FLOOR, pn[i]! - eta * grad[k]!)));
      let mx = -Infinity;
      for (const i of active) mx = Math.max(mx, pn[i]!);
      for (const i of active) pn[i] = Math.max(FLOOR, pn[i]! - mx);
      const nx = gval(pn);
      if (nx.ev.ok && nx.g < cur.g - 1e-15) {
        p = pn;
        cur = nx;
        eta *= 2;
        moved = true;
        break;
      }
      eta /= 4;
    }
    if (!moved) break;
  }
  return p;
}

function newtonWaste(prob: WasteProblem, p0: readonly number[] | undefined, opts: MaxWasteOptions): WasteResult {
  const n = prob.n;
  const active: number[] = [];
  const hasPair = new Array<boolean>(n).fill(false);
  for (const tg of prob.targets) for (const pr of tg.pairs) hasPair[pr.i] = true;
  for (let i = 0; i < n; i++) if ((prob.k[i] ?? 0) > 0) active.push(i);
  const gapTol = opts.gapTol ?? 1e-12;
  const signTol = opts.signTol ?? 1e-11;
  const maxIter = opts.maxIter ?? 200;
  let p = Array.from({ length: n }, (_, i) => p0?.[i] ?? 0);
  const normalise = (q: number[]) => {
    let mx = -Infinity;
    for (const i of active) mx = Math.max(mx, q[i]!);
    return q.map((v, i) => (active.includes(i) ? Math.max(FLOOR, v - mx) : FLOOR));
  };
  p = normalise(p);
  let ev = evaluateWaste(prob, p);
  if (!ev.ok || active.length === 0) {
    return { M: -Infinity, lower: -Infinity, upper: active.length === 0 ? Infinity : -Infinity, p, x: ev.x, usage: ev.usage, status: "infeasible" };
  }
  // A defender with no allowed pair cannot absorb anything: M ≤ −k_i < 0.
  const stuck = active.filter((i) => !hasPair[i]);
  if (stuck.length > 0) {
    const ub = Math.min(...stuck.map((i) => -(prob.k[i] ?? 0)));
    return { M: ub, lower: -Infinity, upper: ub, p, x: ev.x, usage: ev.usage, status: "sign" };
  }
  const e = (usage: number[]) => active.map((i) => usage[i]! - prob.k[i]!);
  const bounds = (pp: number[], usage: number[]) => {
    const ee = e(usage);
    let lower = Infinity;
    let num = 0;
    let den = 0;
    active.forEach((i, k) => {
      lower = Math.min(lower, ee[k]!);
      const l = Math.exp(pp[i]!);
      num += l * ee[k]!;
      den += l;
    });
    return { lower, upper: num / den };
  };
  let ee = e(ev.usage);
  let s = ee.reduce((a, b) => a + b, 0) / ee.length;
  const residual = (pp: number[], usage: number[], ss: number) =>
    active.map((i) => Math.min(usage[i]! - prob.k[i]! - ss, BETA * (pp[i]! - FLOOR)));
  let r = residual(p, ev.usage, s);
  let norm = r.reduce((a, v) => a + v * v, 0);
  let rho = 1e-10;
  let status: WasteResult["status"] = "stalled";
  let { lower, upper } = bounds(p, ev.usage);
  for (let iter = 0; iter < maxIter; iter++) {
    ({ lower, upper } = bounds(p, ev.usage));
    if (upper - lower <= gapTol) {
      status = "converged";
      break;
    }
    if (opts.signOnly && (lower > signTol || upper < -signTol)) {
      status = "sign";
      break;
    }
    // Jacobian of the complementarity residual w.r.t. (p_j for active j ≠ ref, s).
    let ref = active[0]!;
    for (const i of active) if (p[i]! > p[ref]!) ref = i;
    const cols = active.filter((j) => j !== ref);
    const A = active.map((i) => {
      const useE = ev.usage[i]! - prob.k[i]! - s <= BETA * (p[i]! - FLOOR);
      const row = cols.map((j) => (useE ? ev.J[i]![j]! : i === j ? BETA : 0));
      row.push(useE ? -1 : 0);
      return row;
    });
    let accepted = false;
    for (let tries = 0; tries < 30; tries++) {
      const d = lmStep(A, r, rho);
      if (d) {
        const pn = p.slice();
        cols.forEach((j, c) => (pn[j] = pn[j]! + d[c]!));
        const sn = s + d[cols.length]!;
        const pnn = normalise(pn);
        const evn = evaluateWaste(prob, pnn);
        if (evn.ok) {
          const rn = residual(pnn, evn.usage, sn);
          const nn = rn.reduce((a, v) => a + v * v, 0);
          if (nn < norm) {
            p = pnn;
            s = sn;
            ev = evn;
            r = rn;
            norm = nn;
            rho = Math.max(1e-14, rho / 10);
            accepted = true;
            break;
          }
        }
      }
      rho = rho * 10 + 1e-12;
    }
    if (!accepted) break;
  }
  ({ lower, upper } = bounds(p, ev.usage));
  if (status === "stalled" && upper - lower <= Math.max(gapTol, 1e-9)) status = "converged";
  ee = e(ev.usage);
  return { M: (lower + upper) / 2, lower, upper, p, x: ev.x, usage: ev.usage, status };
}
