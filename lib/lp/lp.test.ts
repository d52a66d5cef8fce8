import { describe, expect, it } from "vitest";
import { solveLp } from "./lp";

describe("solveLp", () => {
  it("solves a small max LP and reports a zero residual", () => {
    // max 3a + 2b s.t. a + b <= 4, a + 3b <= 6, a <= 3  → a = 3, b = 1, objective 11
    const r = solveLp({
      direction: "max",
      variables: ["a", "b"],
      objective: { a: 3, b: 2 },
      constraints: [
        { name: "sum", coeffs: { a: 1, b: 1 }, relation: "<=", rhs: 4 },
        { name: "mix", coeffs: { a: 1, b: 3 }, relation: "<=", rhs: 6 },
        { name: "capA", coeffs: { a: 1 }, relation: "<=", rhs: 3 },
      ],
    });
    expect(r.status).toBe("optimal");
    if (r.status !== "optimal") return;
    expect(r.values.a).toBeCloseTo(3, 8);
    expect(r.values.b).toBeCloseTo(1, 8);
    expect(r.objective).toBeCloseTo(11, 8);
    expect(r.maxResidual).toBeLessThan(1e-9);
  });

  it("reports infeasibility instead of a wrong answer", () => {
    const r = solveLp({
      direction: "min",
      variables: ["a"],
      objective: { a: 1 },
      constraints: [
        { name: "low", coeffs: { a: 1 }, relation: ">=", rhs: 5 },
        { name: "high", coeffs: { a: 1 }, relation: "<=", rhs: 2 },
      ],
    });
    expect(r.status).toBe("infeasible");
  });

  it("does not confuse a variable called `result` with the solver's own field", () => {
    const r = solveLp({
      direction: "max",
      variables: ["result", "feasible"],
      objective: { result: 1, feasible: 1 },
      constraints: [{ name: "cap", coeffs: { result: 1, feasible: 2 }, relation: "<=", rhs: 2 }],
    });
    expect(r.status).toBe("optimal");
    if (r.status === "optimal") expect(r.objective).toBeCloseTo(2, 8);
  });

  it("honours integer variables", () => {
    const r = solveLp({
      direction: "max",
      variables: ["a"],
      objective: { a: 1 },
      constraints: [{ name: "cap", coeffs: { a: 2 }, relation: "<=", rhs: 5 }],
      integers: ["a"],
    });
    expect(r.status).toBe("optimal");
    if (r.status === "optimal") expect(r.values.a).toBe(2);
  });
});
