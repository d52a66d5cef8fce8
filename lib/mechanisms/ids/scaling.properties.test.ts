/**
 * Badly scaled instances (issue 11, item 1): alpha spanning 8 to 16 orders of magnitude, W and c
 * spanning as many. Whatever the solver returns must be a true optimum: never worse than any
 * feasible point a second, independent method finds (exact cyclic coordinate descent from several
 * starts, and random points), never costlier than the Nash equilibrium; an instance it cannot
 * certify is refused with IdsSolverError, never answered wrongly.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IdsSolverError, type IdsInstance } from "./model";
import { nashEquilibrium } from "./nash";
import { lonerEquilibria, pivotalTaxes } from "./pivotal";
import { idsReport } from "./report";
import { socialOptimum } from "./social-optimum";
import { solveIdsCommand } from "./solve-cli";
import { g, objective } from "./test-helpers";

/** The solver's answer, or null when it refuses the instance (IdsSolverError); anything else is a failure. */
function orRefused<T>(solve: () => T): T | null {
  try {
    return solve();
  } catch (e) {
    if (e instanceof IdsSolverError) return null;
    throw e;
  }
}

/** A cost bound with the tolerance of a certified optimum: relative 1e-9, plus the smallest double. */
const noWorseThan = (v: number) => v + 1e-9 * Math.abs(v) + 1e-300;

/** Refusing is allowed, but rare: on these families (8–16 orders of magnitude) at most 5% of the instances. */
const MAX_REFUSED_SHARE = 0.05;

/**
 * Check every instance `arb` draws; `check` calls `refuse()` when a solver refused it (IdsSolverError,
 * through `orRefused`). Fails when more than MAX_REFUSED_SHARE of the instances were refused; `label`
 * prints how many were.
 */
function rarelyRefused<T>(arb: fc.Arbitrary<T>, check: (x: T, refuse: () => void) => void, params: fc.Parameters<[T]>, label?: string) {
  let refused = 0;
  let total = 0;
  const refuse = () => void refused++;
  fc.assert(
    fc.property(arb, (x) => {
      total++;
      check(x, refuse);
    }),
    params,
  );
  if (label) console.log(`${label}: ${refused} of ${total} refused`);
  expect(refused).toBeLessThanOrEqual(MAX_REFUSED_SHARE * total);
}

/** Independent second method: exact cyclic coordinate descent on the social cost (bisection on each ∂_j). */
function coordinateDescent(inst: IdsInstance, start: readonly number[], sweeps = 40): number[] {
  const n = inst.alpha.length;
  const x = start.slice();
  const partial = (j: number, t: number) => {
    // ∂/∂x_j Σ_k g_k at x with x_j = t: c_j + q_j t − Σ_k W_kj α_k exp(−(Wx)_k).
    let d = inst.c[j]! + (inst.q?.[j] ?? 0) * t;
    for (let k = 0; k < n; k++) {
      const row = inst.W[k]!;
      if (row[j] === 0) continue;
      let y = 0;
      for (let l = 0; l < n; l++) y += row[l]! * (l === j ? t : x[l]!);
      d -= row[j]! * inst.alpha[k]! * Math.exp(-y);
    }
    return d;
  };
  for (let s = 0; s < sweeps; s++) {
    for (let j = 0; j < n; j++) {
      if (partial(j, 0) >= 0) {
        x[j] = 0;
        continue;
      }
      let hi = Math.max(1e-300, x[j]!, 1);
      for (let k = 0; k < 2000 && partial(j, hi) < 0; k++) hi *= 2;
      let lo = 0;
      for (let k = 0; k < 200 && hi - lo > 1e-15 * hi; k++) {
        const mid = 0.5 * (lo + hi);
        if (partial(j, mid) < 0) lo = mid;
        else hi = mid;
      }
      x[j] = 0.5 * (lo + hi);
    }
  }
  return x;
}

/** alpha spans `orders` orders of magnitude exactly (users 0 and 1 are the extremes); W, c, q as many. */
const badlyScaled = fc
  .record({
    n: fc.integer({ min: 2, max: 7 }),
    orders: fc.constantFrom(8, 10, 12, 16),
    u: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 7 * 7 * 2 + 7 * 4, maxLength: 7 * 7 * 2 + 7 * 4 }),
  })
  .map(({ n, orders, u }): IdsInstance => {
    let k = 0;
    const next = () => u[k++]!;
    const pow = (v: number) => 10 ** (orders * (v - 0.5));
    const alpha = Array.from({ length: n }, (_, i) => pow(i === 0 ? 0 : i === 1 ? 1 : next()));
    const c = Array.from({ length: n }, () => pow(next()));
    const q = Array.from({ length: n }, () => (next() < 0.5 ? 0 : pow(next())));
    const W = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => {
        const keep = next();
        const v = pow(next());
        return i === j || keep < 0.6 ? v : 0;
      }),
    );
    return { alpha, W, c, q };
  });

/** Deterministic pseudo-random feasible points (a second kind of competitor). */
function randomPoints(inst: IdsInstance, count: number, seed: number): number[][] {
  let s = seed >>> 0 || 1;
  const r = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  return Array.from({ length: count }, () => inst.alpha.map((_, j) => (r() < 0.4 ? 0 : (r() * 60) / Math.max(1e-30, inst.W[j]![j]!))));
}

const runs = { numRuns: 120, seed: 11 };

describe("socialOptimum on badly scaled instances (eq. 2)", () => {
  it("x* and an eq. 6 subproblem are never worse than coordinate descent, random feasible points or the Nash equilibrium", () => {
    rarelyRefused(
      fc.tuple(badlyScaled, fc.integer({ min: 1, max: 1e9 })),
      ([inst, seed], refuse) => {
        const so = orRefused(() => socialOptimum(inst));
        if (so === null) return refuse();
        const best = objective(inst, so.x);
        expect(Number.isFinite(best)).toBe(true);
        expect(so.cost).toBeCloseTo(best, 6 - Math.log10(Math.max(1, best)));
        const n = inst.alpha.length;
        const starts: number[][] = [new Array<number>(n).fill(0), ...randomPoints(inst, 2, seed)];
        const nash = orRefused(() => nashEquilibrium(inst));
        if (nash) {
          starts.push(nash.x);
          expect(best).toBeLessThanOrEqual(noWorseThan(objective(inst, nash.x)));
        }
        for (const s of starts) expect(best).toBeLessThanOrEqual(noWorseThan(objective(inst, coordinateDescent(inst, s))));
        for (const p of randomPoints(inst, 20, seed + 1)) expect(best).toBeLessThanOrEqual(noWorseThan(objective(inst, p)));
        // The eq. 6 subproblem of one user (x_i = 0, Σ_{j≠i} g_j) is the social optimum of the
        // instance without user i: compare with coordinate descent there.
        const i = seed % n;
        const rest = inst.alpha.map((_, j) => j).filter((j) => j !== i);
        const sub = orRefused(() => socialOptimum(inst, { users: rest, vars: rest }));
        if (sub === null) return refuse();
        const without: IdsInstance = {
          alpha: rest.map((j) => inst.alpha[j]!),
          c: rest.map((j) => inst.c[j]!),
          q: rest.map((j) => inst.q?.[j] ?? 0),
          W: rest.map((k) => rest.map((j) => inst.W[k]![j]!)),
        };
        expect(sub.x[i]).toBe(0);
        const cd = coordinateDescent(without, new Array<number>(rest.length).fill(0));
        expect(sub.cost).toBeLessThanOrEqual(noWorseThan(objective(without, cd)));
      },
      runs,
    );
  });

  it("Pivotal taxes and the full report stay finite, and the eq. 6 budget is never positive", () => {
    fc.assert(
      fc.property(badlyScaled, (inst) => {
        const r = orRefused(() => idsReport(inst));
        if (r === null) {
          return;
        }
        const numbers = JSON.stringify(r, (_k, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? "NON-FINITE" : v));
        expect(numbers).not.toContain("NON-FINITE");
        // Budget of the incomplete-information Pivotal mechanism <= 0 (docs/papers/ids.md, Jensen argument).
        const scale = r.pivotal.users.reduce((s, u) => s + Math.abs(u.tax) + Math.abs(u.costIn), 0);
        expect(r.pivotal.budget).toBeLessThanOrEqual(1e-9 * scale + 1e-300);
      }),
      { numRuns: 60, seed: 12 },
    );
  });
});

/**
 * Cheap investment: c and q 10 to 30 orders of magnitude below alpha, so the optimal costs are far
 * below 1e-14 money units (the solver's line search and coordinate steps used absolute floors there:
 * a step to a huge investment passed as "no worse", and most of these instances were refused).
 */
const cheapInvestment = fc
  .record({
    n: fc.integer({ min: 2, max: 8 }),
    u: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 8 * 8 * 2 + 8 * 3, maxLength: 8 * 8 * 2 + 8 * 3 }),
  })
  .map(({ n, u }): IdsInstance => {
    let k = 0;
    const next = () => u[k++]!;
    const alpha = Array.from({ length: n }, () => 10 ** (4 * next() - 2));
    const c = Array.from({ length: n }, () => 10 ** (-30 + 20 * next()));
    const q = Array.from({ length: n }, () => (next() < 0.7 ? 0 : 10 ** (-30 + 20 * next())));
    const W = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0.5 + next() : next() < 0.6 ? 0.01 + next() : 0)));
    return { alpha, W, c, q };
  });

describe("socialOptimum when investing is almost free (costs far below 1e-14)", () => {
  it("an instance of the kind that was refused: the optimum matches an independent 1-D solution", () => {
    const inst: IdsInstance = { alpha: [17.981930191943494, 1.5265412383574514e-5], W: [[1, 0.24854060926783325], [0.03828219235767398, 1]], c: [1.4102002824972053e-20, 1.4429647360821935e-26] };
    const so = socialOptimum(inst);
    // user 1's investment protects user 0 too and costs a millionth of user 0's: x_0 = 0 and x_1 solves
    // α_0 W_01 e^{−W_01 x} + α_1 e^{−x} = c_1, found here by bisection
    const f = (x: number) => inst.alpha[0]! * 0.24854060926783325 * Math.exp(-0.24854060926783325 * x) + inst.alpha[1]! * Math.exp(-x) - inst.c[1]!;
    let lo = 0;
    let hi = 1e4;
    for (let k = 0; k < 200; k++) {
      const mid = 0.5 * (lo + hi);
      if (f(mid) > 0) lo = mid;
      else hi = mid;
    }
    expect(so.x[0]).toBe(0);
    expect(so.x[1]!).toBeCloseTo(lo, 9);
    expect(so.kktResidual).toBeLessThanOrEqual(1e-9);
  });

  it("is certified and never worse than coordinate descent or the Nash equilibrium, refused at most 5%", () => {
    rarelyRefused(
      cheapInvestment,
      (inst, refuse) => {
        const so = orRefused(() => socialOptimum(inst));
        if (so === null) return refuse();
        const best = objective(inst, so.x);
        const n = inst.alpha.length;
        expect(best).toBeLessThanOrEqual(noWorseThan(objective(inst, coordinateDescent(inst, new Array<number>(n).fill(0), 200))));
        const nash = orRefused(() => nashEquilibrium(inst));
        if (nash) expect(best).toBeLessThanOrEqual(noWorseThan(objective(inst, nash.x)));
      },
      { numRuns: 100, seed: 13 },
    );
  });
});

describe("the issue's alpha = 1e300 example, and the largest accepted magnitudes", () => {
  it("alpha = 1e29 next to 1 gives the total-effort optimum and taxes no larger than the costs", () => {
    const inst: IdsInstance = { alpha: [1e29, 1, 1], W: [[1, 1, 1], [1, 1, 1], [1, 1, 1]], c: [1, 1, 1] };
    const r = pivotalTaxes(inst);
    const total = r.x.reduce((s, v) => s + v, 0);
    expect(total).toBeCloseTo(Math.log(1e29 + 2), 9); // exp(−Σx) = c / Σ alpha
    for (const t of r.taxes) {
      expect(Number.isFinite(t)).toBe(true);
      expect(Math.abs(t)).toBeLessThanOrEqual(2 * r.socialCost);
    }
  });
});

/**
 * An independent best response of user k to x_{−k} (bisection on ∂g_k/∂x_k from the formula, no solver
 * code), and whether x_k is one: g_k cannot be lowered by more than a relative 1e-9 by moving x_k to it,
 * to 0, or a little either way. Scale-free: it compares user k's own costs with each other.
 */
function independentBestResponse(inst: IdsInstance, k: number, x: readonly number[]): number {
  const d = (t: number) => {
    let y = 0;
    x.forEach((xj, j) => (y += inst.W[k]![j]! * (j === k ? t : xj)));
    return inst.c[k]! + (inst.q?.[k] ?? 0) * t - inst.W[k]![k]! * inst.alpha[k]! * Math.exp(-y);
  };
  if (d(0) >= 0) return 0;
  let hi = Math.max(1e-300, x[k]!, 1e-30);
  for (let i = 0; i < 3000 && d(hi) < 0; i++) hi *= 2;
  let lo = 0;
  for (let i = 0; i < 400 && hi - lo > 1e-16 * hi; i++) {
    const mid = 0.5 * (lo + hi);
    if (d(mid) < 0) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

function isBestResponse(inst: IdsInstance, k: number, x: readonly number[]): boolean {
  const own = g(inst, k, x);
  const br = independentBestResponse(inst, k, x);
  const alternatives = [br, 0, x[k]! * (1 + 1e-3), x[k]! * (1 - 1e-3)];
  return alternatives.every((t) => {
    const y = x.slice();
    y[k] = t;
    return own <= g(inst, k, y) + 1e-9 * Math.abs(own) + 1e-300;
  });
}

/** The coalition's cost Σ_{j≠i} g_j with x_i fixed, minimised by exact cyclic coordinate descent (independent). */
function coalitionDescent(inst: IdsInstance, i: number, start: readonly number[], sweeps = 40): number[] {
  const n = inst.alpha.length;
  const x = start.slice();
  const partialOf = (j: number, t: number) => {
    let v = inst.c[j]! + (inst.q?.[j] ?? 0) * t;
    for (let k = 0; k < n; k++) {
      if (k === i || inst.W[k]![j] === 0) continue;
      let y = 0;
      for (let l = 0; l < n; l++) y += inst.W[k]![l]! * (l === j ? t : x[l]!);
      v -= inst.W[k]![j]! * inst.alpha[k]! * Math.exp(-y);
    }
    return v;
  };
  for (let s = 0; s < sweeps; s++)
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      if (partialOf(j, 0) >= 0) {
        x[j] = 0;
        continue;
      }
      let hi = Math.max(1e-300, x[j]!, 1);
      for (let k = 0; k < 2000 && partialOf(j, hi) < 0; k++) hi *= 2;
      let lo = 0;
      for (let k = 0; k < 200 && hi - lo > 1e-15 * hi; k++) {
        const mid = 0.5 * (lo + hi);
        if (partialOf(j, mid) < 0) lo = mid;
        else hi = mid;
      }
      x[j] = 0.5 * (lo + hi);
    }
  return x;
}

describe("Nash and loner equilibria on badly scaled instances (scale-free certificates)", () => {
  it("the Nash equilibrium is certified (every user best-responds, checked independently) and never cheaper than the social optimum, or refused; the CLI refuses with a message instead of answering wrongly", () => {
    rarelyRefused(
      badlyScaled,
      (inst, refuse) => {
        const cli = solveIdsCommand(inst);
        const ne = orRefused(() => nashEquilibrium(inst));
        if (ne === null) {
          expect(cli.ok).toBe(false);
          return refuse();
        }
        expect(ne.kktResidual).toBeLessThanOrEqual(1e-9);
        for (let k = 0; k < inst.alpha.length; k++) expect(isBestResponse(inst, k, ne.x), `user ${k} of ${JSON.stringify(inst)}`).toBe(true);
        const nashCost = objective(inst, ne.x);
        const so = orRefused(() => socialOptimum(inst));
        if (so === null) {
          expect(cli.ok).toBe(false);
          return;
        }
        expect(nashCost).toBeGreaterThanOrEqual(so.cost - 1e-9 * Math.abs(so.cost));
        if (cli.ok) {
          const out = cli.output as { nash: { totalCost: number }; socialOptimum: { cost: number } };
          expect(out.nash.totalCost).toBeGreaterThanOrEqual(out.socialOptimum.cost * (1 - 1e-9));
        }
      },
      runs,
      "Nash on badly scaled instances",
    );
  });

  it("loner equilibria are the same in any investment or money unit (an absolute test stopped early in small units)", () => {
    const A: IdsInstance = { alpha: [4, 3, 5], W: [[1, 0.4, 0.2], [0.3, 1, 0.5], [0.2, 0.6, 1]], c: [1, 0.8, 0.5] };
    const base = lonerEquilibria(A);
    for (const [s, m] of [[1e12, 1], [1e-9, 1e6], [1e6, 1e-8]] as const) {
      const B: IdsInstance = { alpha: A.alpha.map((a) => a / m), W: A.W.map((r) => r.map((w) => w * s)), c: A.c.map((c) => (c * s) / m) };
      lonerEquilibria(B).forEach((x, i) => x.forEach((v, j) => expect(v * s).toBeCloseTo(base[i]![j]!, 8)));
    }
  });

  it("loner equilibria (eq. 9): the loner best-responds and the coalition is optimal given her investment (independent checks), or the instance is refused", () => {
    rarelyRefused(
      badlyScaled,
      (inst, refuse) => {
        const loners = orRefused(() => lonerEquilibria(inst));
        if (loners === null) return refuse();
        loners.forEach((x, i) => {
          expect(isBestResponse(inst, i, x), `loner ${i} of ${JSON.stringify(inst)}`).toBe(true);
          const users = inst.alpha.map((_, j) => j).filter((j) => j !== i);
          const cost = objective(inst, x, users);
          const cd = coalitionDescent(inst, i, x);
          const zero = coalitionDescent(inst, i, x.map((v, j) => (j === i ? v : 0)));
          expect(cost).toBeLessThanOrEqual(Math.min(objective(inst, cd, users), objective(inst, zero, users)) * (1 + 1e-9) + 1e-300);
        });
      },
      { numRuns: 60, seed: 13 },
      "loner equilibria on badly scaled instances",
    );
  });
});
