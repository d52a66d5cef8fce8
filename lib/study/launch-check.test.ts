/**
 * The launch check per game, checked against properties the mechanism cores guarantee independently of
 * how the numbers were found (best responses, optimality, the message-to-tax map of eq. 11, attacker
 * best responses, weak utility preservation, the dictator's favourite outcome, the utility matrix of a
 * menu), and against the published reference values of docs/papers/cip.md.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Scalar } from "../core/game";
import { loadTreatment, type LoadedTreatment } from "../engine";
import { games } from "../games/registry";
import { bestResponse, externalityTaxes, totalCost, userCost } from "../mechanisms/ids";
import { ciUtility, contractFor, type CipType } from "../mechanisms/cip";
import { defenderUtilities, isBestResponse, welfare } from "../mechanisms/ssg";
import { instanceOf as idsInstance, type IdsParams } from "../games/ids-investment/params";
import { instanceOf as ssgInstance, type SsgParams } from "../games/ssg-defense/params";
import { instanceOf as cipInstance, type CipGameParams } from "../games/cip-contracts/params";
import { launchCheck, launchCheckText, type LaunchCheck, type LaunchSection } from "./launch-check";
import { indistinguishable, ssgPredictions } from "./theory/ssg";
import { readable } from "./theory/section";

const EXAMPLES = join(import.meta.dirname, "../../examples/treatments");
const raw = (name: string) => JSON.parse(readFileSync(join(EXAMPLES, name), "utf8")) as { params: Record<string, unknown> } & Record<string, unknown>;

function load(t: unknown): LoadedTreatment {
  const lt = loadTreatment(t, games);
  if (!lt.ok) throw new Error(lt.errors.join("\n"));
  return lt.value;
}
const example = (name: string) => load(raw(name));
const section = (c: LaunchCheck, id: string): LaunchSection => {
  const s = c.sections.find((x) => x.id === id);
  if (!s) throw new Error(`no section ${id} in ${c.sections.map((x) => x.id).join(", ")}`);
  return s;
};
const metric = (s: LaunchSection, label: string): Scalar => {
  const m = s.metrics.find((x) => x.label === label);
  if (!m) throw new Error(`no metric ${label}`);
  return m.value;
};
/** Table rows as records keyed by column name. */
function rows(s: LaunchSection, title: string): Record<string, Scalar>[] {
  const t = s.tables.find((x) => x.title === title);
  if (!t) throw new Error(`no table ${title}`);
  return t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r[i] ?? null])));
}
const num = (v: Scalar | undefined) => {
  expect(typeof v).toBe("number");
  return v as number;
};
const nums = (v: Scalar | undefined) => String(v).split(",").map(Number);

describe("launch check: IDS", () => {
  it("Nash and social optimum per user and in total: Nash is a fixed point of best responses, x* costs no more than Nash", () => {
    const lt = example("ids-investment-classroom.json");
    const c = launchCheck(lt);
    const s = section(c, "ids-nash-social");
    const inst = idsInstance(lt.params as IdsParams);
    const users = rows(s, "Per user");
    expect(users).toHaveLength(4);
    const nash = users.map((u) => num(u["Nash x_i"]));
    const opt = users.map((u) => num(u["social optimum x*_i"]));
    users.forEach((u, i) => {
      expect(Math.abs(bestResponse(inst, i, nash) - nash[i]!)).toBeLessThan(1e-3);
      expect(num(u["Nash cost g_i"])).toBeCloseTo(userCost(inst, i, nash), 3);
      expect(num(u["cost g_i(x*)"])).toBeCloseTo(userCost(inst, i, opt), 3);
    });
    expect(num(metric(s, "Nash total cost Σ g_i"))).toBeCloseTo(totalCost(inst, nash), 3);
    expect(num(metric(s, "Social-optimum total cost Σ g_i(x*)"))).toBeCloseTo(totalCost(inst, opt), 3);
    // x* minimises the total cost: no nearby profile (nor Nash) is cheaper
    for (let i = 0; i < 4; i++)
      for (const d of [-0.05, 0.05]) {
        const y = opt.map((x, j) => (j === i ? Math.max(0, x + d) : x));
        expect(totalCost(inst, y)).toBeGreaterThanOrEqual(totalCost(inst, opt) - 1e-3);
      }
    expect(num(metric(s, "Price of anarchy (Nash / optimum)"))).toBeGreaterThan(1);
  });

  it("Pivotal: taxes, budget Σ t_i, and nobody would rather stay out when cost in ≤ cost out for all", () => {
    const lt = example("ids-pivotal-full-4.json");
    const c = launchCheck(lt);
    const s = section(c, "ids-pivotal");
    const inst = idsInstance(lt.params as IdsParams);
    const users = rows(s, "Taxes");
    const x = users.map((u) => num(u["x*_i"]));
    const taxes = users.map((u) => num(u["tax t_i"]));
    expect(num(metric(s, "Budget Σ t_i"))).toBeCloseTo(taxes.reduce((a, b) => a + b, 0), 3);
    users.forEach((u, i) => {
      expect(num(u["cost in g_i(x*) + t_i"])).toBeCloseTo(userCost(inst, i, x) + taxes[i]!, 3);
      expect(u["would rather stay out"]).toBe(num(u["cost out"]) < num(u["cost in g_i(x*) + t_i"]) ? "yes" : "no");
    });
    expect(metric(s, "Would rather stay out")).toBe("nobody");
    expect(section(c, "ids-nash-social").tables[0]!.rows).toHaveLength(4);
  });

  it("Externality: the equilibrium messages implement x* and, through eq. 11, the equilibrium taxes; who would rather stay out is warned about", () => {
    const c = launchCheck(example("ids-externality-4.json"));
    const s = section(c, "ids-externality");
    const taxes = rows(s, "Equilibrium taxes");
    const messages = rows(s, "Equilibrium messages m*").map((m) => ({ x: nums(m["proposed x̂_i"]), pi: nums(m["prices π_i"]) }));
    const fromMessages = externalityTaxes(messages);
    taxes.forEach((u, i) => {
      expect(fromMessages.x[i]).toBeCloseTo(num(u["x*_i"]), 3);
      expect(fromMessages.taxes[i]).toBeCloseTo(num(u["tax t*_i"]), 2);
    });
    expect(Math.abs(num(metric(s, "Budget Σ t*_i")))).toBeLessThan(1e-6);
    const out = taxes.filter((u) => num(u["cost out"]) < num(u["cost in"])).map((u) => u.user);
    expect(out).toEqual([2, 3, 4]);
    expect(metric(s, "Would rather stay out (VP fails)")).toBe("2, 3, 4");
    expect(c.warnings.join("\n")).toMatch(/user\(s\) 2, 3, 4 would rather stay out/);
  });
});

describe("launch check: SSG", () => {
  const shipped = () => raw("ssg-defense-uncoordinated-3.json");

  it("NSE, CSW-Max, CSW-Max-NSE and dictatorship: attacked targets are best responses, welfare is Σ U_i, CSW-Max(-NSE) weakly preserve the NSE utilities, the dictator gets her favourite", () => {
    const t = shipped();
    t.params = { ...t.params, mode: "coordinated", mechanism: "dictatorship", dictator: 1 };
    const lt = load(t);
    const p = lt.params as SsgParams;
    const g = ssgInstance(p);
    const { predictions, dictator } = ssgPredictions(p);
    expect(predictions.map((x) => x.key)).toEqual(["nse", "cswMax", "cswMaxNse", "dictatorship"]);
    expect(dictator).toBe(1);
    const o = Object.fromEntries(predictions.map((x) => [x.key, x.outcome!]));
    for (const x of Object.values(o)) {
      expect(isBestResponse(g, x.coverage, x.target)).toBe(true);
      expect(x.defenderUtilities).toEqual(defenderUtilities(g, x.coverage, x.target));
      expect(x.welfare).toBeCloseTo(welfare(g, x.coverage, x.target), 9);
    }
    for (const k of ["cswMax", "cswMaxNse"])
      o[k]!.defenderUtilities.forEach((u: number, i: number) => expect(u).toBeGreaterThanOrEqual(o.nse!.defenderUtilities[i]! - 1e-9));
    for (const x of Object.values(o)) expect(o.dictatorship!.defenderUtilities[1]!).toBeGreaterThanOrEqual(x.defenderUtilities[1]! - 1e-9);
    expect(o.cswMax!.welfare).toBeGreaterThanOrEqual(Math.max(...Object.values(o).map((x) => x.welfare)) - 1e-9);

    const c = launchCheck(lt);
    const s = section(c, "ssg-mechanisms");
    const table = rows(s, "Outcomes");
    expect(table.map((r) => r.mechanism)).toEqual(["NSE (no coordination)", "CSW-Max", "CSW-Max-NSE", "Dictatorship (defender 2) ← this treatment"]);
    expect(table.map((r) => r["attacked target"])).toEqual(predictions.map((x) => p.targets![x.outcome!.target]));
    table.forEach((r, k) => expect(num(r.welfare)).toBeCloseTo(predictions[k]!.outcome!.welfare, 3));
    expect(rows(s, "Coverage by target").map((r) => r["CSW-Max-NSE"])).toEqual(o.cswMaxNse!.coverage.map((v: number) => `${(Math.round(v * 1000) / 10).toFixed(1)}%`));
    expect(table.map((r) => r.welfare)).toEqual(predictions.map((x) => x.outcome!.welfare)); // full precision (--json)
    expect(metric(s, "Predicted welfare / attacked target")).toBe(`${readable(num(table[3]!.welfare))} / ${table[3]!["attacked target"]}`);
  });

  it("warns once when mechanisms give the same outcome (the shipped instance cannot tell CSW-Max, CSW-Max-NSE and dictatorship apart)", () => {
    const c = launchCheck(load(shipped()));
    const same = c.warnings.filter((w) => /same outcome/.test(w));
    expect(same).toEqual([expect.stringMatching(/^CSW-Max, CSW-Max-NSE and Dictatorship \(defender 1\) give the same outcome .*cannot tell them apart/)]);
    const t = shipped();
    t.params = { ...t.params, mode: "coordinated", mechanism: "dictatorship", dictator: 1 };
    const other = launchCheck(load(t)).warnings.filter((w) => /same outcome/.test(w));
    expect(other).toEqual([expect.stringMatching(/^CSW-Max and CSW-Max-NSE give the same outcome/)]);
  });

  it("tells equal utilities with different coverage apart from the same outcome, and different targets from both", () => {
    const g = ssgInstance(load(shipped()).params as SsgParams);
    const mk = (key: "nse" | "cswMax" | "cswMaxNse", coverage: number[], target: number, u: number[]) => ({ key, label: key, error: null, outcome: { coverage, target, defenderUtilities: u, welfare: u.reduce((a, b) => a + b, 0) } });
    const names = ["A", "B", "C", "D"];
    expect(indistinguishable(g, [mk("nse", [0.5, 0.5, 0.5, 0.5], 0, [1, 2, 3]), mk("cswMax", [0.5, 0.6, 0.5, 0.5], 0, [1, 2, 3])], names)).toEqual([
      expect.stringMatching(/^nse and cswMax give every defender the same expected utility here \(target A attacked/),
    ]);
    expect(indistinguishable(g, [mk("nse", [0.5, 0.5, 0.5, 0.5], 0, [1, 2, 3]), mk("cswMax", [0.5, 0.5, 0.5, 0.5], 1, [1, 2, 3])], names)).toEqual([]);
    expect(indistinguishable(g, [mk("nse", [0.5, 0.5, 0.5, 0.5], 0, [1, 2, 3]), mk("cswMax", [0.5, 0.5, 0.5, 0.5], 0, [1, 2, 4])], names)).toEqual([
      expect.stringMatching(/same outcome/),
    ]);
  });

  it("recommendation treatments add the individual-rationality check of the plan (§5)", () => {
    const s = section(launchCheck(example("ssg-defense-recommendation.json")), "ssg-mechanisms");
    expect(String(metric(s, "Recommendation individually rational (§5)"))).toMatch(/^(yes: no defender gains|no: defenders? \d)/);
  });
});

describe("launch check: CIP", () => {
  function ulicFromUtilities(p: CipGameParams, menu: Record<string, Scalar>[]): boolean[] {
    const inst = cipInstance(p);
    const contracts = menu.map((m, k) => contractFor(inst.types[k]!, num(m.r)));
    const u = (k: number, j: number) => ciUtility(inst.types[k] as CipType, contracts[j]!, inst);
    return inst.types.slice(0, -1).map((_, k) => Math.abs(u(k, k) - u(k, k + 1)) <= 1e-3 * Math.max(1, Math.abs(u(k, k))));
  }

  it("four-CI reference (docs/papers/cip.md §5): menu r = (20, 105, 210, 315), ULIC 2 and 3 bind, ULIC 1 does not; equal split 162.5 … 650", () => {
    const lt = example("cip-contracts-menu-4.json");
    const c = launchCheck(lt);
    const s = section(c, "cip-menu");
    const menu = rows(s, "Menu");
    expect(menu.map((m) => m.r)).toEqual([20, 105, 210, 315]);
    expect(menu.map((m) => m["U_CI of its type"])).toEqual([20, 210, 630, 1260]);
    expect(menu.map((m) => m["ULIC binds"])).toEqual(["no", "yes", "yes", "– (highest type)"]);
    expect(ulicFromUtilities(lt.params as CipGameParams, menu)).toEqual([false, true, true]);
    expect(metric(s, "ULIC binds for")).toBe("type 2 (↔ contract 3), type 3 (↔ contract 4)");
    expect(rows(s, "Each type's utility U_CI from each contract").map((r) => [r["contract 1"], r["contract 2"], r["contract 3"], r["contract 4"]])).toEqual([
      [20, 0, -210, -630],
      [60, 210, 210, 0],
      [100, 420, 630, 630],
      [140, 630, 1050, 1260],
    ]);
    const eq = section(c, "cip-equal-split");
    expect(rows(eq, "Per type").map((r) => r["U_CI equal split"])).toEqual([162.5, 325, 487.5, 650]);
    expect(metric(eq, "CC objective, equal split")).toBe(2031.25);
    expect(metric(s, "CC objective Σ α_k U_CC(k)")).toBe(3155);
    expect(metric(section(c, "cip-algorithm1"), "Excluded (CI)")).toBe("none");
  });

  it("with c = 0.25 the ULIC of type 1 binds and r = (80, 120) (docs/papers/cip.md §8.2)", () => {
    const t = raw("cip-contracts-menu-4.json");
    const types = (t.params.types as Record<string, number>[]).slice(0, 2).map((x) => ({ ...x, probability: 0.5 }));
    t.params = { ...t.params, types, cis: 2, paymentCost: 0.25, resources: 200 };
    const lt = load(t);
    const menu = rows(section(launchCheck(lt), "cip-menu"), "Menu");
    expect(menu.map((m) => m.r)).toEqual([80, 120]);
    expect(menu[0]!["ULIC binds"]).toBe("yes");
    expect(ulicFromUtilities(lt.params as CipGameParams, menu)).toEqual([true]);
  });

  it("names who Algorithm 1 excludes and why (per-CI beliefs, minimum resources above the budget)", () => {
    const c = launchCheck(example("cip-contracts-menu-per-ci-4.json"));
    const s = section(c, "cip-algorithm1");
    expect(metric(s, "Excluded (CI)")).toBe("1");
    expect(metric(s, "Offered to (CI)")).toBe("2, 3, 4");
    expect(rows(s, "Exclusions (step 2)")[0]).toMatchObject({ CI: 1, why: expect.stringMatching(/^minimum-resources: .*160 > R = 150/) });
  });

  it("the equal-split treatment still shows the menu it is compared with", () => {
    const c = launchCheck(example("cip-contracts-equal-4.json"));
    expect(section(c, "cip-menu").note).toMatch(/Not offered in this treatment/);
    expect(c.sections.map((x) => x.id)).toEqual(["cip-menu", "cip-algorithm1", "cip-equal-split", "survey-payment"]);
  });

  it("warns that the projector's leaderboard ranks private types, until the treatment hides it", () => {
    const t = raw("cip-contracts-menu-4.json");
    expect(launchCheck(load(t)).warnings.filter((w) => /leaderboard/.test(w))).toEqual([expect.stringMatching(/set "leaderboard": \{ "show": false \}/)]);
    expect(launchCheck(load({ ...t, leaderboard: { show: false } })).warnings.filter((w) => /leaderboard/.test(w))).toEqual([]);
    expect(launchCheck(example("ids-pivotal-incomplete-3.json")).warnings.join("\n")).toMatch(/leaderboard of total points.*α_i/);
    expect(launchCheck(example("ids-investment-classroom.json")).warnings.filter((w) => /leaderboard/.test(w))).toEqual([expect.stringMatching(/α, c, q and their row of W/)]);
  });
});

describe("launch check: every shipped treatment", () => {
  it.each([
    ["ids-investment-3.json", "ids-nash-social"],
    ["ids-pivotal-incomplete-3.json", "ids-pivotal"],
    ["ids-externality-4.json", "ids-externality"],
    ["ssg-defense-recommendation.json", "ssg-mechanisms"],
    ["cip-contracts-menu-integer-3.json", "cip-menu"],
  ])("%s has theory (%s), not the live monitor, and readable text", (file, id) => {
    const c = launchCheck(example(file));
    expect(c.sections.map((s) => s.id)).toContain(id);
    expect(c.sections.map((s) => s.id)).not.toContain("monitor");
    const text = launchCheckText(c);
    expect(text).toContain(`== ${section(c, id).title} ==`);
    expect(text).not.toMatch(/\d\.\d{6,}/); // rounded for reading
  });
});

describe("launch check: the completion link", () => {
  it("warns when mechlab's per-seat code would be sent to Prolific, not for the study's own code", () => {
    const withCode = launchCheck(load({ ...raw("ids-investment-3.json"), completionUrl: "https://app.prolific.com/submissions/complete?cc={code}" }));
    expect(withCode.warnings.join("\n")).toMatch(/only recognises the completion code of your study/);
    const fixed = launchCheck(load({ ...raw("ids-investment-3.json"), completionUrl: "https://app.prolific.com/submissions/complete?cc=C1A2B3C4" }));
    expect(fixed.warnings.join("\n")).not.toMatch(/completion code of your study/);
  });
});
