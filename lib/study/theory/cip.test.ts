/**
 * The CIP launch check compares like with like (findings B4): next to the LP's planned objective (every
 * contract paid in full) it shows the expected value in play (truthful CIs, over-budget rule) and warns
 * when a contract exceeds R, when truthful play is often rationed, or when the menu loses to the equal
 * split in play.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadTreatment } from "../../engine";
import { games } from "../../games/registry";
import { launchCheck, type LaunchCheck } from "../launch-check";

const menu4 = JSON.parse(readFileSync(join(import.meta.dirname, "../../../examples/treatments/cip-contracts-menu-4.json"), "utf8"));

function check(params: Record<string, unknown>): LaunchCheck {
  const r = loadTreatment({ ...menu4, params: { ...menu4.params, ...params } }, games);
  if (!r.ok) throw new Error(r.errors.join("\n"));
  return launchCheck(r.value);
}
const metric = (c: LaunchCheck, label: string) => c.sections.find((s) => s.id === "cip-equal-split")!.metrics.find((m) => m.label === label)?.value;

// Fig. 1's instance with one CI: the LP puts r ≈ 1198 > R = 600 on the type-3 contract.
const FIG1_N1 = {
  types: [20, 60, 100].map((r, i) => ({ theta: i + 1, phi: 0, probability: i === 0 ? 0.34 : 0.33, minResources: r, rewardRate: 2 * (i + 1) })),
  resources: 600,
  weighting: "expected",
  cis: 1,
};

describe("CIP launch check: planned vs played", () => {
  it("one CI, Fig. 1's instance: planned ratio 1.63 but in play the menu earns less than the equal split; three warnings", () => {
    const c = check(FIG1_N1);
    expect(metric(c, "CC objective, optimal menu")).toBe(7125.2);
    expect(metric(c, "CC objective, equal split")).toBe(4362);
    // E = 0.34·τ₁(ρ₁−1)r₁ + 0.33·τ₂(ρ₂−1)r₂ + 0.33·3·5·600 (contract 3 cut to R) vs the equal split 4362
    expect(metric(c, "Expected CC utility in play, equal split")).toBe(4362);
    expect(metric(c, "Expected CC utility in play, menu") as number).toBeLessThan(4362);
    expect(metric(c, "In play: menu / equal split") as number).toBeLessThan(1);
    expect(metric(c, "Rounds rationed with truthful play")).toBe("33 %");
    const w = c.warnings.join("\n");
    expect(w).toMatch(/contract 3 \(r = 1198\.38\d*\) asks for more than R = 600/);
    expect(w).toMatch(/ask for more than R in 33 % of rounds/);
    expect(w).toMatch(/less than the equal split/);
  });

  it("the shipped menu-4 treatment: expected in play 11 275.7 vs 8 125 (planned 3155 vs 2031.25 per CI); rationed in 43.8 % of rounds", () => {
    const c = check({});
    expect(metric(c, "Expected CC utility in play, menu")).toBe(11275.7422);
    expect(metric(c, "Expected CC utility in play, equal split")).toBe(8125);
    expect(metric(c, "Rounds rationed with truthful play")).toBe("43.8 %");
    expect(c.warnings.join("\n")).toMatch(/43\.8 % of rounds/);
    expect(c.warnings.join("\n")).not.toMatch(/less than the equal split|on its own/);
  });

  it("fixed types (2, 4, 4, 4): the one profile played, 17 640 (two type-4 contracts signed) vs 14 625", () => {
    const c = check({ fixedTypes: [2, 4, 4, 4] });
    expect(metric(c, "Expected CC utility in play, menu")).toBe(17640);
    expect(metric(c, "Expected CC utility in play, equal split")).toBe(14625);
    expect(metric(c, "Rounds rationed with truthful play")).toBe("100 %");
  });
});
