/**
 * Completeness of the NSE search (docs/papers/ssg.md §4.5): on every family of small games the solver
 * returns an NSE, and the exhaustive Definition 2.1 check (deviation.ts, which shares no code with the
 * search or the certificate) finds no profitable pessimistic deviation from it.
 */
import { describe, expect, it } from "vitest";
import { checkNseCertificate } from "./certificate";
import { nseDeviationMargins } from "./deviation";
import { combineCoverage, coverageForLevel, numTargets, type SsgInstance } from "./model";
import { solveNse, trySolveNse } from "./nse";
import { floorOpenGame, randomInstances, section45Game, type InstanceKind } from "./testing";

const maxMargin = (g: SsgInstance, X: number[][], tau: number) =>
  Math.max(0, ...nseDeviationMargins(g, { defenderCoverage: X, target: tau }).map((w) => (w ? w.delta : 0)));

describe("NSE search completeness", () => {
  it("finds a certified NSE of the §4.5 game (exact budgets, every defender spends her unit) that survives the exhaustive check", () => {
    const r = solveNse(section45Game);
    expect(r.method).toBe("exact-budget");
    expect(r.certificate.ok).toBe(true);
    expect(r.certificate.a3.filter((x) => x !== "inactive")).toEqual(["budget", "budget", "budget"]);
    r.defenderCoverage.slice(1).forEach((ci) => expect(ci.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 9));
    // every target above the attacker level is covered exactly to that level (eq. (2), all tie at u)
    const c = combineCoverage(r.defenderCoverage, numTargets(section45Game));
    c.forEach((ct, t) => expect(ct).toBeCloseTo(coverageForLevel(section45Game, t, r.attackerUtility), 12));
    expect(maxMargin(section45Game, r.defenderCoverage, r.target)).toBeLessThan(1e-7);
  });

  it("finds a floor NSE of the game no earlier stage solved (spare resources kept next to a fully covered target)", () => {
    const r = solveNse(floorOpenGame);
    expect(r.method).toBe("exact-floor");
    expect(r.certificate.ok).toBe(true);
    expect(r.certificate.a3).toContain("full-target");
    expect(r.attackerUtility).toBeCloseTo(Math.max(...floorOpenGame.attacker.penalty), 12);
    expect(maxMargin(floorOpenGame, r.defenderCoverage, r.target)).toBeLessThan(1e-7);
  });

  const families: [InstanceKind, number][] = [
    ["generic", 1],
    ["generic", 2],
    ["rank", 1],
    ["identical-attacker", 1],
    ["zero-sum", 1],
    ["ties", 2],
  ];
  it.each(families)("family %s (k_i ≤ %i, zero-resource defenders included): an NSE for every game, each passing Definition 2.1 exhaustively", (kind, maxK) => {
    const games = randomInstances(`nse-complete-${kind}-${maxK}`, 30, [2, 3], [3, 5], kind, maxK);
    expect(games.some((g) => g.defenders.some((d) => d.resources === 0))).toBe(true);
    for (const g of games) {
      const r = trySolveNse(g);
      expect(r.ok, r.ok ? "" : `${JSON.stringify(g)}: ${r.error}`).toBe(true);
      if (!r.ok) continue;
      expect(checkNseCertificate(g, r.nse).ok).toBe(true);
      expect(maxMargin(g, r.nse.defenderCoverage, r.nse.target)).toBeLessThan(1e-7);
    }
  });
});
