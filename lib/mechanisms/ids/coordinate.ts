/**
 * Exact cyclic coordinate minimisation for the eq. 2 / eq. 6 problems (start-up and rescue steps of
 * the projected Newton solver). Internal module.
 */
import type { ExpSumProblem } from "./exp-sum";

/**
 * Exact cyclic coordinate minimisation sweeps (in place), used to find a good starting point and
 * active set before Newton. y_k = (Az)_k + b_k is maintained incrementally; each coordinate is
 * minimised over z_j >= 0 by safeguarded 1-D Newton on its convex derivative.
 */
export function coordinateSweeps(p: ExpSumProblem, z: Float64Array, sweeps: number): void {
  const { m, n, A, a, b, c, q } = p;
  // The exponents y_k, not the terms a_k exp(−y_k): a term that underflows to 0 at a huge z_j must
  // still pull z_j back down when z_j is re-minimised (with the values, all such rows were dropped and
  // z_j was set to 0, far from its minimum).
  const y = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    let yk = b[k]!;
    for (let j = 0; j < n; j++) yk += A[k * n + j]! * z[j]!;
    y[k] = yk;
  }
  const rows = new Int32Array(m);
  const w = new Float64Array(m);
  const ak = new Float64Array(m);
  const yk = new Float64Array(m);
  for (let s = 0; s < sweeps; s++) {
    for (let j = 0; j < n; j++) {
      let nr = 0;
      for (let k = 0; k < m; k++) {
        const akj = A[k * n + j]!;
        if (akj !== 0 && a[k]! !== 0) {
          rows[nr] = k;
          w[nr] = akj;
          ak[nr] = a[k]!;
          yk[nr] = y[k]!;
          nr++;
        }
      }
      const zj = z[j]!;
      // φ'(δ) = c_j + q_j (z_j + δ) − Σ e_k w_k exp(−w_k δ), increasing in δ.
      // Also returns the size of its two sides (marginal cost + marginal benefit), the scale of the stop test.
      const dphi = (dl: number) => {
        const cost = c[j]! + q[j]! * (zj + dl);
        let v = cost;
        let h = q[j]!;
        let benefit = 0;
        for (let r = 0; r < nr; r++) {
          const t = ak[r]! * w[r]! * Math.exp(-(yk[r]! + w[r]! * dl));
          v -= t;
          h += t * w[r]!;
          benefit += t;
        }
        return [v, h, Math.abs(cost) + benefit] as const;
      };
      let lo = -zj;
      const [vlo] = dphi(lo);
      let delta: number;
      if (vlo >= 0) delta = lo;
      else {
        // Safeguarded Newton on the increasing φ'; while no upper bracket is known, steps may
        // at most double the distance from lo (exp terms can underflow and make φ'' tiny).
        let hi = Number.POSITIVE_INFINITY;
        delta = 0;
        for (let it = 0; it < 100; it++) {
          const [v, h, size] = dphi(delta);
          if (v > 0) hi = delta;
          else lo = delta;
          // relative to the two sides, so the same in any money unit (an absolute test stopped early when c_j ≪ 1)
          if (Math.abs(v) <= 1e-13 * size) break;
          let next = h > 0 ? delta - v / h : Number.NaN;
          const cap = Number.isFinite(hi) ? hi : lo + Math.max(1, 2 * (delta - lo + 1));
          if (!(next > lo && next < cap)) next = Number.isFinite(hi) ? 0.5 * (lo + hi) : cap;
          if (Math.abs(next - delta) <= 1e-15 * (1 + Math.abs(delta))) {
            delta = next;
            break;
          }
          delta = next;
        }
        if (!Number.isFinite(hi)) delta = lo; // never bracketed: keep the last point with φ' <= 0
      }
      if (delta === 0) continue;
      z[j] = Math.max(0, zj + delta);
      const dz = z[j]! - zj;
      for (let r = 0; r < nr; r++) y[rows[r]!] = yk[r]! + w[r]! * dz;
    }
  }
}
