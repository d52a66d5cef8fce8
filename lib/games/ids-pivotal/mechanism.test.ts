import { describe, expect, it } from "vitest";
import { bestResponse, pivotalFullInfo, pivotalTaxes, randomIdsInstance, userCost } from "../../mechanisms/ids";
import { makeRng, seedFrom } from "../../core/rng";
import { coalitionEquilibrium } from "../ids-mechanisms-common/coalition";
import { instanceOf, restrict, type Instance } from "../ids-mechanisms-common/instance";
import { designerInstance, pivotalCounterfactuals, pivotalRound, type Information, type PivotalRoundInput, type TypeReport } from "./mechanism";

const inst3: Instance = { alpha: [10, 10, 10], W: [[1, 0.5, 0.5], [0.5, 1, 0.5], [0.5, 0.5, 1]], c: [1, 1.2, 1.5], q: [0, 0, 0] };
const truthful = (inst: Instance, i: number): TypeReport => ({ alpha: inst.alpha[i]!, c: inst.c[i]!, q: inst.q[i]! });

function input(information: Information, inst: Instance, joined: boolean[], reports?: (TypeReport | null)[], lonerChoices?: (number | null)[]): PivotalRoundInput {
  return {
    information,
    truth: inst,
    joined,
    reports: reports ?? joined.map((j, i) => (j ? truthful(inst, i) : null)),
    lonerChoices: lonerChoices ?? joined.map(() => null),
  };
}

describe("Pivotal round: everyone in", () => {
  it("incomplete information is eq. 6 of the core (pivotalTaxes with reports), payoffs with the true types", () => {
    const reports = [truthful(inst3, 0), { alpha: 12, c: 1.8, q: 0 }, truthful(inst3, 2)];
    const out = pivotalRound(input("incomplete", inst3, [true, true, true], reports));
    const core = pivotalTaxes(inst3, designerInstance(inst3, reports));
    expect(out.x).toEqual(core.x);
    expect(out.taxes).toEqual(core.taxes);
    expect(out.budget).toBeCloseTo(core.budget, 12);
    expect(out.method).toBe("eq6");
    out.netCost.forEach((v, i) => expect(v).toBeCloseTo(core.users[i]!.costIn, 10)); // costIn uses true types
  });

  it("full information is eq. 9 of the core (pivotalFullInfo)", () => {
    const out = pivotalRound(input("full", inst3, [true, true, true]));
    const core = pivotalFullInfo(inst3);
    expect(out.taxes).toEqual(core.taxes);
    expect(out.x).toEqual(core.x);
    out.references.forEach((r, i) => expect(r).toEqual(core.users[i]!.reference));
  });

  it("truthful, everyone in: nobody would rather have stayed out (Prop. 2 and §III-D), and cost out is the core's", () => {
    const rng = makeRng(seedFrom("piv-vp"));
    for (let k = 0; k < 6; k++) {
      const inst = instanceOf(randomIdsInstance(rng, 3 + (k % 3), { quadratic: k % 2 === 1 }));
      for (const information of ["incomplete", "full"] as const) {
        const inp = input(information, inst, inst.alpha.map(() => true));
        const out = pivotalRound(inp);
        const cf = pivotalCounterfactuals(inp, out);
        const core = information === "full" ? pivotalFullInfo(inst) : pivotalTaxes(inst);
        cf.forEach((c, i) => {
          expect(c.regrets).toBe(false);
          expect(c.costOut).toBeCloseTo(core.users[i]!.costOut, 7);
        });
      }
    }
  });

  it("misreporting does not pay under incomplete information (Prop. 1): the liar's true net cost is never lower", () => {
    const rng = makeRng(seedFrom("piv-prop1"));
    for (let k = 0; k < 6; k++) {
      const inst = instanceOf(randomIdsInstance(rng, 4));
      const honest = pivotalRound(input("incomplete", inst, [true, true, true, true])).netCost[0]!;
      for (const f of [0.5, 0.8, 1.25, 2]) {
        const reports = inst.alpha.map((_, i) => truthful(inst, i));
        reports[0] = { ...reports[0]!, c: inst.c[0]! * f, alpha: inst.alpha[0]! / f };
        const lie = pivotalRound(input("incomplete", inst, [true, true, true, true], reports)).netCost[0]!;
        expect(lie).toBeGreaterThanOrEqual(honest - 1e-9);
      }
    }
  });
});

describe("Pivotal round: some stay out", () => {
  it("incomplete information: eq. 6 on the participants' sub-game, loners at 0 in the plan, then best-responding", () => {
    const out = pivotalRound(input("incomplete", inst3, [true, false, true]));
    const sub = pivotalTaxes(restrict(inst3, [0, 2]));
    expect(out.method).toBe("eq6-participants");
    expect([out.prescribed[0], out.prescribed[2]]).toEqual(sub.x);
    expect([out.taxes[0], out.taxes[2]]).toEqual(sub.taxes);
    expect(out.taxes[1]).toBeNull();
    expect(out.planned[1]).toBe(0);
    expect(out.x[1]).toBeCloseTo(bestResponse(inst3, 1, out.x), 12);
    expect(out.netCost[1]).toBeCloseTo(userCost(inst3, 1, out.x), 12); // a loner pays no tax
  });

  it("full information: the coalition–loner equilibrium; taxes from the references with one more loner", () => {
    const out = pivotalRound(input("full", inst3, [true, false, true]));
    expect(out.method).toBe("eq9-coalition");
    expect(out.certified).toBe(true);
    const eq = coalitionEquilibrium(inst3, [0, 2], [1]);
    out.x.forEach((v, j) => expect(v).toBeCloseTo(eq.x[j]!, 9)); // the loner does what was anticipated
    const ref0 = coalitionEquilibrium(inst3, [2], [0, 1]);
    expect(out.taxes[0]).toBeCloseTo(userCost(inst3, 2, eq.x) - userCost(inst3, 2, ref0.x), 9);
  });

  it("loners who choose freely invest what they chose; nobody in: no taxes, the Nash equilibrium when all best-respond", () => {
    const free = pivotalRound(input("incomplete", inst3, [true, false, false], undefined, [null, 0.25, 3]));
    expect(free.x[1]).toBe(0.25);
    expect(free.x[2]).toBe(3);
    expect(free.lonerBestResponse[1]).toBeCloseTo(bestResponse(inst3, 1, free.x), 12);
    const none = pivotalRound(input("full", inst3, [false, false, false]));
    expect(none.budget).toBe(0);
    expect(none.taxes).toEqual([null, null, null]);
    none.x.forEach((v, i) => expect(v).toBeCloseTo(bestResponse(inst3, i, none.x), 8));
  });

  it("never throws on random instances and certifies every equilibrium within the caps (N ≤ 6)", () => {
    const rng = makeRng(seedFrom("piv-stress"));
    const lu = (lo: number, hi: number) => Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * rng.next());
    let uncertified = 0;
    for (let t = 0; t < 60; t++) {
      const n = 2 + rng.int(5);
      const inst: Instance = {
        alpha: Array.from({ length: n }, () => lu(1, 30)),
        c: Array.from({ length: n }, () => lu(0.1, 3)),
        q: Array.from({ length: n }, () => (rng.next() < 0.5 ? 0 : lu(0.05, 2))),
        W: Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? lu(0.5, 2) : rng.next() < 0.3 ? 0 : lu(0.05, 1)))),
      };
      const joined = inst.alpha.map(() => rng.next() < 0.7);
      const reports = joined.map((j, i) => (j ? { alpha: inst.alpha[i]! * lu(0.5, 2), c: inst.c[i]! * lu(0.5, 2), q: inst.q[i]! * lu(0.5, 2) } : null));
      for (const information of ["incomplete", "full"] as const) {
        const inp = input(information, inst, joined, reports);
        const out = pivotalRound(inp);
        pivotalCounterfactuals(inp, out);
        if (!out.certified) uncertified++;
        expect(out.x.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
      }
    }
    expect(uncertified).toBe(0);
  });
});
