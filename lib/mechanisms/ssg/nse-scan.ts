/**
 * Interior stage of the NSE search (docs/papers/ssg.md, "TauCrossing"): for a candidate attacked target
 * τ, scan the attacker level u downward from r^a_τ to just above the floor p* = max_t p^a_t and find the
 * highest u at which the defenders can spend *exactly* all their resources while every target with
 * r^a_t > u is covered with z_t(u) (so all of them tie at level u) and each defender only covers targets
 * she likes no better than τ (Theorem A's structure). Feasibility is decided by the max-waste program
 * M(u; W) (waste.ts); the crossing M = 0 of the maximiser is the candidate profile.
 *
 * The allowed-pair set W changes at breakpoints (u = r^a_t, where t starts to need coverage, and at
 * preference flips U_i(z(u),t) = U_i(z(u),τ)). Between breakpoints W is constant and M is
 * non-increasing in u, so each interval is decided by its end points and, if it contains the crossing,
 * by Illinois root finding. When M jumps across a breakpoint b, the pairs that are tied at b are admitted
 * with a cap θ ∈ [0,1] and θ is root-found instead (the "θ bridge").
 */
import { at, coverageForLevel, numTargets, payoffScale, type SsgInstance } from "./model";
import { maxWaste, type WasteProblem, type WasteResult } from "./waste";

/** A crossing found by the scan (not yet certified). */
export interface ScanCandidate {
  readonly tau: number;
  readonly u: number;
  readonly defenderCoverage: number[][];
  readonly kind: "crossing" | "bridge" | "top";
  readonly waste: WasteResult;
}

type Caps = number[][]; // caps[i][t] ∈ [0,1]; 0 = not allowed

function zAt(g: SsgInstance, u: number): number[] {
  return Array.from({ length: numTargets(g) }, (_, t) => coverageForLevel(g, t, u));
}

/** U_i(z(u), t) = p_i(t) + z_t(u) Δ_i(t): only target t's coverage matters, so O(1). */
function utilityAtLevel(g: SsgInstance, i: number, t: number, u: number): number {
  const d = at(g.defenders, i);
  const p = at(d.penalty, t);
  return p + coverageForLevel(g, t, u) * (at(d.reward, t) - p);
}

/** D_it(u) = U_i(z(u), t) − U_i(z(u), τ). */
function prefGap(g: SsgInstance, i: number, t: number, tau: number, u: number): number {
  return utilityAtLevel(g, i, t, u) - utilityAtLevel(g, i, tau, u);
}

/** The max-waste program at level u for pair caps `caps[i][t]` (0 = not allowed): targets with z_t(u) > 0. */
export function buildProblem(g: SsgInstance, u: number, caps: Caps): WasteProblem {
  const z = zAt(g, u);
  const targets = [];
  for (let t = 0; t < z.length; t++) {
    const zt = at(z, t);
    if (zt <= 0) continue;
    const pairs = [];
    for (let i = 0; i < caps.length; i++) {
      const cap = at(at(caps, i), t);
      if (cap > 0) pairs.push({ i, lo: cap >= 1 ? -Infinity : Math.log1p(-cap) });
    }
    targets.push({ t, L: Math.log1p(-zt), pairs });
  }
  return { n: g.defenders.length, k: g.defenders.map((d) => d.resources), targets };
}

function profileFrom(g: SsgInstance, prob: WasteProblem, w: WasteResult): number[][] {
  const X = g.defenders.map(() => new Array<number>(numTargets(g)).fill(0));
  prob.targets.forEach((tg, j) => tg.pairs.forEach((pr, k) => (at(X, pr.i)[tg.t] = -Math.expm1(at(at(w.x, j), k)) + 0)));
  return X;
}

/** Illinois (modified regula falsi) root of a decreasing-or-increasing f on [a,b] with f(a)·f(b) ≤ 0. */
function illinois(f: (x: number) => number, a: number, fa: number, b: number, fb: number, xtol: number): number {
  let side = 0;
  for (let it = 0; it < 200 && Math.abs(b - a) > xtol; it++) {
    let c = (a * fb - b * fa) / (fb - fa);
    if (!(c > Math.min(a, b) && c < Math.max(a, b))) c = (a + b) / 2;
    const fc = f(c);
    if (fc === 0) return c;
    if (Math.sign(fc) === Math.sign(fb)) {
      b = c;
      fb = fc;
      if (side === -1) fa /= 2;
      side = -1;
    } else {
      a = c;
      fa = fc;
      if (side === 1) fb /= 2;
      side = 1;
    }
    if (Math.abs(fc) < 1e-14) return c;
  }
  return Math.abs(fa) < Math.abs(fb) ? a : b;
}

/**
 * Theorem A's allowed pairs at level u for target τ: caps[i][t] = 1 when k_i > 0, r^a_t > u and
 * (t = τ or U_i(z(u),t) ≤ U_i(z(u),τ) + 1e-10·scale), else 0.
 */
export function allowedPairs(g: SsgInstance, tau: number, u: number): Caps {
  const m = numTargets(g);
  const tolD = 1e-10 * payoffScale(g);
  const ra = g.attacker.reward;
  return g.defenders.map((d, i) =>
    Array.from({ length: m }, (_, t) => (d.resources > 0 && at(ra, t) > u && (t === tau || prefGap(g, i, t, tau, u) <= tolD) ? 1 : 0)),
  );
}

/**
 * The interval screen of {@link scanTauSteps} on flat arrays, computed once per τ: the allowed pairs at
 * a level (exactly {@link allowedPairs}: the same expressions in the same order, so the same doubles)
 * and the three cheap necessary conditions of an interval, without building the nested caps of the
 * intervals they exclude (most of them: at m = 100, n = 10 a τ has up to ~1,000 intervals).
 */
export function intervalScreen(g: SsgInstance, tau: number) {
  const m = numTargets(g);
  const n = g.defenders.length;
  const tolD = 1e-10 * payoffScale(g);
  const ra = Float64Array.from(g.attacker.reward);
  const pen = new Float64Array(n * m);
  const rew = new Float64Array(n * m);
  const k = Float64Array.from(g.defenders, (d) => d.resources);
  g.defenders.forEach((d, i) => {
    for (let t = 0; t < m; t++) {
      pen[i * m + t] = at(d.penalty, t);
      rew[i * m + t] = at(d.reward, t);
    }
  });
  const allowed = new Uint8Array(n * m);
  const z = new Float64Array(m);
  const za = new Float64Array(m);
  /** allowed[i·m + t] at level u (the caps of {@link allowedPairs}). */
  const fill = (u: number) => {
    for (let t = 0; t < m; t++) z[t] = coverageForLevel(g, t, u);
    for (let i = 0; i < n; i++) {
      const pTau = pen[i * m + tau]!;
      const uTau = pTau + z[tau]! * (rew[i * m + tau]! - pTau);
      for (let t = 0; t < m; t++) {
        const p = pen[i * m + t]!;
        const gap = p + z[t]! * (rew[i * m + t]! - p) - uTau;
        allowed[i * m + t] = k[i]! > 0 && ra[t]! > u && (t === tau || gap <= tolD) ? 1 : 0;
      }
    }
  };
  const caps = (): Caps => Array.from({ length: n }, (_, i) => Array.from(allowed.subarray(i * m, (i + 1) * m)));
  return {
    /**
     * Caps at `mid` of the interval [a, b], or null when a necessary condition excludes a crossing on
     * it: a defender cannot use more than Σ_{allowed t} z_t(a); a target that needs coverage has no
     * allowed pair; all together absorb less than the equal-split capacity (then M(u; W) < 0).
     */
    at(mid: number, a: number, K: number): Caps | null {
      fill(mid);
      for (let t = 0; t < m; t++) za[t] = coverageForLevel(g, t, a);
      for (let i = 0; i < n; i++) {
        if (!(k[i]! > 0)) continue;
        let sum = 0;
        for (let t = 0; t < m; t++) sum = sum + (allowed[i * m + t]! > 0 ? za[t]! : 0);
        if (sum < k[i]! - 1e-12) return null;
      }
      let capacity = 0;
      for (let t = 0; t < m; t++) {
        let d = 0;
        for (let i = 0; i < n; i++) if (allowed[i * m + t]! > 0) d++;
        if (ra[t]! > mid && d === 0) return null;
        const zt = za[t]!;
        if (zt <= 0) continue;
        if (d > 0) capacity += zt >= 1 ? d : -d * Math.expm1(Math.log1p(-zt) / d);
      }
      // a target t needing z_t shared by d_t defenders absorbs at most d_t (1 − (1 − z_t)^{1/d_t}) (equal split, AM–GM)
      if (capacity < K - 1e-12) return null;
      return caps();
    },
  };
}

/** Options of {@link scanTauSteps}. */
export interface ScanOptions {
  /** Stop scanning at or below this level (a better certified NSE is already known); read before every interval. */
  readonly minLevel: () => number;
  /** No interior crossing of any τ lies above this level ({@link interiorCeiling}); intervals above it are skipped. */
  readonly ceiling: number;
  /** Called with each candidate; return true to stop the scan (accepted). */
  readonly offer: (c: ScanCandidate) => boolean;
  readonly note: (msg: string) => void;
}

/** Breakpoints of τ's scan in [lo, hi], from the top down (module doc). */
export function breakpoints(g: SsgInstance, tau: number, lo: number, hi: number): number[] {
  const m = numTargets(g);
  const ra = g.attacker.reward;
  const bps = new Set<number>([lo, hi]);
  for (let t = 0; t < m; t++) if (at(ra, t) > lo && at(ra, t) < hi) bps.add(at(ra, t));
  g.defenders.forEach((d, i) => {
    if (d.resources <= 0) return;
    for (let t = 0; t < m; t++) {
      if (t === tau) continue;
      const pts = [lo, hi, ...(at(ra, t) > lo && at(ra, t) < hi ? [at(ra, t)] : [])].sort((x, y) => x - y);
      for (let j = 0; j + 1 < pts.length; j++) {
        const a = at(pts, j);
        const b = at(pts, j + 1);
        const da = prefGap(g, i, t, tau, a);
        const db = prefGap(g, i, t, tau, b);
        if ((da < 0 && db > 0) || (da > 0 && db < 0)) bps.add(a + ((b - a) * da) / (da - db));
      }
    }
  });
  return [...bps].filter((x) => x >= lo && x <= hi).sort((x, y) => y - x);
}

/**
 * A level ū above which no τ has an interior crossing: every allowed-pair set W(u) is contained in
 * "every active defender may cover every target with r^a_t > u", whose max-waste value is continuous
 * and non-increasing in u (a target enters with z_t = 0), so M(u; W) ≤ M(u; all) < 0 for u > ū. The
 * returned ū is certified by the dual bound (upper < 0 just above it). −∞: no interior NSE exists at
 * all (M(lo; all) < 0); +∞ when nothing could be certified (no pruning).
 */
export function interiorCeiling(g: SsgInstance): number {
  const m = numTargets(g);
  const scale = payoffScale(g);
  const pStar = Math.max(...g.attacker.penalty);
  const lo = pStar + 1e-9 * scale;
  const hi = Math.max(...g.attacker.reward);
  if (!(hi > lo)) return -Infinity;
  const all: Caps = g.defenders.map((d) => new Array<number>(m).fill(d.resources > 0 ? 1 : 0));
  let warm: number[] | undefined;
  const value = (u: number, signOnly: boolean) => {
    const w = maxWaste(buildProblem(g, u, all), warm, signOnly ? { signOnly: true } : {});
    if (Number.isFinite(w.M) && w.status !== "infeasible") warm = w.p;
    return w;
  };
  const bottom = value(lo, true);
  if (bottom.status === "infeasible" || bottom.upper < 0) return -Infinity;
  const top = value(hi, false);
  if (top.M >= 0) return Infinity;
  const root = illinois((u) => value(u, false).M, lo, bottom.M, hi, top.M, 1e-12 * scale);
  for (const margin of [1e-9, 1e-7, 1e-5]) {
    const u = Math.min(hi, root + margin * scale);
    if (value(u, true).upper < 0) return u;
  }
  return Infinity;
}

/**
 * Scan τ's attacker levels downward (module doc), offering each crossing found. A generator: first it
 * yields r^a_τ, the top of its range, before any work, then the top level of each interval before that
 * interval is screened or solved, so a driver can interleave the scans of all τ by decreasing level and
 * stop as soon as no higher crossing can exist: a τ or an interval below the best certified level is
 * never set up or screened. The intervals and their screens are the same whatever the order (the range
 * is [p* + 1e-9·scale, r^a_τ], not cut at the best level), so the candidates found above the best level
 * are the same as when every τ was scanned in turn.
 */
export function* scanTauSteps(g: SsgInstance, tau: number, opts: ScanOptions): Generator<number, void, void> {
  const scale = payoffScale(g);
  const pStar = Math.max(...g.attacker.penalty);
  const lo = pStar + 1e-9 * scale;
  const hi = at(g.attacker.reward, tau);
  if (!(hi > lo)) return;
  yield hi;
  if (hi <= opts.minLevel()) return;
  const active = g.defenders.map((d, i) => (d.resources > 0 ? i : -1)).filter((i) => i >= 0);
  const K = active.reduce((s, i) => s + at(g.defenders, i).resources, 0);
  const pts = breakpoints(g, tau, lo, hi);
  const allowedCaps = (u: number): Caps => allowedPairs(g, tau, u);
  const screen = intervalScreen(g, tau);
  let warm: number[] | undefined;
  const M = (u: number, caps: Caps, signOnly: boolean) => {
    const prob = buildProblem(g, u, caps);
    const w = maxWaste(prob, warm, signOnly ? { signOnly: true } : {});
    if (Number.isFinite(w.M) && w.status !== "infeasible") warm = w.p;
    return { prob, w };
  };
  const nonNegative = (w: WasteResult) => w.M >= 0 && w.status !== "infeasible";
  const candidate = (u: number, caps: Caps, kind: ScanCandidate["kind"]): ScanCandidate => {
    const { prob, w } = M(u, caps, false);
    return { tau, u, defenderCoverage: profileFrom(g, prob, w), kind, waste: w };
  };
  let prevMid: number | null = null;
  for (let j = 0; j + 1 < pts.length; j++) {
    const b = at(pts, j);
    const a = at(pts, j + 1);
    const mid = (a + b) / 2;
    const above = prevMid;
    prevMid = mid;
    if (a > opts.ceiling) continue; // M(a; W) ≤ M(a; all) < 0, and M is non-increasing on [a, b]
    if (b <= opts.minLevel()) return;
    yield b;
    if (b <= opts.minLevel()) return;
    // cheap screens: a defender cannot use more than Σ_{allowed t} z_t; all together no more than the equal-split capacity
    const caps = screen.at(mid, a, K);
    if (caps === null) continue;
    if (!nonNegative(M(a, caps, true).w)) continue; // M(b) ≤ M(a) < 0 on this interval
    const top = M(b, caps, true).w;
    if (nonNegative(top)) {
      if (above === null) {
        if (opts.offer(candidate(b, caps, "top"))) return;
        continue;
      }
      const base = allowedCaps(above);
      const extra = caps.map((row, i) => row.map((c, t) => (c > 0 && at(at(base, i), t) === 0 ? 1 : 0)));
      const mixed = (th: number): Caps => base.map((row, i) => row.map((c, t) => (c > 0 ? 1 : at(at(extra, i), t) ? th : 0)));
      const f = (th: number) => M(b, mixed(th), false).w.M;
      const f0 = f(0);
      const f1 = f(1);
      if (f0 < 0 && f1 >= 0) {
        const th = illinois(f, 0, f0, 1, f1, 1e-15);
        if (opts.offer(candidate(b, mixed(th), "bridge"))) return;
      } else opts.note(`tau ${tau}: bridge at u=${b} not bracketed (M(0)=${f0}, M(1)=${f1})`);
    } else {
      const bot = M(a, caps, false).w;
      if (nonNegative(bot)) {
        const topFull = M(b, caps, false).w;
        const f = (u: number) => M(u, caps, false).w.M;
        const u = illinois(f, a, bot.M, b, topFull.M, 1e-15 * Math.max(1, Math.abs(a)));
        if (opts.offer(candidate(u, caps, "crossing"))) return;
      }
    }
  }
}
