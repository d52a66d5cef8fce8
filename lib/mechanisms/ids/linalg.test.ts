import { describe, expect, it } from "vitest";
import { makeRng, seedFrom } from "../../core/rng";
import { cholDelete, cholesky, cholRankOne, choleskySolve } from "./linalg";
import { lemke } from "./lemke";

function spd(rng: { next(): number }, n: number): Float64Array {
  const B = Array.from({ length: n * n }, () => rng.next() - 0.5);
  const H = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = i === j ? 0.5 : 0;
      for (let k = 0; k < n; k++) s += (B[i * n + k] as number) * (B[j * n + k] as number);
      H[i * n + j] = s;
    }
  return H;
}

/** L Lᵀ from the lower triangle. */
function product(L: Float64Array, n: number): Float64Array {
  const H = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k <= Math.min(i, j); k++) s += (L[i * n + k] as number) * (L[j * n + k] as number);
      H[i * n + j] = s;
    }
  return H;
}

const maxDiff = (a: Float64Array, b: Float64Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - (b[i] as number))), 0);

describe("Cholesky helpers", () => {
  it("factor, solve, rank-one update/downdate and row deletion reproduce the matrices", () => {
    const rng = makeRng(seedFrom("linalg"));
    for (const n of [1, 2, 5, 12]) {
      const H = spd(rng, n);
      const L = H.slice();
      expect(cholesky(L, n, 0)).toBe(true);
      expect(maxDiff(product(L, n), H)).toBeLessThan(1e-12);
      const b = Float64Array.from({ length: n }, () => rng.next());
      const x = b.slice();
      choleskySolve(L, n, x);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += (H[i * n + j] as number) * (x[j] as number);
        expect(s).toBeCloseTo(b[i] as number, 10);
      }
      const v = Float64Array.from({ length: n }, () => rng.next() - 0.5);
      const up = L.slice();
      expect(cholRankOne(up, n, v.slice(), 1)).toBe(true);
      const Hup = H.map((h, k) => h + (v[Math.floor(k / n)] as number) * (v[k % n] as number));
      expect(maxDiff(product(up, n), Hup)).toBeLessThan(1e-12);
      const down = up.slice();
      expect(cholRankOne(down, n, v.slice(), -1)).toBe(true);
      expect(maxDiff(product(down, n), H)).toBeLessThan(1e-10);
      for (let p = 0; p < n; p++) {
        const D = cholDelete(L, n, p);
        expect(D).not.toBeNull();
        const keep = [...Array(n).keys()].filter((i) => i !== p);
        const Hsub = new Float64Array((n - 1) * (n - 1));
        keep.forEach((i, a) => keep.forEach((j, c) => (Hsub[a * (n - 1) + c] = H[i * n + j] as number)));
        expect(maxDiff(product(D as Float64Array, n - 1), Hsub)).toBeLessThan(1e-12);
      }
    }
  });

  it("refuses a downdate that destroys positive definiteness", () => {
    const L = Float64Array.of(1);
    expect(cholRankOne(L, 1, Float64Array.of(2), -1)).toBe(false);
  });
});

describe("Lemke", () => {
  it("solves random LCPs with nonnegative matrices and positive diagonal", () => {
    const rng = makeRng(seedFrom("lemke"));
    for (let t = 0; t < 300; t++) {
      const n = 1 + rng.int(8);
      const M = new Float64Array(n * n);
      const q = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) M[i * n + j] = i === j ? 0.2 + rng.next() : rng.next() < 0.5 ? 3 * rng.next() : 0;
        q[i] = 2 * rng.next() - 1.5;
      }
      const z = lemke(M, q, n);
      expect(z).not.toBeNull();
      for (let i = 0; i < n; i++) {
        let w = q[i] as number;
        for (let j = 0; j < n; j++) w += (M[i * n + j] as number) * (z![j] as number);
        expect(z![i]).toBeGreaterThanOrEqual(0);
        expect(w).toBeGreaterThan(-1e-9);
        expect(Math.abs((z![i] as number) * w)).toBeLessThan(1e-9);
      }
    }
  });
});
