/**
 * Certified minimisation of the eq. 2 / eq. 6 problems on badly scaled instances: the projected
 * Newton solver, then (only if its answer cannot be certified) a cold start, then re-solves in
 * rescaled units (each investment measured in units where the Hessian diagonal is 1, money in units
 * of the current objective value). The relative KKT residual is scale-free, so an answer certified
 * in rescaled units is certified in the original ones (it is re-checked there). Internal module.
 */
import { kktCertificate, minimizeExpSum, type ExpSumProblem, type ExpSumResult, type Factor } from "./optimizer";

/** Largest relative KKT residual accepted as a proof of optimality (eq. 2 is convex). */
export const CERTIFICATE = 1e-9;

/** Diagonal of the Hessian, q_j + Σ_k a_k e^{−y_k} A_kj², at z. */
function hessianDiagonal(p: ExpSumProblem, z: Float64Array): { diag: Float64Array; value: number } {
  const { m, n, A, a, b, c, q } = p;
  const diag = Float64Array.from(q);
  let value = 0;
  for (let j = 0; j < n; j++) value += c[j]! * z[j]! + 0.5 * q[j]! * z[j]! * z[j]!;
  for (let k = 0; k < m; k++) {
    let y = b[k]!;
    for (let j = 0; j < n; j++) y += A[k * n + j]! * z[j]!;
    const e = a[k]! * Math.exp(-y);
    value += e;
    if (e === 0) continue;
    for (let j = 0; j < n; j++) diag[j] = diag[j]! + e * A[k * n + j]! * A[k * n + j]!;
  }
  return { diag, value };
}

/** Minimise p in units z = s∘y with s_j = 1/sqrt(ω H_jj(z)), ω = 1/F(z), starting from z. */
function rescaledSolve(p: ExpSumProblem, z: Float64Array, tol: number): ExpSumResult {
  const { m, n, A, a, c, q } = p;
  const at = hessianDiagonal(p, z);
  const atZero = hessianDiagonal(p, new Float64Array(n));
  const omega = at.value > 0 && Number.isFinite(at.value) ? 1 / at.value : 1;
  const s = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const h = at.diag[j]! > 0 ? at.diag[j]! : atZero.diag[j]!;
    const sj = 1 / Math.sqrt(omega * h);
    s[j] = Number.isFinite(sj) && sj > 0 ? sj : 1;
  }
  const As = new Float64Array(m * n);
  for (let k = 0; k < m; k++) for (let j = 0; j < n; j++) As[k * n + j] = A[k * n + j]! * s[j]!;
  const scaled: ExpSumProblem = {
    m,
    n,
    A: As,
    a: a.map((v) => v * omega),
    b: p.b,
    c: c.map((v, j) => v * omega * s[j]!),
    q: q.map((v, j) => v * omega * s[j]! * s[j]!),
  };
  const y0 = z.map((v, j) => v / s[j]!);
  const r = minimizeExpSum(scaled, y0, { tol, sweeps: 1 });
  const zOut = r.z.map((v, j) => v * s[j]!);
  const value = hessianDiagonal(p, zOut).value;
  const residual = kktCertificate(p, zOut);
  return { ...r, z: zOut, value, residual, converged: residual <= tol, factor: null };
}

/**
 * Minimise p from z0 (warm start, or a factor for the first chord steps) and return the best
 * answer found: certified (`residual <= CERTIFICATE`) unless every attempt failed.
 */
export function certifiedMinimum(
  p: ExpSumProblem,
  z0: Float64Array,
  tol: number,
  initialFactor: Factor | null,
  warm: boolean,
): ExpSumResult {
  let r = minimizeExpSum(p, z0, initialFactor ? { tol, initialFactor } : { tol, sweeps: warm ? 0 : 5 });
  if (r.residual <= CERTIFICATE) return r;
  if (warm || initialFactor) {
    // A warm start can sit where every exponential underflows (the Hessian vanishes): retry cold.
    const cold = minimizeExpSum(p, new Float64Array(p.n), { tol, sweeps: 5 });
    if (cold.residual <= r.residual) r = cold;
    if (r.residual <= CERTIFICATE) return r;
  }
  let iterations = r.iterations;
  for (let round = 0; round < 4 && !(r.residual <= CERTIFICATE); round++) {
    const next = rescaledSolve(p, r.z, tol);
    iterations += next.iterations;
    if (!(next.residual < r.residual)) break;
    r = next;
  }
  return { ...r, iterations };
}
