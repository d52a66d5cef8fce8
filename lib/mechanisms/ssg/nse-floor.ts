/**
 * Floor stage of the NSE search (docs/papers/ssg.md, "FloorCase"): resources are abundant, so the
 * attacker is pushed to the floor u = p* = max_t p^a_t. Targets T* with p^a_t = p* must be fully
 * covered; every other target t with r^a_t > p* gets exactly z_t(p*).
 *
 * For a candidate τ (T* first, then the other floor best responses, each by index) Theorem A needs:
 * each covered pair (i,t) has U_i(z,t) ≤ U_i(z,τ); defenders E who accept some T* target may keep spare
 * resources (A3's second clause), the others (S) must spend exactly k_i.
 *
 * We solve a small transportation MIP with solveLp (one binary owner per T* target, additive shares
 * f_it elsewhere, Σ_t f_it = k_i for S and ≤ k_i for E), then turn additive shares into independent
 * coverages that reproduce z_t exactly under eq. (2): the sharers of t, S first then E, each by index,
 * get c_j = f_j / (1 − f_1 − … − f_{j−1}). The later sharers pay a little more than f_j. When that
 * overruns a budget, the split targets of the overrunning defenders must have a single owner in the
 * next round (binary variables); if none was split, their budgets shrink by the overrun (≤ 8 rounds). The LP only fixes the structure: coverages are
 * recomputed exactly from z, so the certificate is not blurred by the solver's 8-decimal rounding.
 */
import { solveLp, type LpConstraint } from "@/lib/lp/lp";
import { at, coverageForLevel, defenderUtility, numTargets, payoffScale, type SsgInstance } from "./model";

/**
 * Time bound of one transportation MIP (branch and bound). Games of the treatments' sizes (m ≤ 10,
 * n ≤ 4) solve it in milliseconds; at m = 100, n = 10 one took minutes. A MIP stopped by the bound
 * yields the best structure found or none; whatever it yields is still certified (Theorem A), and
 * when the floor stage finds nothing the exact stages follow.
 */
export const FLOOR_MIP_TIMEOUT_MS = 250;
/**
 * The bound applies only to games with more target–defender pairs than this: the treatments' games
 * (at most 10 × 4) never depend on the clock, even on a machine that pauses the process.
 */
export const FLOOR_MIP_TIMEOUT_MIN_PAIRS = 100;

/** A floor profile (not yet certified). */
export interface FloorCandidate {
  readonly tau: number;
  readonly defenderCoverage: number[][];
}

/** Try each floor target τ in the documented order; `offer` returns true to accept and stop. */
export function floorSearch(g: SsgInstance, offer: (c: FloorCandidate) => boolean, note: (m: string) => void): void {
  const m = numTargets(g);
  const n = g.defenders.length;
  const scale = payoffScale(g);
  const tolU = 1e-10 * scale;
  const pStar = Math.max(...g.attacker.penalty);
  const z = Array.from({ length: m }, (_, t) => coverageForLevel(g, t, pStar));
  const Tstar = Array.from({ length: m }, (_, t) => t).filter((t) => at(g.attacker.penalty, t) === pStar);
  const B = Array.from({ length: m }, (_, t) => t).filter((t) => at(g.attacker.reward, t) >= pStar);
  const order = [...Tstar, ...B.filter((t) => !Tstar.includes(t))];
  const need = B.filter((t) => at(z, t) > 0);
  tauLoop: for (const tau of order) {
    const v = g.defenders.map((_, i) => defenderUtility(g, i, z, tau));
    const ok = (i: number, t: number) =>
      at(g.defenders, i).resources > 0 && (t === tau || defenderUtility(g, i, z, t) <= at(v, i) + tolU);
    const orphan = need.find((t) => !g.defenders.some((_, i) => ok(i, t)));
    if (orphan !== undefined) {
      note(`floor tau ${tau}: target ${orphan} has no willing defender`);
      continue;
    }
    const E = new Set(g.defenders.map((_, i) => i).filter((i) => Tstar.some((t) => ok(i, t))));
    const adj = new Array<number>(n).fill(0);
    const whole = new Set<number>(Tstar); // targets that must have a single owner (binary variables)
    let done = false;
    for (let round = 0; round < 8 && !done; round++) {
      const vars: string[] = [];
      const ints: string[] = [];
      const cons: LpConstraint[] = [];
      const objective: Record<string, number> = {};
      const budget: Record<number, Record<string, number>> = {};
      const name = (i: number, t: number) => `${whole.has(t) ? "b" : "f"}_${i}_${t}`;
      for (const t of need) {
        const row: Record<string, number> = {};
        for (let i = 0; i < n; i++) {
          if (!ok(i, t)) continue;
          const v = name(i, t);
          vars.push(v);
          row[v] = 1;
          objective[v] = (whole.has(t) ? at(z, t) : 1) * (1 + i / (n + 1));
          (budget[i] ??= {})[v] = whole.has(t) ? at(z, t) : 1;
          if (whole.has(t)) {
            ints.push(v);
            cons.push({ name: `${v}_le1`, coeffs: { [v]: 1 }, relation: "<=", rhs: 1 });
          }
        }
        cons.push({ name: `cover_${t}`, coeffs: row, relation: "=", rhs: whole.has(t) ? 1 : at(z, t) });
      }
      for (let i = 0; i < n; i++) {
        const k = at(g.defenders, i).resources;
        if (k === 0) continue;
        const row = budget[i] ?? {};
        if (E.has(i)) cons.push({ name: `budget_${i}`, coeffs: row, relation: "<=", rhs: k - at(adj, i) });
        else if (Object.keys(row).length > 0) cons.push({ name: `budget_${i}`, coeffs: row, relation: "=", rhs: k - at(adj, i) });
        else {
          note(`floor tau ${tau}: defender ${i} must spend ${k} but may cover nothing`);
          continue tauLoop;
        }
      }
      const res = solveLp({ direction: "min", variables: vars, objective, constraints: cons, integers: ints }, 1e-6, m * n > FLOOR_MIP_TIMEOUT_MIN_PAIRS ? { timeoutMs: FLOOR_MIP_TIMEOUT_MS } : {});
      if (res.status !== "optimal") {
        note(`floor tau ${tau}: transportation problem ${res.status} (round ${round})`);
        break;
      }
      const X = g.defenders.map(() => new Array<number>(m).fill(0));
      const splitBy = new Map<number, number[]>(); // target → sharers
      for (const t of need) {
        const sharers: { i: number; f: number }[] = [];
        for (let i = 0; i < n; i++) {
          const f = ok(i, t) ? (res.values[name(i, t)] ?? 0) : 0;
          if (f > 1e-9) sharers.push({ i, f });
        }
        if (sharers.length === 0) continue;
        if (whole.has(t)) {
          const owner = sharers.reduce((a, b) => (b.f > a.f ? b : a));
          at(X, owner.i)[t] = at(z, t);
          continue;
        }
        const tot = sharers.reduce((s2, x) => s2 + x.f, 0);
        sharers.sort((a, b) => Number(E.has(a.i)) - Number(E.has(b.i)) || a.i - b.i);
        if (sharers.length > 1) splitBy.set(t, sharers.map((x) => x.i));
        let cum = 0;
        for (const sh of sharers) {
          const f = (sh.f * at(z, t)) / tot;
          at(X, sh.i)[t] = Math.min(1, f / (1 - cum));
          cum += f;
        }
      }
      polishExact(g, X, E, z);
      const over: number[] = [];
      for (let i = 0; i < n; i++) {
        const k = at(g.defenders, i).resources;
        const excess = at(X, i).reduce((s2, x) => s2 + x, 0) - k;
        if (excess > 1e-12 * Math.max(1, k)) over.push(i);
      }
      if (over.length > 0) {
        // make the split targets of overrunning defenders single-owner; otherwise shrink their budgets
        let changed = false;
        for (const [t, who] of splitBy)
          if (who.some((i) => over.includes(i))) {
            whole.add(t);
            changed = true;
          }
        if (!changed)
          for (const i of over) adj[i] = at(adj, i) + at(X, i).reduce((s2, x) => s2 + x, 0) - at(g.defenders, i).resources + 1e-9;
        continue;
      }
      done = true;
      if (offer({ tau, defenderCoverage: X })) return;
    }
  }
}

/**
 * Make each S defender (not in E) spend exactly k_i by moving share on one target she shares with an
 * E defender (she is first in the product order there, so her usage moves one for one).
 */
function polishExact(g: SsgInstance, X: number[][], E: Set<number>, z: readonly number[]): void {
  const m = numTargets(g);
  g.defenders.forEach((d, i) => {
    if (E.has(i) || d.resources === 0) return;
    const ci = at(X, i);
    const delta = d.resources - ci.reduce((s, x) => s + x, 0);
    if (delta === 0) return;
    for (let t = 0; t < m; t++) {
      if (at(ci, t) <= 0) continue;
      const others = X.map((_, j) => j).filter((j) => j !== i && at(at(X, j), t) > 0);
      if (others.length === 0 || others.some((j) => !E.has(j))) continue;
      const ni = at(ci, t) + delta;
      if (!(ni > 0 && ni < at(z, t))) continue;
      // keep the product: scale the E sharers' (1 − c) so that Π = 1 − z_t
      const rest = (1 - at(z, t)) / (1 - ni);
      const cur = others.reduce((q, j) => q * (1 - at(at(X, j), t)), 1);
      const f = Math.pow(rest / cur, 1 / others.length);
      ci[t] = ni;
      for (const j of others) at(X, j)[t] = 1 - (1 - at(at(X, j), t)) * f;
      return;
    }
  });
}
