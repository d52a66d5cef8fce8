/**
 * Vertex polishing for javascript-lp-solver answers.
 *
 * The library rounds every variable to 8 decimals (its `precision` 1e-8), so a vertex it returns is
 * only accurate to about 1e-8 in absolute terms, and rows that bind at the optimum (rhs 0 with
 * large coefficients in particular) come back violated or satisfied only up to that rounding.
 * {@link polishVertex} recovers the vertex to full double precision: it picks the rows that bind at
 * the returned point (equalities first, then the tightest inequalities and the x ≥ 0 bounds), keeps
 * a linearly independent subset, and projects the point orthogonally onto the affine subspace on
 * which those rows hold with equality (or with a relative margin `margin` on the feasible side for
 * inequalities, so that a floating-point evaluation of a binding row is not a hair on the wrong
 * side). At a non-degenerate vertex the projection IS the exact vertex.
 *
 * The result is a candidate, not a verdict: callers must re-check it (lpResiduals, or their own
 * verification in original units) and keep the solver's point when the polished one is worse.
 * Meant for small, well-scaled LPs (rows equilibrated, variables of order 1).
 */
import type { LpProblem } from "./lp";

/** Options for {@link polishVertex}. */
export interface PolishOptions {
  /** A row (or bound) counts as binding when its slack ≤ activeTol · max(1, |rhs|, Σ|a·x|). Default 1e-7. */
  activeTol?: number;
  /** Inequality rows are targeted at rhs ± margin · max(|rhs|, Σ|a·x|) on the feasible side. Default 1e-14. */
  margin?: number;
}

interface ActiveRow {
  a: number[];
  target: number;
  order: number;
  slack: number;
}

/**
 * Project `values` onto the binding rows of `p` (see module doc). Returns null when nothing binds
 * or the linear algebra fails (a singular system); the caller then keeps `values`.
 */
export function polishVertex(
  p: LpProblem,
  values: Readonly<Record<string, number>>,
  options: PolishOptions = {},
): Record<string, number> | null {
  const activeTol = options.activeTol ?? 1e-7;
  const margin = options.margin ?? 1e-14;
  const n = p.variables.length;
  const index = new Map(p.variables.map((v, i) => [v, i]));
  const x = p.variables.map((v) => values[v] ?? 0);
  if (!x.every(Number.isFinite)) return null;

  const candidates: ActiveRow[] = [];
  for (const c of p.constraints) {
    const a = new Array<number>(n).fill(0);
    let lhs = 0;
    let mag = 0;
    for (const [v, coef] of Object.entries(c.coeffs)) {
      const i = index.get(v);
      if (i === undefined) return null;
      a[i] = (a[i] ?? 0) + coef;
      lhs += coef * (x[i] ?? 0);
      mag += Math.abs(coef * (x[i] ?? 0));
    }
    const scale = Math.max(1, Math.abs(c.rhs), mag);
    const size = Math.max(Math.abs(c.rhs), mag);
    if (c.relation === "=") {
      candidates.push({ a, target: c.rhs, order: 0, slack: 0 });
      continue;
    }
    const slack = c.relation === ">=" ? lhs - c.rhs : c.rhs - lhs;
    if (slack <= activeTol * scale) {
      const target = c.relation === ">=" ? c.rhs + margin * size : c.rhs - margin * size;
      candidates.push({ a, target, order: 1, slack });
    }
  }
  x.forEach((xi, i) => {
    if (xi <= activeTol) {
      const a = new Array<number>(n).fill(0);
      a[i] = 1;
      candidates.push({ a, target: 0, order: 1, slack: xi });
    }
  });
  if (candidates.length === 0) return null;
  candidates.sort((u, v) => u.order - v.order || u.slack - v.slack);

  // Greedy independent subset by modified Gram–Schmidt on the row vectors, recording A = L·Q
  // (L lower triangular, Q orthonormal rows), so the projection needs no normal equations.
  const basis: number[][] = [];
  const L: number[][] = [];
  const chosen: ActiveRow[] = [];
  for (const row of candidates) {
    if (chosen.length >= n) break;
    const norm = Math.hypot(...row.a);
    if (norm === 0) continue;
    const w = row.a.slice();
    const coef: number[] = [];
    for (const q of basis) {
      const d = dot(w, q);
      coef.push(d);
      for (let i = 0; i < n; i++) w[i] = (w[i] ?? 0) - d * (q[i] ?? 0);
    }
    const wn = Math.hypot(...w);
    if (!(wn > 1e-8 * norm)) continue;
    coef.push(wn);
    basis.push(w.map((wi) => wi / wn));
    L.push(coef);
    chosen.push(row);
  }
  if (chosen.length === 0) return null;

  // x* = x + Qᵀz with L z = b − A x (forward substitution): then A x* = b on the chosen rows.
  const z: number[] = [];
  chosen.forEach((row, k) => {
    const Lk = L[k] ?? [];
    let s = row.target - dot(row.a, x);
    for (let j = 0; j < k; j++) s -= (Lk[j] ?? 0) * (z[j] ?? 0);
    z.push(s / (Lk[k] ?? 1));
  });
  const out = x.slice();
  basis.forEach((q, k) => {
    const zk = z[k] ?? 0;
    for (let i = 0; i < n; i++) out[i] = (out[i] ?? 0) + (q[i] ?? 0) * zk;
  });
  if (!out.every(Number.isFinite)) return null;
  const result: Record<string, number> = {};
  p.variables.forEach((v, i) => {
    const xi = out[i] ?? 0;
    // A bound that binds is targeted at exactly 0; clear the last-bit noise of the projection.
    result[v] = xi < 0 && xi > -1e-12 ? 0 : xi;
  });
  return result;
}

function dot(u: readonly number[], v: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += (u[i] ?? 0) * (v[i] ?? 0);
  return s;
}
