/**
 * The unregulated IDS game (Naghizadeh & Liu §II-A, eq. 1) as played by a group: each user's risk,
 * investment cost and points for an investment profile, the instance's benchmarks (social optimum,
 * Nash equilibrium), and the one-user cost and best response used by previews and bots.
 */
import { nashEquilibrium } from "./nash";
import { socialOptimum } from "./social-optimum";
import type { IdsInstance } from "./model";

/** f = α·exp(−(w_ii·x + protection)), h = c·x + q·x²/2. */
export function userCostAt(alpha: number, wii: number, c: number, q: number, x: number, protection: number) {
  const risk = alpha * Math.exp(-(wii * x + protection));
  const invest = c * x + (q * x * x) / 2;
  return { risk, invest, total: risk + invest };
}

/**
 * argmin over x in [0, xMax] of α·exp(−(w·x + P)) + c·x + q·x²/2 (strictly convex in x):
 * the first-order condition α·w·exp(−(w·x+P)) = c + q·x is solved by bisection on its monotone
 * derivative, so the corner x = 0 (and x = xMax) come out exactly.
 */
export function bestResponseToProtection(alpha: number, w: number, c: number, q: number, protection: number, xMax: number): number {
  const d = (x: number) => -alpha * w * Math.exp(-(w * x + protection)) + c + q * x;
  if (d(0) >= 0) return 0;
  if (d(xMax) <= 0) return xMax;
  let lo = 0;
  let hi = xMax;
  for (let k = 0; k < 200 && hi - lo > 1e-12; k++) {
    const mid = (lo + hi) / 2;
    if (d(mid) > 0) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}

/** Protection user i gets from the others: Σ_{j≠i} W_ij x_j. */
export function protectionFromOthers(W: readonly (readonly number[])[], i: number, x: readonly number[]): number {
  const row = W[i] ?? [];
  let s = 0;
  for (let j = 0; j < x.length; j++) if (j !== i) s += (row[j] ?? 0) * (x[j] ?? 0);
  return s;
}

export interface UnregulatedOutcome {
  x: number[];
  risk: number[];
  invest: number[];
  cost: number[];
  points: number[];
  protection: number[];
}

/** The round's outcome from everyone's investments (eq. 1 per user); points = scale·(endowment − g_i). */
export function unregulatedOutcome(inst: IdsInstance, x: number[], endowment: number, pointsScale: number): UnregulatedOutcome {
  const out: UnregulatedOutcome = { x, risk: [], invest: [], cost: [], points: [], protection: [] };
  x.forEach((xi, i) => {
    const prot = protectionFromOthers(inst.W, i, x);
    const c = userCostAt(inst.alpha[i]!, inst.W[i]![i]!, inst.c[i]!, inst.q?.[i] ?? 0, xi, prot);
    out.protection.push(prot);
    out.risk.push(c.risk);
    out.invest.push(c.invest);
    out.cost.push(c.total);
    out.points.push(pointsScale * (endowment - c.total));
  });
  return out;
}

export interface UnregulatedBenchmarks {
  socialOptimum: { x: number[]; cost: number };
  nash: { x: number[]; cost: number } | null;
  nashError: string | null;
}

const cache = new Map<string, UnregulatedBenchmarks>();

/** The instance's social optimum (eq. 2) and Nash equilibrium, computed once per instance. */
export function unregulatedBenchmarks(inst: IdsInstance): UnregulatedBenchmarks {
  const key = JSON.stringify(inst);
  const hit = cache.get(key);
  if (hit) return hit;
  const so = socialOptimum(inst);
  let nash: UnregulatedBenchmarks["nash"] = null;
  let nashError: string | null = null;
  try {
    const ne = nashEquilibrium(inst);
    nash = { x: ne.x, cost: ne.costs.reduce((a, b) => a + b, 0) };
  } catch (e) {
    nashError = (e as Error).message;
  }
  const out = { socialOptimum: { x: so.x, cost: so.cost }, nash, nashError };
  if (cache.size > 100) cache.clear();
  cache.set(key, out);
  return out;
}

/** Euclidean distance between two profiles. */
export function distance(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += ((a[i] ?? 0) - (b[i] ?? 0)) ** 2;
  return Math.sqrt(s);
}
