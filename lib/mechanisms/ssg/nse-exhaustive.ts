/**
 * An independent exhaustive NSE existence check for small games (tests only; docs/solvers.md,
 * "NSE completeness against an exhaustive search"). It shares no code with the solver (nse*.ts,
 * waste.ts, certificate.ts): only the instance type.
 *
 * In an NSE (X, τ) every covered target is a best response, so the attacker level u and the combined
 * coverage z_t(u) = clip((r^a_t − u)/(r^a_t − p^a_t), 0, 1) of every target are fixed by u ∈ [p*, max r^a]
 * (p* = max_t p^a_t), and defender i may cover t only if U_i(z, t) ≤ U_i(z, τ) (else moving coverage off t
 * pays). The structure — best-response set, allowed pairs W — is constant between breakpoints: the r^a_t
 * and the levels where some U_i(z(u), t) = U_i(z(u), τ) (linear equations in u, solved exactly). The
 * search visits every τ, every breakpoint and every open interval between two of them:
 *
 * 1. **Exclusion** (a proof that no NSE has this structure), from necessary conditions that are monotone
 *    in u on an interval and therefore checked exactly at its ends: a target with z_t > 0 that nobody may
 *    cover; a defender who must spend exactly k_i (no fully covered target she accepts) but can use at most
 *    Σ_{t ∈ W_i} z_t < k_i or must use at least her exclusive targets' z_t > k_i; total resources below the
 *    single-owner total Σ_t z_t, or, when nobody may keep spare resources, above the equal-split maximum
 *    Σ_t d_t (1 − (1 − z_t)^{1/d_t}).
 * 2. **Construction** otherwise: at levels on a grid in the interval (refined by golden section), the
 *    defenders' log-shares of each target are fitted to the budgets by exponentiated-gradient descent (a
 *    different method from the solver's Levenberg–Marquardt and dual Newton); full targets at the floor get
 *    an owner (all combinations). A profile whose budget residual is ≤ 1e-10 is returned; the caller
 *    certifies it with the exhaustive Definition 2.1 check (deviation.ts).
 *
 * The answer is `found` (a profile), `none` (every structure excluded: no NSE exists, up to the 1e-9
 * tolerances) or `inconclusive` (some structure neither excluded nor solved).
 */
import type { SsgInstance } from "./model";

export type ExhaustiveNse =
  | { kind: "found"; defenderCoverage: number[][]; target: number; level: number; structures: number }
  | { kind: "none"; structures: number }
  | { kind: "inconclusive"; structures: number; open: number };

export interface Structure {
  tau: number;
  /** A single level (a breakpoint) or an open interval (lo, hi). */
  lo: number;
  hi: number;
}

const GRID = 24;
const STARTS = 4;
const ITERATIONS = 800;
const RESIDUAL = 1e-10;

/**
 * The structures (τ and a level or open interval) the exclusion step cannot rule out: every NSE of the
 * game lies in one of them (tests check this on the solver's NSEs, which makes the `none` proofs testable).
 */
export function openStructures(g: SsgInstance): Structure[] {
  const open: Structure[] = [];
  exhaustiveNseSearch(g, (s) => open.push(s));
  return open;
}

/** The exhaustive search; with `onOpen`, only the exclusion step runs and each open structure is reported. */
export function exhaustiveNseSearch(g: SsgInstance, onOpen?: (s: Structure) => void): ExhaustiveNse {
  const ra = g.attacker.reward;
  const pa = g.attacker.penalty;
  const m = ra.length;
  const n = g.defenders.length;
  const k = g.defenders.map((d) => d.resources);
  const scale = Math.max(1, ...[g.attacker, ...g.defenders].flatMap((p) => [...p.reward, ...p.penalty].map(Math.abs)));
  const tieTol = 1e-9 * scale;
  const kTol = 1e-9 * Math.max(1, ...k);
  const z = (t: number, u: number) => Math.min(1, Math.max(0, (ra[t]! - u) / (ra[t]! - pa[t]!)));
  const ud = (i: number, t: number, zt: number) => g.defenders[i]!.penalty[t]! + zt * (g.defenders[i]!.reward[t]! - g.defenders[i]!.penalty[t]!);
  const pStar = Math.max(...pa);
  const rMax = Math.max(...ra);

  if (k.every((x) => x === 0) && !onOpen) {
    const tau = ra.indexOf(rMax);
    return { kind: "found", defenderCoverage: g.defenders.map(() => new Array<number>(m).fill(0)), target: tau, level: rMax, structures: 1 };
  }

  // breakpoints: the floor, the attacker rewards, and every preference flip U_i(z(u), t) = U_i(z(u), τ)
  const points = new Set<number>([pStar, rMax]);
  for (const t of ra.keys()) if (ra[t]! >= pStar) points.add(ra[t]!);
  // on a piece where target t is partly covered z_t = (r_t − u)/(r_t − p_t) (slope −1/(r_t − p_t)), else 0
  const linear = (t: number, covered: boolean): [number, number] => (covered ? [ra[t]! / (ra[t]! - pa[t]!), -1 / (ra[t]! - pa[t]!)] : [0, 0]);
  for (let i = 0; i < n; i++)
    for (let t = 0; t < m; t++)
      for (let tau = 0; tau < m; tau++) {
        if (t === tau) continue;
        for (const ct of [true, false])
          for (const cs of [true, false]) {
            const [a1, b1] = linear(t, ct);
            const [a2, b2] = linear(tau, cs);
            const d = g.defenders[i]!;
            const dt = d.reward[t]! - d.penalty[t]!;
            const ds = d.reward[tau]! - d.penalty[tau]!;
            // p_t + (a1 + b1 u) dt = p_τ + (a2 + b2 u) ds
            const slope = b1 * dt - b2 * ds;
            if (slope === 0) continue;
            const u = (d.penalty[tau]! + a2 * ds - d.penalty[t]! - a1 * dt) / slope;
            if (u > pStar && u < rMax) points.add(u);
          }
      }
  const levels = [...points].sort((a, b) => a - b);
  const structures: Structure[] = [];
  for (let tau = 0; tau < m; tau++) {
    for (const u of levels) structures.push({ tau, lo: u, hi: u });
    for (let j = 0; j + 1 < levels.length; j++) if (levels[j + 1]! - levels[j]! > 1e-12 * scale) structures.push({ tau, lo: levels[j]!, hi: levels[j + 1]! });
  }

  /** The allowed pairs and the kind of budget each defender has at level u (W taken at `probe`). */
  function shape(tau: number, probe: number) {
    const zs = ra.map((_, t) => z(t, probe));
    const br = ra.map((r) => r >= probe);
    const allowed = g.defenders.map((_, i) => ra.map((_, t) => k[i]! > 0 && br[t]! && (t === tau || ud(i, t, zs[t]!) <= ud(i, tau, zs[tau]!) + tieTol)));
    return { br, allowed };
  }

  /** Necessary conditions over [lo, hi] (z is largest at lo, smallest at hi); true = no NSE here. */
  function excluded(s: Structure): boolean {
    const probe = (s.lo + s.hi) / 2;
    if (!(ra[s.tau]! >= probe)) return true;
    const { br, allowed } = shape(s.tau, probe);
    const zHi = ra.map((_, t) => (br[t] ? z(t, s.lo) : 0));
    const zLo = ra.map((_, t) => (br[t] ? z(t, s.hi) : 0));
    const full = ra.map((_, t) => s.lo === s.hi && zHi[t]! >= 1);
    for (let t = 0; t < m; t++) if (zHi[t]! > 0 && !allowed.some((row) => row[t])) return true;
    const escaper = g.defenders.map((_, i) => full.some((f, t) => f && allowed[i]![t]));
    let total = 0;
    let maxTotal = 0;
    for (let t = 0; t < m; t++) {
      total += zLo[t]!;
      const d = allowed.filter((row) => row[t]).length;
      maxTotal += full[t] ? n : d > 0 ? d * (1 - Math.pow(1 - zHi[t]!, 1 / d)) : 0;
    }
    const K = k.reduce((a, b) => a + b, 0);
    if (K < total - kTol) return true;
    if (!escaper.some(Boolean) && K > maxTotal + kTol) return true;
    for (let i = 0; i < n; i++) {
      if (k[i] === 0) continue;
      let most = 0;
      let least = 0;
      for (let t = 0; t < m; t++) {
        if (!allowed[i]![t]) continue;
        most += full[t] ? 1 : zHi[t]!;
        if (allowed.every((row, j) => j === i || !row[t])) least += full[t] ? 1 : zLo[t]!;
      }
      if (least > k[i]! + kTol) return true;
      if (!escaper[i] && most < k[i]! - kTol) return true;
    }
    return false;
  }

  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };

  /** Fit shares at level u; returns the profile when every budget is met within RESIDUAL. */
  function construct(tau: number, u: number, probe: number): { X: number[][]; residual: number } | null {
    const { br, allowed } = shape(tau, probe);
    const zs = ra.map((_, t) => (br[t] ? z(t, u) : 0));
    const fullTargets = zs.flatMap((x, t) => (x >= 1 ? [t] : []));
    const owners = fullTargets.map((t) => g.defenders.flatMap((_, i) => (allowed[i]![t] ? [i] : [])));
    if (owners.some((o) => o.length === 0)) return null;
    let best: { X: number[][]; residual: number } | null = null;
    const combos = owners.reduce<number[][]>((acc, o) => acc.flatMap((c) => o.map((i) => [...c, i])), [[]]).slice(0, 64);
    for (const combo of combos) {
      const own = new Array<number>(n).fill(0);
      combo.forEach((i) => own[i]!++);
      const escaper = g.defenders.map((_, i) => fullTargets.some((t) => allowed[i]![t]));
      const need = k.map((x, i) => x - own[i]!);
      if (need.some((x) => x < -kTol)) continue;
      const rest = zs.flatMap((x, t) => (x > 0 && x < 1 ? [t] : []));
      const L = zs.map((x) => (x > 0 && x < 1 ? -Math.log1p(-x) : 0));
      const who = rest.map((t) => g.defenders.flatMap((_, i) => (allowed[i]![t] ? [i] : [])));
      if (who.some((w) => w.length === 0)) continue;
      const usage = (w: number[][]) => {
        const use = new Array<number>(n).fill(0);
        rest.forEach((t, r) => who[r]!.forEach((i, a) => (use[i]! += -Math.expm1(-w[r]![a]! * L[t]!))));
        return use;
      };
      const err = (use: number[]) => use.map((x, i) => (k[i] === 0 ? 0 : escaper[i] ? Math.max(0, x - need[i]!) : x - need[i]!));
      const loss = (w: number[][]) => err(usage(w)).reduce((a, e) => a + e * e, 0);
      for (let start = 0; start < STARTS; start++) {
        let w = who.map((ws) => {
          const raw = ws.map(() => (start === 0 ? 1 : 0.05 + random()));
          const sum = raw.reduce((a, b) => a + b, 0);
          return raw.map((x) => x / sum);
        });
        let f = loss(w);
        let eta = 1;
        for (let it = 0; it < ITERATIONS && f > RESIDUAL * RESIDUAL; it++) {
          const e = err(usage(w));
          const grad = w.map((ws, r) => ws.map((x, a) => 2 * e[who[r]![a]!]! * Math.exp(-x * L[rest[r]!]!) * L[rest[r]!]!));
          let moved = false;
          for (let tries = 0; tries < 30 && !moved; tries++) {
            const next = w.map((ws, r) => {
              const raw = ws.map((x, a) => x * Math.exp(-eta * grad[r]![a]!));
              const sum = raw.reduce((p, q) => p + q, 0);
              return raw.map((x) => Math.max(x / sum, 1e-300));
            });
            const fn = loss(next);
            if (fn < f) {
              w = next;
              f = fn;
              eta *= 1.5;
              moved = true;
            } else eta /= 2;
          }
          if (!moved) break;
        }
        const residual = Math.sqrt(f);
        if (!best || residual < best.residual) {
          const X = g.defenders.map(() => new Array<number>(m).fill(0));
          combo.forEach((i, j) => (X[i]![fullTargets[j]!] = 1));
          rest.forEach((t, r) => who[r]!.forEach((i, a) => (X[i]![t] = -Math.expm1(-w[r]![a]! * L[t]!))));
          best = { X, residual };
        }
        if (residual <= RESIDUAL) return best;
      }
    }
    return best;
  }

  let open = 0;
  for (const s of structures) {
    if (excluded(s)) continue;
    if (onOpen) {
      onOpen(s);
      continue;
    }
    const probe = (s.lo + s.hi) / 2;
    if (s.lo === s.hi) {
      const r = construct(s.tau, s.lo, probe);
      if (r && r.residual <= RESIDUAL) return { kind: "found", defenderCoverage: r.X, target: s.tau, level: s.lo, structures: structures.length };
      open++;
      continue;
    }
    // grid over the open interval, then golden section around the best grid level
    const at = (j: number) => s.lo + ((s.hi - s.lo) * (j + 0.5)) / GRID;
    const fit = (u: number) => construct(s.tau, u, probe)?.residual ?? Infinity;
    let bestJ = 0;
    let bestF = Infinity;
    for (let j = 0; j < GRID; j++) {
      const f = fit(at(j));
      if (f <= RESIDUAL) {
        const r = construct(s.tau, at(j), probe)!;
        return { kind: "found", defenderCoverage: r.X, target: s.tau, level: at(j), structures: structures.length };
      }
      if (f < bestF) [bestF, bestJ] = [f, j];
    }
    let a = bestJ === 0 ? s.lo + 1e-12 * (s.hi - s.lo) : at(bestJ - 1);
    let b = bestJ === GRID - 1 ? s.hi - 1e-12 * (s.hi - s.lo) : at(bestJ + 1);
    const phi = (Math.sqrt(5) - 1) / 2;
    let x1 = b - phi * (b - a);
    let x2 = a + phi * (b - a);
    let f1 = fit(x1);
    let f2 = fit(x2);
    for (let it = 0; it < 90 && b - a > 1e-16 * Math.max(1, Math.abs(a)); it++) {
      if (Math.min(f1, f2) <= RESIDUAL) break;
      if (f1 < f2) {
        b = x2;
        x2 = x1;
        f2 = f1;
        x1 = b - phi * (b - a);
        f1 = fit(x1);
      } else {
        a = x1;
        x1 = x2;
        f1 = f2;
        x2 = a + phi * (b - a);
        f2 = fit(x2);
      }
    }
    const u = f1 <= f2 ? x1 : x2;
    const r = construct(s.tau, u, probe);
    if (r && r.residual <= RESIDUAL) return { kind: "found", defenderCoverage: r.X, target: s.tau, level: u, structures: structures.length };
    open++;
  }
  return open === 0 ? { kind: "none", structures: structures.length } : { kind: "inconclusive", structures: structures.length, open };
}
