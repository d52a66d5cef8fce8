/**
 * Independent checks for the IDS tests (not exported from index.ts). These restate the model of
 * §II-A directly from the instance, without using the solver code, so the tests do not
 * re-implement what they test.
 */
import type { IdsInstance } from "./model";

/** g_k(x) straight from the formula α_k e^{−Σ_j W_kj x_j} + c_k x_k + q_k x_k²/2. */
export function g(inst: IdsInstance, k: number, x: readonly number[]): number {
  const row = inst.W[k] ?? [];
  let y = 0;
  x.forEach((xj, j) => (y += (row[j] ?? 0) * xj));
  const xk = x[k] ?? 0;
  return (inst.alpha[k] ?? 0) * Math.exp(-y) + (inst.c[k] ?? 0) * xk + 0.5 * (inst.q?.[k] ?? 0) * xk * xk;
}

/** Σ_{k∈users} g_k(x). */
export function objective(inst: IdsInstance, x: readonly number[], users?: readonly number[]): number {
  const who = users ?? inst.alpha.map((_, k) => k);
  return who.reduce((s, k) => s + g(inst, k, x), 0);
}

/** Central finite-difference partial derivative of `fn` in coordinate j (one-sided at 0). */
export function fdPartial(fn: (x: number[]) => number, x: readonly number[], j: number, h = 1e-6): number {
  const xp = x.slice();
  const xm = x.slice();
  const xj = x[j] ?? 0;
  xp[j] = xj + h;
  if (xj >= h) {
    xm[j] = xj - h;
    return (fn(xp) - fn(xm)) / (2 * h);
  }
  // Second-order one-sided difference at the boundary.
  const xpp = x.slice();
  xpp[j] = xj + 2 * h;
  return (-3 * fn(x.slice()) + 4 * fn(xp) - fn(xpp)) / (2 * h);
}

/** Analytic ∂/∂x_j Σ_{k∈users} g_k(x), written out from the formula. */
export function partial(inst: IdsInstance, x: readonly number[], j: number, users?: readonly number[]): number {
  const who = users ?? inst.alpha.map((_, k) => k);
  let d = 0;
  for (const k of who) {
    const row = inst.W[k] ?? [];
    let y = 0;
    x.forEach((xi, i) => (y += (row[i] ?? 0) * xi));
    d -= (row[j] ?? 0) * (inst.alpha[k] ?? 0) * Math.exp(-y);
    if (k === j) d += (inst.c[k] ?? 0) + (inst.q?.[k] ?? 0) * (x[k] ?? 0);
  }
  return d;
}

/**
 * Worst violation of the KKT conditions of min_{x_S >= 0} Σ_{k∈users} g_k at x:
 * x_j >= 0, ∂_j >= 0, x_j·∂_j = 0 (measured as |min(x_j, ∂_j)|).
 */
export function kktViolation(inst: IdsInstance, x: readonly number[], vars?: readonly number[], users?: readonly number[]): number {
  const S = vars ?? x.map((_, j) => j);
  let worst = 0;
  for (const j of S) {
    const d = partial(inst, x, j, users);
    const xj = x[j] ?? 0;
    worst = Math.max(worst, Math.max(0, -xj), Math.abs(Math.min(xj, d)));
  }
  return worst;
}

/** min over x_i ∈ [0, hi] of g_i on a fine grid followed by golden-section refinement. */
export function bruteMinOwn(inst: IdsInstance, i: number, x: readonly number[], hi = 50): number {
  const f = (t: number) => {
    const z = x.slice();
    z[i] = t;
    return g(inst, i, z);
  };
  let best = 0;
  let bv = f(0);
  const steps = 5000;
  for (let s = 1; s <= steps; s++) {
    const t = (hi * s) / steps;
    const v = f(t);
    if (v < bv) {
      bv = v;
      best = t;
    }
  }
  let a = Math.max(0, best - hi / steps);
  let b = best + hi / steps;
  const r = (Math.sqrt(5) - 1) / 2;
  for (let it = 0; it < 200; it++) {
    const c1 = b - r * (b - a);
    const c2 = a + r * (b - a);
    if (f(c1) < f(c2)) b = c2;
    else a = c1;
  }
  const t = (a + b) / 2;
  return f(t) < f(0) ? t : 0;
}

/** Total-effort instance of Examples 1, 2, 4: f_i = exp(−Σ_j x_j), h_i = c_i x_i. */
export function totalEffort(c: readonly number[]): IdsInstance {
  const n = c.length;
  return { alpha: c.map(() => 1), W: c.map(() => Array.from({ length: n }, () => 1)), c: c.slice() };
}
