/**
 * Exact-budget stage of the NSE search (docs/papers/ssg.md §4.2, stage 4): reached only when neither
 * the interior crossings nor the floor gave a certified profile.
 *
 * By Theorem A′ of the note, an NSE in which no best response is fully covered is exactly a level u,
 * a target τ and a split of the coverage z(u) among the allowed pairs W(u, τ) (Theorem A's (A2)) in
 * which every active defender spends exactly k_i (A3). The interior stage only tries the max-waste
 * profile at the highest level where resources can be absorbed; when some defender is not binding
 * there, an exact split usually exists at lower levels with less waste (the 4-defender game of §4.5
 * has a continuum of them). This stage looks for one directly: on each interval of τ's scan (W fixed)
 * it solves the n equations usage_i(u, w) = k_i in the unknowns u ∈ [a, b] and the shares w_it ≥ 0 with
 * Σ_i w_it = 1 of each target (c^i_t = 1 − (1 − z_t(u))^{w_it}, so eq. (2) gives z_t(u) exactly), by a
 * Levenberg–Marquardt method from deterministic starts (the max-waste maximisers at the interval's
 * ends, equal shares, and seeded pseudo-random shares). Every solution is offered to the Theorem A
 * certificate; nothing uncertified is returned.
 */
import { makeRng, seedFrom } from "@/lib/core/rng";
import { lmStep } from "./linalg";
import { at, coverageForLevel, defenderUtility, numTargets, payoffScale, type SsgInstance } from "./model";
import { breakpoints, buildProblem, intervalScreen } from "./nse-scan";
import { maxWaste } from "./waste";

/** A profile found by the exact-budget stage (not yet certified). */
export interface ExactCandidate {
  readonly tau: number;
  readonly u: number;
  readonly defenderCoverage: number[][];
}

interface Pair {
  readonly i: number;
  readonly t: number;
}

interface IntervalSystem {
  readonly g: SsgInstance;
  readonly a: number;
  readonly b: number;
  /** Pairs grouped by target (every group non-empty). */
  readonly groups: readonly (readonly Pair[])[];
  readonly active: readonly number[];
  /** Floor stage: coverage already spent per defender on fully covered targets (default none). */
  readonly fixedUsage?: readonly number[];
  /** Floor stage: defenders who may keep spare resources (A3's second clause): usage ≤ k_i only. */
  readonly mayKeep?: ReadonlySet<number>;
}

const RANDOM_STARTS = 6;
const MAX_ITER = 120;

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

/**
 * Level, per-pair coverage, residual usage − k (active defenders) and its Jacobian in (ν, θ).
 * Flat loops and typed rows: at m = 100, n = 10 this runs thousands of times per game.
 */
function evaluate(sys: IntervalSystem, nu: number, theta: readonly number[]) {
  const { g, a, b, groups, active } = sys;
  const s = sigmoid(nu);
  const u = a + (b - a) * s;
  const dudnu = (b - a) * s * (1 - s);
  const n = g.defenders.length;
  const usage = new Float64Array(n);
  const nVar = 1 + theta.length;
  const dUsage = Array.from({ length: n }, () => new Float64Array(nVar));
  const cov: number[] = [];
  const w: number[] = [];
  let k0 = 0;
  for (const grp of groups) {
    const t = at(grp, 0).t;
    const r = at(g.attacker.reward, t);
    const delta = r - at(g.attacker.penalty, t);
    const z = Math.min(1, Math.max(0, (r - u) / delta));
    const L = Math.log1p(-z);
    const dL = z > 0 && z < 1 ? 1 / delta / (1 - z) : 0;
    const len = grp.length;
    let mx = -Infinity;
    for (let k = 0; k < len; k++) mx = Math.max(mx, theta[k0 + k]!);
    let sum = 0;
    for (let k = 0; k < len; k++) {
      const e = Math.exp(theta[k0 + k]! - mx);
      w[k] = e;
      sum += e;
    }
    for (let k = 0; k < len; k++) w[k] = w[k]! / sum;
    for (let k = 0; k < len; k++) {
      const i = grp[k]!.i;
      const wk = w[k]!;
      const y = Math.exp(L * wk); // 1 − c
      const c = -Math.expm1(L * wk);
      cov.push(c);
      usage[i] = (usage[i] ?? 0) + c;
      const row = dUsage[i] ?? new Float64Array(nVar);
      row[0] = (row[0] ?? 0) - y * wk * dL * dudnu;
      const f = y * L * wk;
      for (let l = 0; l < len; l++) {
        const dw = (k === l ? 1 : 0) - w[l]!;
        row[1 + k0 + l] = (row[1 + k0 + l] ?? 0) - f * dw;
      }
    }
    k0 += len;
  }
  const excess = (i: number) => (usage[i] ?? 0) + (sys.fixedUsage?.[i] ?? 0) - at(g.defenders, i).resources;
  const keeps = (i: number) => sys.mayKeep?.has(i) === true && excess(i) < 0;
  const res = active.map((i) => (keeps(i) ? 0 : excess(i)));
  const J = active.map((i) => (keeps(i) ? new Float64Array(nVar) : (dUsage[i] ?? new Float64Array(nVar))));
  return { u, cov, res, J };
}

/** Levenberg–Marquardt from one start; the solution (u, coverage per pair) or null. */
function solveFrom(sys: IntervalSystem, nu0: number, theta0: readonly number[]): { u: number; cov: number[] } | null {
  let nu = nu0;
  let theta = theta0.slice();
  let ev = evaluate(sys, nu, theta);
  let norm = ev.res.reduce((x, r) => x + r * r, 0);
  let rho = 1e-3;
  for (let it = 0; it < MAX_ITER && norm > 1e-26; it++) {
    let accepted = false;
    for (let tries = 0; tries < 25; tries++) {
      const d = lmStep(ev.J, ev.res, rho);
      if (d) {
        const nu2 = nu + at(d, 0);
        const th2 = theta.map((v, k) => v + at(d, k + 1));
        const ev2 = evaluate(sys, nu2, th2);
        const n2 = ev2.res.reduce((x, r) => x + r * r, 0);
        if (n2 < norm) {
          nu = nu2;
          theta = th2;
          ev = ev2;
          norm = n2;
          rho = Math.max(1e-15, rho / 5);
          accepted = true;
          break;
        }
      }
      rho = rho * 10 + 1e-15;
    }
    if (!accepted) break;
  }
  return norm <= 1e-22 ? { u: ev.u, cov: ev.cov } : null;
}

/** Starting logits from a max-waste maximiser at level u (shares w = x / ln(1 − z)). */
function wasteStart(sys: IntervalSystem, u: number): number[] | null {
  const { g, groups } = sys;
  const caps = g.defenders.map(() => new Array<number>(numTargets(g)).fill(0));
  for (const grp of groups) for (const pr of grp) at(caps, pr.i)[pr.t] = 1;
  const prob = buildProblem(g, u, caps);
  const w = maxWaste(prob);
  if (w.status === "infeasible") return null;
  const theta: number[] = [];
  for (const grp of groups) {
    const j = prob.targets.findIndex((tg) => tg.t === at(grp, 0).t);
    const tg = prob.targets[j];
    for (const pr of grp) {
      const k = tg ? tg.pairs.findIndex((p) => p.i === pr.i) : -1;
      const x = tg && k >= 0 ? at(at(w.x, j), k) : 0;
      theta.push(Math.log(Math.max(1e-12, tg ? x / tg.L : 1)));
    }
  }
  return theta;
}

/**
 * The same search at the floor u = p* (docs/papers/ssg.md §4.2, stage 5): targets with p^a_t = p* (T*)
 * are fully covered by one owner each (tried in index order over the willing defenders, at most 64
 * combinations), every other target with r^a_t > p* gets exactly z_t(p*) split over the willing
 * defenders; defenders willing on some T* target may keep spare resources (A3's second clause), the
 * others must spend exactly k_i. τ: T* first, then the other floor best responses, each by index.
 */
export function exactFloorSearch(g: SsgInstance, offer: (c: ExactCandidate) => boolean, note: (msg: string) => void): void {
  const m = numTargets(g);
  const n = g.defenders.length;
  const scale = payoffScale(g);
  const pStar = Math.max(...g.attacker.penalty);
  const z = Array.from({ length: m }, (_, t) => coverageForLevel(g, t, pStar));
  const all = Array.from({ length: m }, (_, t) => t);
  const tStar = all.filter((t) => at(g.attacker.penalty, t) === pStar);
  const order = [...tStar, ...all.filter((t) => at(g.attacker.reward, t) >= pStar && !tStar.includes(t))];
  const active = g.defenders.map((d, i) => (d.resources > 0 ? i : -1)).filter((i) => i >= 0);
  for (const tau of order) {
    const willing = (i: number, t: number) =>
      at(g.defenders, i).resources > 0 && (t === tau || defenderUtility(g, i, z, t) <= defenderUtility(g, i, z, tau) + 1e-10 * scale);
    const owners = tStar.map((t) => active.filter((i) => willing(i, t)));
    if (owners.some((o) => o.length === 0)) continue;
    const mayKeep = new Set(active.filter((i) => tStar.some((t) => willing(i, t))));
    const groups: Pair[][] = [];
    let orphan = false;
    for (const t of all) {
      if (tStar.includes(t) || !(at(z, t) > 0)) continue;
      const grp = active.filter((i) => willing(i, t)).map((i) => ({ i, t }));
      if (grp.length === 0) orphan = true;
      groups.push(grp);
    }
    if (orphan) continue;
    const nPairs = groups.reduce((x, grp) => x + grp.length, 0);
    let combos = 0;
    const pick = new Array<number>(tStar.length).fill(0);
    for (;;) {
      if (combos++ >= 64) break;
      const fixedUsage = new Array<number>(n).fill(0);
      tStar.forEach((_, j) => {
        const o = at(at(owners, j), at(pick, j));
        fixedUsage[o] = at(fixedUsage, o) + 1;
      });
      if (active.every((i) => at(fixedUsage, i) <= at(g.defenders, i).resources)) {
        const sys: IntervalSystem = { g, a: pStar, b: pStar, groups, active, fixedUsage, mayKeep };
        const rng = makeRng(seedFrom(`nse-exact-floor:${tau}:${combos}`));
        const starts = [new Array<number>(nPairs).fill(0), ...Array.from({ length: RANDOM_STARTS }, () => Array.from({ length: nPairs }, () => (rng.next() - 0.5) * 8))];
        for (const theta of starts) {
          const sol = solveFrom(sys, 0, theta);
          if (!sol) continue;
          const X = g.defenders.map(() => new Array<number>(m).fill(0));
          tStar.forEach((t, j) => (at(X, at(at(owners, j), at(pick, j)))[t] = 1));
          let k = 0;
          for (const grp of groups) for (const pr of grp) at(X, pr.i)[pr.t] = at(sol.cov, k++);
          if (offer({ tau, u: pStar, defenderCoverage: X })) return;
        }
      }
      // next owner combination (odometer)
      let j = 0;
      while (j < pick.length && at(pick, j) + 1 >= at(owners, j).length) pick[j++] = 0;
      if (j >= pick.length) break;
      pick[j] = at(pick, j) + 1;
    }
    note(`exact floor tau ${tau}: no exact split found`);
  }
}

/**
 * Search every τ (by decreasing r^a_τ, then index) and every interval of its scan (from the top
 * down) for an exact-budget profile; `offer` returns true to accept and stop.
 */
export function exactBudgetSearch(g: SsgInstance, offer: (c: ExactCandidate) => boolean, note: (msg: string) => void): void {
  const m = numTargets(g);
  const scale = payoffScale(g);
  const pStar = Math.max(...g.attacker.penalty);
  const lo = pStar + 1e-9 * scale;
  const active = g.defenders.map((d, i) => (d.resources > 0 ? i : -1)).filter((i) => i >= 0);
  const K = active.reduce((s, i) => s + at(g.defenders, i).resources, 0);
  const taus = Array.from({ length: m }, (_, t) => t).sort((x, y) => at(g.attacker.reward, y) - at(g.attacker.reward, x) || x - y);
  for (const tau of taus) {
    const hi = at(g.attacker.reward, tau);
    if (!(hi > lo)) continue;
    const pts = breakpoints(g, tau, lo, hi);
    const screen = intervalScreen(g, tau);
    for (let j = 0; j + 1 < pts.length; j++) {
      const b = at(pts, j);
      const a = at(pts, j + 1);
      const mid = (a + b) / 2;
      // the scan's allowed pairs and necessary conditions of M(a; W) ≥ 0 (checked below), on flat arrays
      const caps = screen.at(mid, a, K);
      if (caps === null) continue;
      const groups: Pair[][] = [];
      let orphan = false;
      for (let t = 0; t < m; t++) {
        if (!(at(g.attacker.reward, t) > mid)) continue;
        const grp = active.filter((i) => at(at(caps, i), t) > 0).map((i) => ({ i, t }));
        if (grp.length === 0) orphan = true;
        groups.push(grp);
      }
      if (orphan) continue;
      // necessary: all resources can be absorbed at the bottom of the interval (M(a; W) ≥ 0)
      const bottom = maxWaste(buildProblem(g, a, caps), undefined, { signOnly: true });
      if (bottom.status === "infeasible" || !(bottom.M >= 0)) continue;
      const sys: IntervalSystem = { g, a, b, groups, active };
      const nPairs = groups.reduce((x, grp) => x + grp.length, 0);
      const rng = makeRng(seedFrom(`nse-exact:${tau}:${j}`));
      const starts: { nu: number; theta: number[] }[] = [];
      for (const [u, nu] of [[a, -4], [mid, 0], [b, 4]] as const) {
        const th = wasteStart(sys, u);
        if (th) starts.push({ nu, theta: th });
      }
      starts.push({ nu: 0, theta: new Array<number>(nPairs).fill(0) });
      for (let s = 0; s < RANDOM_STARTS; s++)
        starts.push({ nu: (rng.next() - 0.5) * 6, theta: Array.from({ length: nPairs }, () => (rng.next() - 0.5) * 8) });
      for (const st of starts) {
        const sol = solveFrom(sys, st.nu, st.theta);
        if (!sol) continue;
        const X = g.defenders.map(() => new Array<number>(m).fill(0));
        let k = 0;
        for (const grp of groups) for (const pr of grp) at(X, pr.i)[pr.t] = at(sol.cov, k++);
        if (offer({ tau, u: sol.u, defenderCoverage: X })) return;
      }
      note(`exact-budget tau ${tau} on [${a}, ${b}]: no exact split found from ${starts.length} starts`);
    }
  }
}
