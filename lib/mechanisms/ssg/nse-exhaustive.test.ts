/**
 * NSE completeness against an independent exhaustive search (docs/solvers.md): on small games
 * (m ≤ 4 targets, n ≤ 3 defenders) of every family — generic, rank payoffs, identical attacker targets,
 * zero-sum-like, ties (small integers), zero-resource defenders — the solver finds a certified NSE
 * whenever the exhaustive search (nse-exhaustive.ts, no shared code) finds one, and when the solver
 * reports none the exhaustive search proves that none exists. Every profile either side returns is checked
 * with the exhaustive Definition 2.1 check (deviation.ts) and the attacker's best response.
 * MECHLAB_NSE_EXHAUSTIVE_GAMES sets the games per family (default 12).
 */
import { describe, expect, it } from "vitest";
import { checkNseCertificate } from "./certificate";
import { nseDeviationMargins } from "./deviation";
import { combineCoverage, type SsgInstance } from "./model";
import { exhaustiveNseSearch, openStructures } from "./nse-exhaustive";
import { trySolveNse } from "./nse";
import { randomInstances, theorem32, type InstanceKind } from "./testing";

const GAMES = Number(process.env.MECHLAB_NSE_EXHAUSTIVE_GAMES ?? 12);

/** Definition 2.1, checked exhaustively: τ is a best response and no defender has a profitable pessimistic deviation. */
function isNse(g: SsgInstance, X: number[][], tau: number): boolean {
  const m = g.attacker.reward.length;
  const scale = Math.max(1, ...[g.attacker, ...g.defenders].flatMap((p) => [...p.reward, ...p.penalty].map(Math.abs)));
  const c = combineCoverage(X, m);
  const ua = c.map((ct, t) => g.attacker.penalty[t]! * ct + g.attacker.reward[t]! * (1 - ct));
  if (ua[tau]! < Math.max(...ua) - 1e-9 * scale) return false;
  if (X.some((ci, i) => ci.some((x) => x < -1e-12 || x > 1 + 1e-12) || ci.reduce((a, b) => a + b, 0) > g.defenders[i]!.resources + 1e-9)) return false;
  return nseDeviationMargins(g, { defenderCoverage: X, target: tau }).every((w) => w === null || w.delta <= 1e-7 * scale);
}

const families: [string, InstanceKind, [number, number], [number, number], number][] = [
  ["generic", "generic", [2, 3], [2, 4], 1],
  ["generic, k_i ≤ 2", "generic", [2, 3], [3, 4], 2],
  ["rank payoffs", "rank", [2, 3], [2, 4], 1],
  ["identical attacker targets", "identical-attacker", [2, 3], [2, 4], 1],
  ["zero-sum-like", "zero-sum", [2, 3], [2, 4], 1],
  ["ties (small integers)", "ties", [2, 3], [2, 4], 2],
];

describe("NSE search against an exhaustive existence check", () => {
  it("the exhaustive check finds the NSEs of the known games and certifies them", () => {
    for (const g of [theorem32]) {
      const r = exhaustiveNseSearch(g);
      expect(r.kind).toBe("found");
      if (r.kind === "found") expect(isNse(g, r.defenderCoverage, r.target)).toBe(true);
    }
  });

  it.each(families)("%s: the solver finds a certified NSE whenever the exhaustive search does; none only where it proves none", { timeout: 300_000 }, (name, kind, n, m, maxK) => {
    const games = randomInstances(`nse-exhaustive-${kind}-${maxK}`, GAMES, n, m, kind, maxK);
    const tally = { found: 0, none: 0, inconclusive: 0, solver: 0, zeroResource: 0 };
    for (const g of games) {
      if (g.defenders.some((d) => d.resources === 0)) tally.zeroResource++;
      const ex = exhaustiveNseSearch(g);
      const sv = trySolveNse(g);
      const what = JSON.stringify(g);
      if (ex.kind === "found") {
        expect(isNse(g, ex.defenderCoverage, ex.target), `exhaustive profile is not an NSE: ${what}`).toBe(true);
        expect(sv.ok, `exhaustive search found an NSE, the solver none: ${what}`).toBe(true);
      }
      if (!sv.ok) expect(ex.kind, `the solver found no NSE, the exhaustive search did not prove none: ${what}`).toBe("none");
      if (sv.ok) {
        tally.solver++;
        expect(checkNseCertificate(g, sv.nse).ok).toBe(true);
        expect(isNse(g, sv.nse.defenderCoverage, sv.nse.target), `solver's NSE fails Definition 2.1: ${what}`).toBe(true);
        expect(ex.kind, `the exhaustive search "proved" none but the solver certified one: ${what}`).not.toBe("none");
        // the exclusion step is sound: the solver's NSE lies in a structure it left open
        const u = sv.nse.attackerUtility;
        const slack = 1e-9 * Math.max(1, Math.abs(u));
        const open = openStructures(g).filter((st) => st.tau === sv.nse.target && u >= st.lo - slack && u <= st.hi + slack);
        expect(open.length, `the solver's NSE (τ ${sv.nse.target}, u ${u}) lies in an excluded structure: ${what}`).toBeGreaterThan(0);
      }
      tally[ex.kind]++;
    }
    console.log(`nse-exhaustive ${name}: ${games.length} games, exhaustive found ${tally.found} / none ${tally.none} / inconclusive ${tally.inconclusive}; solver certified ${tally.solver}; games with a zero-resource defender ${tally.zeroResource}`);
  });
});
