import { describe, expect, it } from "vitest";
import { solveLp } from "@/lib/lp/lp";
import { makeRng, seedFrom } from "@/lib/core/rng";
import { bestResponseSet } from "./attacker";
import { checkNseCertificate } from "./certificate";
import { nseDeviationMargins } from "./deviation";
import { attackerUtility, combineCoverage, defenderUtility, numTargets, type SsgInstance } from "./model";
import { NseNotFoundError, solveNse, trySolveNse } from "./nse";
import { example52, randomInstances, theorem32 } from "./testing";

const maxMargin = (g: SsgInstance, X: number[][], tau: number) =>
  Math.max(0, ...nseDeviationMargins(g, { defenderCoverage: X, target: tau }).map((w) => (w ? w.delta : 0)));

/** Independent grid check of Definition 2.1 for m = 3: pessimistic value of every grid deviation. */
function gridGain(g: SsgInstance, X: number[][], tau: number, step = 0.05): number {
  const m = numTargets(g);
  const c = combineCoverage(X, m);
  let worst = -Infinity;
  g.defenders.forEach((d, i) => {
    if (d.resources === 0) return;
    const v = defenderUtility(g, i, c, tau);
    const N = Math.round(1 / step);
    for (let a = 0; a <= N; a++)
      for (let b = 0; b <= N; b++)
        for (let e = 0; e <= N; e++) {
          const dev = [a * step, b * step, e * step];
          if (dev.reduce((s, x) => s + x, 0) > d.resources + 1e-12) continue;
          const Y = X.map((row, j) => (j === i ? dev : row));
          const cc = combineCoverage(Y, m);
          const br = bestResponseSet(g, cc, 1e-9);
          const pess = Math.min(...br.map((t) => defenderUtility(g, i, cc, t)));
          worst = Math.max(worst, pess - v);
        }
  });
  return worst;
}

describe("NSE: Theorem 3.2's two-target example", () => {
  const C = [
    [1, 0],
    [0, 1],
  ];
  it("(C, a) and (C, b) are both NSEs: certificate and exhaustive deviation check agree", () => {
    for (const tau of [0, 1]) {
      expect(checkNseCertificate(theorem32, { defenderCoverage: C, target: tau }).ok).toBe(true);
      expect(maxMargin(theorem32, C, tau)).toBeLessThan(1e-7);
    }
  });

  it("the solver returns a certified NSE, (C, a) by the selection rule (floor, lowest index)", () => {
    const r = solveNse(theorem32);
    expect(r.method).toBe("floor");
    expect(r.target).toBe(0);
    expect(r.defenderCoverage).toEqual(C);
    expect(r.certificate.ok).toBe(true);
  });

  it("no feasible outcome is strongly utility preserving (grid over outcomes)", () => {
    // best NSE for defender 1 is (C,b): U_1 = r_1(b) = 1.5; for defender 2 it is (C,a): U_2 = r_2(a) = 1.5
    const best = [defenderUtility(theorem32, 0, [1, 1], 1), defenderUtility(theorem32, 1, [1, 1], 0)];
    for (let x = 0; x <= 20; x++)
      for (let y = 0; x + y <= 40 && y <= 20; y++) {
        const c = [x / 20, y / 20];
        for (const t of bestResponseSet(theorem32, c)) {
          const u = [defenderUtility(theorem32, 0, c, t), defenderUtility(theorem32, 1, c, t)];
          expect(u[0]! < best[0]! || u[1]! < best[1]!).toBe(true);
        }
      }
  });
});

describe("NSE: Example 5.2 and Lemma 5.3", () => {
  it("the solver's NSE attacks b and survives the exhaustive deviation check", () => {
    const r = solveNse(example52);
    expect(r.target).toBe(1);
    expect(r.certificate.ok).toBe(true);
    expect(maxMargin(example52, r.defenderCoverage, r.target)).toBeLessThan(1e-7);
    // interior NSE: a, b, c tie at the attacker level with d, e (all five are best responses)
    expect(bestResponseSet(example52, r.coverage)).toEqual([0, 1, 2, 3, 4]);
  });

  it("Lemma 5.3: random profiles attacking a, c, d or e always admit a profitable deviation", () => {
    const rng = makeRng(seedFrom("lemma53"));
    let tested = 0;
    for (let rep = 0; rep < 40; rep++) {
      const X = example52.defenders.map(() => {
        const raw = Array.from({ length: 5 }, () => (rng.next() < 0.4 ? 0 : rng.next()));
        const s = raw.reduce((a, b) => a + b, 0) || 1;
        return raw.map((v) => v / s);
      });
      const c = combineCoverage(X);
      for (const tau of bestResponseSet(example52, c)) {
        if (tau === 1) continue;
        tested++;
        expect(maxMargin(example52, X, tau)).toBeGreaterThan(1e-6);
      }
    }
    expect(tested).toBeGreaterThanOrEqual(20);
  });

  it("Lemma 5.3's key step: with c^3 = (0,0,0,½,½), a, b, c cannot all reach coverage 0.65 (grid over c^1)", () => {
    // for fixed c^1 the best c^2 water-fills: need Σ_t max(0, 1 − 0.35/(1 − c^1_t)) ≤ 1
    let bestLevel = 0;
    const N = 100;
    for (let a = 0; a <= N; a++)
      for (let b = 0; a + b <= N; b++) {
        const c1 = [a / N, b / N, (N - a - b) / N];
        let lo = 0;
        let hi = 1;
        for (let it = 0; it < 50; it++) {
          const L = (lo + hi) / 2;
          const needed = c1.reduce((s, x) => s + Math.max(0, 1 - (1 - L) / (1 - x || 1e-300)), 0);
          if (needed <= 1) lo = L;
          else hi = L;
        }
        bestLevel = Math.max(bestLevel, lo);
      }
    expect(bestLevel).toBeLessThan(0.65);
  });
});

describe("NSE on random seeded instances", () => {
  it("every returned NSE passes the exhaustive Definition 2.1 check (generic, rank and identical-attacker games)", () => {
    const sets = [
      ...randomInstances("nse-generic", 14, [2, 4], [3, 5], "generic", 1),
      ...randomInstances("nse-generic-k2", 8, [2, 3], [3, 5], "generic", 2),
      ...randomInstances("nse-rank", 10, [2, 3], [4, 5], "rank", 1),
      ...randomInstances("nse-ident", 8, [2, 3], [4, 5], "identical-attacker", 1),
    ];
    let solved = 0;
    for (const g of sets) {
      const r = trySolveNse(g);
      if (!r.ok) {
        expect(r.error).toMatch(/no certified NSE found/);
        continue;
      }
      solved++;
      expect(r.nse.certificate.ok).toBe(true);
      expect(maxMargin(g, r.nse.defenderCoverage, r.nse.target)).toBeLessThan(1e-7);
      // coverage is combined by eq. (2) and resources are respected
      r.nse.defenderCoverage.forEach((ci, i) => expect(ci.reduce((s, x) => s + x, 0)).toBeLessThanOrEqual(g.defenders[i]!.resources + 1e-9));
    }
    expect(solved).toBeGreaterThanOrEqual(sets.length - 1);
  });

  it("agrees with an independent grid of deviations on m = 3 instances", () => {
    for (const g of randomInstances("nse-grid", 8, [2, 3], 3, "generic", 1)) {
      const r = solveNse(g);
      expect(gridGain(g, r.defenderCoverage, r.target)).toBeLessThan(1e-9);
    }
  });

  it("with one defender the NSE value equals the optimal-commitment value (best LP over targets)", () => {
    for (const g of randomInstances("nse-single", 12, 1, [3, 6], "generic", 2)) {
      const r = solveNse(g);
      const m = numTargets(g);
      const d = g.defenders[0]!;
      let sse = -Infinity;
      for (let t = 0; t < m; t++) {
        const vars = Array.from({ length: m }, (_, j) => `c${j}`);
        const da = (j: number) => g.attacker.reward[j]! - g.attacker.penalty[j]!;
        const res = solveLp({
          direction: "max",
          variables: vars,
          objective: { [`c${t}`]: d.reward[t]! - d.penalty[t]! },
          constraints: [
            ...vars.map((v) => ({ name: `${v}1`, coeffs: { [v]: 1 }, relation: "<=" as const, rhs: 1 })),
            { name: "k", coeffs: Object.fromEntries(vars.map((v) => [v, 1])), relation: "<=", rhs: d.resources },
            ...vars
              .filter((_, j) => j !== t)
              .map((v, jj) => {
                const j = jj >= t ? jj + 1 : jj;
                // r_j − da_j c_j ≤ r_t − da_t c_t
                return { name: `br${j}`, coeffs: { [v]: -da(j), [`c${t}`]: da(t) }, relation: "<=" as const, rhs: g.attacker.reward[t]! - g.attacker.reward[j]! };
              }),
          ],
        });
        if (res.status === "optimal") sse = Math.max(sse, d.penalty[t]! + (res.values[`c${t}`] ?? 0) * (d.reward[t]! - d.penalty[t]!));
      }
      expect(r.defenderUtilities[0]!).toBeCloseTo(sse, 6);
    }
  });

  it("is deterministic", () => {
    const [g] = randomInstances("nse-det", 1, 3, 5);
    expect(JSON.stringify(solveNse(g!))).toBe(JSON.stringify(solveNse(g!)));
  });
});

describe("NSE certificate and errors", () => {
  it("rejects profiles that break (A1), (A2) or (A3)", () => {
    const r = solveNse(example52);
    const X = r.defenderCoverage.map((row) => row.slice());
    // (A3): defender 3 drops some coverage on d and e
    const Y = X.map((row, i) => (i === 2 ? row.map((v, t) => (t >= 3 ? v * 0.9 : v)) : row));
    expect(checkNseCertificate(example52, { defenderCoverage: Y, target: 1 }).ok).toBe(false);
    // (A2): defender 1 (a <_1 b <_1 …) moves coverage from a to e, which she prefers to b
    const Z = X.map((row, i) => (i === 0 ? [0, row[1]!, 0, 0, row[0]!] : row));
    const rep = checkNseCertificate(example52, { defenderCoverage: Z, target: 1 });
    expect(rep.ok).toBe(false);
    expect(rep.failures.join(" ")).toMatch(/\(A[12]\)/);
    // (A1): wrong target when the attacker is not indifferent
    const W = X.map((row, i) => (i === 2 ? [0, 0, 0, 1, 0] : row));
    expect(checkNseCertificate(example52, { defenderCoverage: W, target: 3 }).ok).toBe(false);
    // the exhaustive check agrees that these are not NSEs
    expect(maxMargin(example52, Y, 1)).toBeGreaterThan(1e-6);
    expect(maxMargin(example52, Z, 1)).toBeGreaterThan(1e-6);
  });

  it("handles K = 0 and zero-resource defenders", () => {
    const g: SsgInstance = {
      attacker: { reward: [1, 3, 3], penalty: [0, 0, 0] },
      defenders: [
        { resources: 0, reward: [1, 1, 1], penalty: [0, 0, 0] },
        { resources: 0, reward: [2, 1, 1], penalty: [0, 0, 0] },
      ],
    };
    const r = solveNse(g);
    expect(r.method).toBe("no-resources");
    expect(r.target).toBe(1);
    expect(r.attackerUtility).toBe(attackerUtility(g, [0, 0, 0], 1));
  });

  it("never returns an uncertified profile: failure is a NseNotFoundError with diagnostics", () => {
    const e = new NseNotFoundError(["tau 0: example"]);
    expect(e.message).toMatch(/no certified NSE found/);
    for (const g of randomInstances("nse-never-uncertified", 30, [2, 4], [4, 6], "rank", 1)) {
      const r = trySolveNse(g);
      if (r.ok) expect(checkNseCertificate(g, r.nse).ok).toBe(true);
      else expect(r.diagnostics.length).toBeGreaterThan(0);
    }
    expect(() => solveNse({ attacker: { reward: [1], penalty: [2] }, defenders: [{ resources: 1, reward: [1], penalty: [0] }] })).toThrow(
      /attacker.reward\[0\] must be greater than penalty\[0\]/,
    );
  });
});
