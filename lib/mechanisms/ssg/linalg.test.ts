import { describe, expect, it } from "vitest";
import { makeRng, seedFrom } from "@/lib/core/rng";
import { lmStep, solveDense } from "./linalg";

/** The Levenberg–Marquardt step from the dense normal equations (AᵀA + ρ·diag(AᵀA) + ρ·I) δ = −Aᵀ r. */
function denseStep(A: number[][], r: number[], rho: number): number[] | null {
  const cols = A[0]!.length;
  const N = Array.from({ length: cols }, (_, i) =>
    Array.from({ length: cols }, (_, j) => A.reduce((s, row) => s + row[i]! * row[j]!, 0)),
  );
  for (let i = 0; i < cols; i++) N[i]![i] = N[i]![i]! * (1 + rho) + rho;
  const g = Array.from({ length: cols }, (_, i) => -A.reduce((s, row, k) => s + row[i]! * r[k]!, 0));
  return solveDense(N, g);
}

describe("lmStep", () => {
  it("with more unknowns than equations (the row-space path) gives the normal equations' step", () => {
    const rng = makeRng(seedFrom("linalg-lm-wide"));
    for (let trial = 0; trial < 40; trial++) {
      const rows = 1 + rng.int(5);
      const cols = rows + 1 + rng.int(12);
      // sparse rows like the NSE Jacobians: many exact zeros
      const A = Array.from({ length: rows }, () => Array.from({ length: cols }, () => (rng.next() < 0.5 ? 0 : rng.next() * 4 - 2)));
      const r = Array.from({ length: rows }, () => rng.next() * 2 - 1);
      const rho = [1e-3, 0.1, 10][trial % 3]!;
      const want = denseStep(A, r, rho);
      const got = lmStep(A, r, rho);
      expect(want).not.toBeNull();
      expect(got).not.toBeNull();
      got!.forEach((x, j) => expect(x).toBeCloseTo(want![j]!, 9));
    }
  });

  it("refuses a step when the damping is negligible against the normal matrix (as the dense path does)", () => {
    const A = [[1e8, 0, 1e8, 0]];
    expect(lmStep(A, [1], 1e-30)).toBeNull();
  });
});
