import { describe, expect, it } from "vitest";
import { makeRng, seedFrom } from "../../core/rng";
import {
  externalityEquilibriumTaxes,
  externalityMechanism,
  externalityOutcome,
  externalityTaxes,
  externalityUserCost,
  type ExternalityMessage,
} from "./externality";
import { adaptiveExternalityMessage, externalityEquilibriumMessages } from "./externality-bots";
import { randomIdsInstance } from "./random";
import { bruteMinOwn, g, kktViolation, partial, totalEffort } from "./test-helpers";
import type { IdsInstance } from "./model";

const others = (n: number, i: number) => Array.from({ length: n }, (_, j) => j).filter((j) => j !== i);

function randomMessages(rng: { next(): number }, n: number): ExternalityMessage[] {
  return Array.from({ length: n }, () => ({
    x: Array.from({ length: n }, () => 3 * rng.next() - 0.5),
    pi: Array.from({ length: n }, () => 2 * rng.next()),
  }));
}

describe("Externality message game (eq. 10–11)", () => {
  it("outcome is the mean proposal and taxes follow the three terms with cyclic indices", () => {
    const m: ExternalityMessage[] = [
      { x: [1, 2, 0], pi: [1, 0, 2] },
      { x: [0, 1, 1], pi: [0.5, 1, 1] },
      { x: [2, 0, 2], pi: [2, 2, 0] },
    ];
    expect(externalityOutcome(m)).toEqual([1, 1, 1]);
    const t = externalityTaxes(m);
    // User 0: (π1 − π2)ᵀx̂ = (−1.5 − 1 + 1) = −1.5; (x0 − x1)ᵀdiag(π0)(x0 − x1) = 1·1 + 0·1 + 2·1 = 3;
    // −(x1 − x2)ᵀdiag(π1)(x1 − x2) = −(0.5·4 + 1·1 + 1·1) = −4.
    expect(t.terms[0]).toMatchObject({ lindahl: -1.5, disagreement: 3, redistribution: -4, tax: -2.5 });
    // User 2 (cyclic: i+1 = 0, i+2 = 1): (π0 − π1)ᵀx̂ = 0.5 − 1 + 1 = 0.5; (x2 − x0)ᵀdiag(π2)(x2 − x0) = 2·1 + 2·4 = 10;
    // −(x0 − x1)ᵀdiag(π0)(x0 − x1) = −3.
    expect(t.terms[2]).toMatchObject({ lindahl: 0.5, disagreement: 10, redistribution: -3, tax: 7.5 });
    expect(t.budget).toBe(0);
  });

  it("budget is zero up to rounding for arbitrary messages (any N, incl. 1 and 2)", () => {
    const rng = makeRng(seedFrom("ext-budget"));
    for (const n of [1, 2, 3, 7, 30, 120]) {
      for (let t = 0; t < 3; t++) {
        const r = externalityTaxes(randomMessages(rng, n));
        const scale = r.taxes.reduce((s, v) => s + Math.abs(v), 1);
        expect(Math.abs(r.budget)).toBeLessThanOrEqual(1e-14 * scale);
        r.terms.forEach((term, i) => expect(term.tax).toBe(r.taxes[i]));
      }
    }
  });

  it("rejects malformed messages naming the field", () => {
    expect(() => externalityTaxes([{ x: [1, 2], pi: [1, 1] }, { x: [1], pi: [1, 1] }])).toThrow(/messages\[1\]\.x must have 2 entries/);
    expect(() => externalityTaxes([{ x: [1], pi: [-1] }])).toThrow(/messages\[0\]\.pi\[0\] must be a finite number >= 0/);
  });
});

describe("Externality mechanism at equilibrium (eq. 12–13, Example 4)", () => {
  it("Example 4: closed-form taxes, loner profiles and the paper's VP conditions", () => {
    const cases = [
      [0.5, 0.9, 0.95, 0.99], // c2/(N−1) < c1 < c2 < 1 (the example's premise)
      [0.3, 0.5, 0.7],
      [2.6, 2.8, 2.9, 2.95], // c1 < N e^{−1/(N−1)} = 2.866: free riders refuse
      [2.9, 2.95, 2.97, 2.99], // c1 > 2.866 and c2/(N−1) < c1 < c2 < N−1: everyone participates
    ];
    for (const c of cases) {
      const N = c.length;
      const [c1, c2] = c as [number, number];
      const r = externalityMechanism(totalEffort(c));
      const x1 = Math.log(N / c1);
      expect(r.x[0]).toBeCloseTo(x1, 9);
      expect(r.taxes[0]).toBeCloseTo(-c1 * x1 * (1 - 1 / N), 9);
      for (let j = 1; j < N; j++) expect(r.taxes[j]).toBeCloseTo((c1 * x1) / N, 9);
      expect(Math.abs(r.budget)).toBeLessThan(1e-12);
      expect(Math.exp(-(r.users[0]!.outside[1] as number))).toBeCloseTo(c2 / (N - 1), 9);
      expect(Math.exp(-(r.users[1]!.outside[0] as number))).toBeCloseTo(c1 / (N - 1), 9);
      // The paper's (VP_1) and (VP_j) inequalities decide participation.
      const vp1 = (c1 / N) * (1 + x1) <= c2 / (N - 1);
      const vpj = (c1 / N) * (1 + x1) <= c1 / (N - 1);
      expect(r.participation[0]).toBe(vp1);
      for (let j = 1; j < N; j++) expect(r.participation[j]).toBe(vpj);
      expect(vpj).toBe(c1 >= N * Math.exp(-1 / (N - 1)));
    }
    // Under the premise c2 < 1 neither the main investor nor the free riders participate here.
    expect(externalityMechanism(totalEffort([0.5, 0.9, 0.95, 0.99])).participation).toEqual([false, false, false, false]);
    expect(externalityMechanism(totalEffort([2.6, 2.8, 2.9, 2.95])).participation).toEqual([true, false, false, false]);
    expect(externalityMechanism(totalEffort([2.9, 2.95, 2.97, 2.99])).participation).toEqual([true, true, true, true]);
  });

  it("equilibrium taxes: eq. 13 prices = formula before Example 4 = eq. 11 at m*; budget 0; VP per loner equilibrium", () => {
    const rng = makeRng(seedFrom("ext-eq"));
    for (let t = 0; t < 12; t++) {
      const n = 2 + rng.int(7);
      const inst = randomIdsInstance(rng, n, { quadratic: t % 2 === 0, spillover: [0.3, 1, 3][t % 3]! });
      const r = externalityMechanism(inst);
      const formula = externalityEquilibriumTaxes(inst, r.x);
      const eq = n >= 3 ? externalityEquilibriumMessages(inst) : null;
      const atMessages = eq ? externalityTaxes(eq.messages) : null;
      expect(r.messageGameValid).toBe(n !== 2);
      for (let i = 0; i < n; i++) {
        expect(r.taxes[i]).toBeCloseTo(formula[i] as number, 9);
        if (atMessages) {
          expect(atMessages.taxes[i]).toBeCloseTo(formula[i] as number, 9);
          expect(atMessages.terms[i]!.disagreement).toBe(0);
        }
        // Independent formula: t_i* = −Σ_j x_j ∂f_i/∂x_j − h_i' x_i with FD-free analytic pieces.
        const fi = g(inst, i, r.x) - (inst.c[i] as number) * (r.x[i] as number) - 0.5 * (inst.q?.[i] ?? 0) * (r.x[i] as number) ** 2;
        let ti = 0;
        for (let j = 0; j < n; j++) ti += (r.x[j] as number) * (inst.W[i]![j] as number) * fi;
        ti -= ((inst.c[i] as number) + (inst.q?.[i] ?? 0) * (r.x[i] as number)) * (r.x[i] as number);
        expect(r.taxes[i]).toBeCloseTo(ti, 9);
        // VP against an independently checked loner equilibrium.
        const u = r.users[i]!;
        const rest = others(n, i);
        expect(kktViolation(inst, u.outside, rest, rest)).toBeLessThan(1e-9);
        expect(Math.abs((u.outside[i] as number) - bruteMinOwn(inst, i, u.outside, 40))).toBeLessThan(1e-5);
        const [gIn, gOut] = [g(inst, i, r.x), g(inst, i, u.outside)];
        expect(u.participates).toBe(gOut - (gIn + u.tax) >= -1e-9 * Math.max(Math.abs(gIn), Math.abs(u.tax), Math.abs(gOut)));
      }
      expect(Math.abs(r.budget)).toBeLessThan(1e-9);
      if (eq) expect(eq.x).toEqual(r.x);
    }
  });

  it("equilibrium messages implement x* and no user gains by deviating (x and π perturbations)", () => {
    const rng = makeRng(seedFrom("ext-nash"));
    for (let t = 0; t < 6; t++) {
      const n = 3 + rng.int(5);
      const inst = randomIdsInstance(rng, n, { quadratic: t % 2 === 1 });
      const eq = externalityEquilibriumMessages(inst);
      const out = externalityOutcome(eq.messages);
      out.forEach((v, j) => expect(v).toBeCloseTo(eq.x[j] as number, 12));
      expect(kktViolation(inst, out.map((v) => Math.max(0, v)))).toBeLessThan(1e-9);
      eq.messages.forEach((m) => m.pi.forEach((p) => expect(p).toBeGreaterThan(0)));
      for (let i = 0; i < n; i++) {
        const base = externalityUserCost(inst, i, eq.messages);
        for (let k = 0; k < 25; k++) {
          const dev = eq.messages.map((m) => ({ x: m.x.slice(), pi: m.pi.slice() }));
          const mine = dev[i]!;
          const size = [1e-3, 1e-1, 1][k % 3] as number;
          mine.x = mine.x.map((v) => v + size * (rng.next() - 0.5));
          mine.pi = mine.pi.map((v) => Math.max(0, v + size * (rng.next() - 0.5)));
          const xhat = externalityOutcome(dev);
          if (xhat.some((v) => v < 0)) continue; // infeasible outcome
          expect(externalityUserCost(inst, i, dev)).toBeGreaterThanOrEqual(base - 1e-10);
        }
      }
    }
  });
});

describe("Externality mechanism with N = 2 (eq. 11 needs N >= 3)", () => {
  it("user i's own price enters its Lindahl term, so raising it lowers its tax without bound", () => {
    const inst = randomIdsInstance(makeRng(seedFrom("ext-n2")), 2);
    expect(() => externalityEquilibriumMessages(inst)).toThrow(/N >= 3/);
    const x = externalityMechanism(inst).x;
    const msgs: ExternalityMessage[] = [
      { x: x.slice(), pi: [1, 1] },
      { x: x.slice(), pi: [1, 1] },
    ];
    const base = externalityUserCost(inst, 0, msgs);
    const greedy = [{ x: x.slice(), pi: [101, 101] }, msgs[1]!];
    expect(externalityUserCost(inst, 0, greedy)).toBeCloseTo(base - 100 * (x[0]! + x[1]!) / 1, 9);
    expect(externalityMechanism(inst).messageGameValid).toBe(false);
  });
});

describe("adaptive Externality bot", () => {
  it("leaves the equilibrium profile unchanged", () => {
    const rng = makeRng(seedFrom("ext-bot-fixed"));
    const inst = randomIdsInstance(rng, 5, { quadratic: true });
    const eq = externalityEquilibriumMessages(inst);
    for (let i = 0; i < 5; i++) {
      const m = adaptiveExternalityMessage(inst, i, eq.messages);
      m.x.forEach((v, j) => expect(v).toBeCloseTo(eq.messages[i]!.x[j] as number, 9));
      m.pi.forEach((v, j) => expect(v).toBeCloseTo(eq.messages[i]!.pi[j] as number, 9));
    }
  });

  it("with step 1 its proposal is a best reply to the others (first-order check in x̂)", () => {
    const rng = makeRng(seedFrom("ext-bot-br"));
    const inst = randomIdsInstance(rng, 4);
    const msgs = randomMessages(rng, 4).map((m) => ({ x: m.x.map((v) => Math.abs(v)), pi: m.pi.map((p) => p + 0.1) }));
    for (let i = 0; i < 4; i++) {
      const mine = adaptiveExternalityMessage(inst, i, msgs, { step: 1 });
      const dev = msgs.map((m, k) => (k === i ? mine : m));
      const base = externalityUserCost(inst, i, dev);
      for (let j = 0; j < 4; j++) {
        for (const d of [1e-4, -1e-4]) {
          const alt = dev.map((m) => ({ x: m.x.slice(), pi: m.pi.slice() }));
          alt[i]!.x[j] = (alt[i]!.x[j] as number) + d;
          if (externalityOutcome(alt).some((v) => v < 0)) continue;
          expect(externalityUserCost(inst, i, alt)).toBeGreaterThanOrEqual(base - 1e-12);
        }
      }
    }
  });

  it("converges to x* from the Nash profile on Example 4 (users update in turn)", () => {
    const inst: IdsInstance = totalEffort([0.5, 1.2, 1.5, 2.0]);
    const n = 4;
    const xstar = [Math.log(4 / 0.5), 0, 0, 0];
    let msgs: ExternalityMessage[] = Array.from({ length: n }, () => ({ x: [Math.log(2), 0, 0, 0], pi: [0.1, 0.1, 0.1, 0.1] }));
    const dist = () => Math.hypot(...externalityOutcome(msgs).map((v, j) => v - (xstar[j] as number)));
    const d0 = dist();
    for (let round = 0; round < 400; round++) {
      for (let i = 0; i < n; i++) {
        const m = adaptiveExternalityMessage(inst, i, msgs);
        msgs = msgs.map((old, k) => (k === i ? m : old));
      }
    }
    expect(d0).toBeGreaterThan(1);
    expect(dist()).toBeLessThan(1e-3);
    // Social-cost gradient at the outcome is (almost) KKT.
    const xh = externalityOutcome(msgs).map((v) => Math.max(0, v));
    expect(Math.abs(partial(inst, xh, 0))).toBeLessThan(1e-3);
  });
});
