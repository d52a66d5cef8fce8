/**
 * Model of the multi-defender Stackelberg security game (SSG) of Gan, Elkind, Kraus & Wooldridge,
 * "Mechanism Design for Defense Coordination in Security Games", AAMAS 2020, §2.
 *
 * Conventions used throughout `lib/mechanisms/ssg`:
 * - targets are indexed 0..m-1, defenders 0..n-1;
 * - a *coverage vector* c ∈ [0,1]^m gives the probability that each target is protected;
 * - a *defender profile* is one coverage vector per defender (`defenderCoverage[i][t]`), combined with
 *   the product rule of eq. (2), never by addition.
 */

/** Attacker type α = (r^a, p^a) (§2). Every reward must exceed its penalty. */
export interface SsgAttacker {
  readonly reward: readonly number[];
  readonly penalty: readonly number[];
}

/** Defender type θ_i = (r^d_i, p^d_i) with k_i resources (§2). */
export interface SsgDefender {
  readonly resources: number;
  readonly reward: readonly number[];
  readonly penalty: readonly number[];
}

/** A game: attacker type and defender profile (Θ, k) of §2. */
export interface SsgInstance {
  readonly attacker: SsgAttacker;
  readonly defenders: readonly SsgDefender[];
}

/** An outcome (x, t) of §2 described by its coverage vector c = cov(x) and the attacked target t. */
export interface SsgOutcome {
  readonly coverage: readonly number[];
  readonly target: number;
}

/** Read `a[i]`, throwing on an out-of-range index (keeps `noUncheckedIndexedAccess` honest). */
export function at<T>(a: readonly T[], i: number): T {
  const v = a[i];
  if (v === undefined) throw new RangeError(`index ${i} out of range (length ${a.length})`);
  return v;
}

/** Number of targets m = |T| (§2). */
export function numTargets(g: SsgInstance): number {
  return g.attacker.reward.length;
}

/** Total resources K = Σ_i k_i (§2). */
export function totalResources(g: SsgInstance): number {
  return g.defenders.reduce((s, d) => s + d.resources, 0);
}

/**
 * Structural validation of an instance (§2: r > p for every player and target, k_i ∈ ℕ).
 * Returns human-readable problems naming the offending field; empty when valid.
 */
export function validateInstance(g: SsgInstance): string[] {
  const errs: string[] = [];
  const m = g.attacker.reward.length;
  if (m < 1) errs.push("attacker.reward must list at least one target");
  const checkPair = (path: string, r: readonly number[], p: readonly number[]) => {
    if (r.length !== m) errs.push(`${path}.reward must have ${m} entries (has ${r.length})`);
    if (p.length !== m) errs.push(`${path}.penalty must have ${m} entries (has ${p.length})`);
    for (let t = 0; t < Math.min(m, r.length, p.length); t++) {
      const rt = at(r, t);
      const pt = at(p, t);
      if (!Number.isFinite(rt)) errs.push(`${path}.reward[${t}] must be a finite number`);
      if (!Number.isFinite(pt)) errs.push(`${path}.penalty[${t}] must be a finite number`);
      if (Number.isFinite(rt) && Number.isFinite(pt) && !(rt > pt))
        errs.push(`${path}.reward[${t}] must be greater than penalty[${t}]`);
    }
  };
  checkPair("attacker", g.attacker.reward, g.attacker.penalty);
  if (g.defenders.length < 1) errs.push("defenders must list at least one defender");
  g.defenders.forEach((d, i) => {
    if (!Number.isInteger(d.resources) || d.resources < 0)
      errs.push(`defenders[${i}].resources must be a non-negative integer`);
    checkPair(`defenders[${i}]`, d.reward, d.penalty);
  });
  return errs;
}

/** Largest accepted |payoff|: every utility, difference and welfare sum then stays a finite number. */
export const SSG_MAX_ABS_PAYOFF = 1e300;
/**
 * Smallest accepted reward − penalty gap relative to the payoff scale ({@link payoffScale}). Ties and
 * equalities are decided with tolerances of 1e-9 × scale, so a gap below 1e-6 × scale would be blurred
 * by them (coverage errors above 0.1%).
 */
export const SSG_MIN_RELATIVE_GAP = 1e-6;

/** x as m × 10^e, from its shortest round-trip decimal (String(x)): what a person typed, e.g. 999.999. */
function decimalOf(x: number): { m: bigint; e: number } {
  const [mant = "0", exp = "0"] = String(x).split("e");
  const neg = mant.startsWith("-");
  const [int = "0", frac = ""] = (neg ? mant.slice(1) : mant).split(".");
  const m = BigInt(int + frac);
  return { m: neg ? -m : m, e: Number(exp) - frac.length };
}

/** a − b in decimal, as text ("1000 − 999.999" → "0.001", not the binary 0.000999999999976). */
export function decimalDifference(a: number, b: number): string {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return String(a - b);
  const [x, y] = [decimalOf(a), decimalOf(b)];
  const e = Math.min(x.e, y.e);
  const d = x.m * 10n ** BigInt(x.e - e) - y.m * 10n ** BigInt(y.e - e);
  const neg = d < 0n;
  let digits = (neg ? -d : d).toString();
  if (e >= 0) digits += "0".repeat(e);
  else {
    digits = digits.padStart(-e + 1, "0");
    digits = `${digits.slice(0, e)}.${digits.slice(e)}`.replace(/\.?0+$/, "");
  }
  return `${neg ? "-" : ""}${digits}`;
}

/**
 * reward − penalty ≥ min, decided on the numbers' decimal values (the shortest decimals that round-trip,
 * i.e. what was typed), not on their binary difference: 1000 − 999.999 is 0.000999999999976 in doubles
 * but exactly 0.001 in decimal. Non-finite inputs give false.
 */
export function gapAtLeast(reward: number, penalty: number, min: number): boolean {
  if (!Number.isFinite(reward) || !Number.isFinite(penalty) || !Number.isFinite(min)) return false;
  const xs = [decimalOf(reward), decimalOf(penalty), decimalOf(min)];
  const e = Math.min(...xs.map((x) => x.e));
  const [r, p, q] = xs.map((x) => x.m * 10n ** BigInt(x.e - e)) as [bigint, bigint, bigint];
  return r - p >= q;
}

/**
 * Magnitude checks of a structurally valid instance: |payoff| ≤ {@link SSG_MAX_ABS_PAYOFF} and every
 * reward − penalty gap ≥ {@link SSG_MIN_RELATIVE_GAP} × payoff scale. Messages say what to change, in
 * the units of the input: `unit` is the factor {@link normalizedInstance} divided the payoffs by.
 * Applied to people's inputs (the CLI, treatments, payoff reports), not inside the solvers: residual
 * games (a coalition facing loners' fixed coverage) legitimately have gaps of 1e-6 × Δ.
 */
export function payoffRangeProblems(g: SsgInstance, unit = 1): string[] {
  const errs: string[] = [];
  const players: [string, { readonly reward: readonly number[]; readonly penalty: readonly number[] }][] = [
    ["attacker", g.attacker],
    ...g.defenders.map((d, i): [string, SsgDefender] => [`defenders[${i}]`, d]),
  ];
  for (const [path, pl] of players)
    for (const [field, xs] of [["reward", pl.reward], ["penalty", pl.penalty]] as const)
      xs.forEach((v, t) => {
        if (Math.abs(v) > SSG_MAX_ABS_PAYOFF) errs.push(`${path}.${field}[${t}] = ${v} is too large: use payoffs between -1e300 and 1e300 (divide all payoffs by a common factor; the equilibria do not change)`);
      });
  if (errs.length > 0) return errs;
  const scale = payoffScale(g);
  // the smallest gap among those below the minimum (decided in decimal, gapAtLeast)
  let worst = { path: "", t: -1, gap: Infinity, text: "" };
  for (const [path, pl] of players)
    for (let t = 0; t < pl.reward.length; t++) {
      const [r, p] = [at(pl.reward, t), at(pl.penalty, t)];
      // in the input's own units the gap is written in decimal (1000 − 999.9995 = 0.0005, not 0.00049999999998818)
      if (r - p < worst.gap && !gapAtLeast(r, p, SSG_MIN_RELATIVE_GAP * scale)) worst = { path, t, gap: r - p, text: unit === 1 ? decimalDifference(r, p) : String((r - p) * unit) };
    }
  if (worst.t >= 0) {
    const gap = `${worst.path}.reward[${worst.t}] − penalty[${worst.t}] = ${worst.text}`;
    // the largest |payoff| itself: below 1 the scale is 1 (tolerances absolute), so small units look like small gaps
    const largest = Math.max(...players.flatMap(([, pl]) => [...pl.reward, ...pl.penalty].map(Math.abs)));
    if (largest < 1) {
      const factor = 10 ** Math.ceil(-Math.log10(largest));
      const tooSmall = `the payoffs are too small: the largest |payoff| is ${largest * unit}, and below 1 the solver's tolerances are absolute (as if the largest payoff were 1), so ${gap} is below the smallest gap it can resolve, ${SSG_MIN_RELATIVE_GAP * scale * unit}`;
      errs.push(
        worst.gap >= SSG_MIN_RELATIVE_GAP * largest
          ? `${tooSmall}; multiply every payoff by the same factor so that the largest is at least 1 (e.g. × ${factor}; coverages and the attacked target do not change, utilities are multiplied by it)`
          : `${tooSmall}, and it is also below ${SSG_MIN_RELATIVE_GAP} × the largest payoff (payoffs spanning more orders of magnitude cannot be solved reliably); widen the gap, and multiply every payoff by the same factor so that the largest is at least 1`,
      );
    } else
      errs.push(
        `${gap} is too small next to the payoff scale ${scale * unit}: ` +
          `every reward − penalty gap must be at least ${SSG_MIN_RELATIVE_GAP} × ${scale * unit} = ${SSG_MIN_RELATIVE_GAP * scale * unit} ` +
          `(payoffs spanning more orders of magnitude cannot be solved reliably); widen the gap or shrink the largest payoffs`,
      );
  }
  return errs;
}

/**
 * The instance with every payoff multiplied by the same power of two 2^e so that the largest |payoff|
 * lies in [1, 2). Exact in floating point (no rounding), and every quantity of the game scales with it:
 * coverages and targets are unchanged, utilities and welfare are multiplied by 2^e. `factor` = 2^−e
 * maps utilities of the scaled instance back.
 */
export function normalizedInstance(g: SsgInstance): { instance: SsgInstance; factor: number } {
  let mx = 0;
  for (const p of [g.attacker, ...g.defenders]) for (const v of [...p.reward, ...p.penalty]) mx = Math.max(mx, Math.abs(v));
  if (!(mx > 0) || !Number.isFinite(mx)) return { instance: g, factor: 1 };
  const e = Math.floor(Math.log2(mx));
  // two exact steps, so that 2^−e cannot overflow for subnormal payoffs
  const half = Math.trunc(-e / 2);
  const sc = (xs: readonly number[]) => xs.map((v) => v * 2 ** half * 2 ** (-e - half));
  return {
    instance: {
      attacker: { reward: sc(g.attacker.reward), penalty: sc(g.attacker.penalty) },
      defenders: g.defenders.map((d) => ({ resources: d.resources, reward: sc(d.reward), penalty: sc(d.penalty) })),
    },
    factor: 2 ** e,
  };
}

/** Throw a single error listing every problem found by {@link validateInstance}. */
export function assertValidInstance(g: SsgInstance): void {
  const errs = validateInstance(g);
  if (errs.length > 0) throw new Error(`invalid SSG instance: ${errs.join("; ")}`);
}

/**
 * Combined coverage of independent defenders, eq. (2): cov_t = 1 − Π_i (1 − c^i_t).
 * Coverages are never added: two defenders covering t with 0.5 each give 0.75.
 */
export function combineCoverage(defenderCoverage: readonly (readonly number[])[], m?: number): number[] {
  const len = m ?? defenderCoverage[0]?.length ?? 0;
  const out: number[] = [];
  for (let t = 0; t < len; t++) {
    let q = 1;
    for (const c of defenderCoverage) q *= 1 - (c[t] ?? 0);
    out.push(1 - q);
  }
  return out;
}

/** Attacker's expected utility U^a(c, t) = (1 − c_t) r^a(t) + c_t p^a(t) (§2). */
export function attackerUtility(g: SsgInstance, c: readonly number[], t: number): number {
  const r = at(g.attacker.reward, t);
  const p = at(g.attacker.penalty, t);
  const ct = at(c, t);
  return r - ct * (r - p);
}

/** Defender i's expected utility U^d_i(c, t) = c_t r^d_i(t) + (1 − c_t) p^d_i(t) (§2). */
export function defenderUtility(g: SsgInstance, i: number, c: readonly number[], t: number): number {
  const d = at(g.defenders, i);
  const r = at(d.reward, t);
  const p = at(d.penalty, t);
  return p + at(c, t) * (r - p);
}

/** All defenders' utilities (U^d_1(c,t), …, U^d_n(c,t)) for outcome (c, t). */
export function defenderUtilities(g: SsgInstance, c: readonly number[], t: number): number[] {
  return g.defenders.map((_, i) => defenderUtility(g, i, c, t));
}

/** Social welfare Σ_i U^d_i(c, t), the objective (4) of LP-t (§4.1). */
export function welfare(g: SsgInstance, c: readonly number[], t: number): number {
  return defenderUtilities(g, c, t).reduce((s, u) => s + u, 0);
}

/** Largest absolute payoff of any player (≥ 1); tolerances are scaled by it. */
export function payoffScale(g: SsgInstance): number {
  let s = 1;
  const all = [g.attacker, ...g.defenders];
  for (const p of all) for (const v of [...p.reward, ...p.penalty]) s = Math.max(s, Math.abs(v));
  return s;
}

/** Coverage z_t(u) = clip((r^a_t − u)/(r^a_t − p^a_t), 0, 1) that puts target t at attacker level u. */
export function coverageForLevel(g: SsgInstance, t: number, u: number): number {
  const r = at(g.attacker.reward, t);
  const p = at(g.attacker.penalty, t);
  return Math.min(1, Math.max(0, (r - u) / (r - p)));
}

/**
 * Non-overlapping payoffs from a preference order (Definition 3.1 and the map g of §3.2):
 * `order` lists targets from least to most preferred *attacked* target; r(t) = j_t + ½, p(t) = j_t.
 */
export function nonOverlappingType(order: readonly number[]): { reward: number[]; penalty: number[] } {
  const m = order.length;
  const reward = new Array<number>(m).fill(0);
  const penalty = new Array<number>(m).fill(0);
  order.forEach((t, j) => {
    reward[t] = j + 0.5;
    penalty[t] = j;
  });
  return { reward, penalty };
}

/** Definition 3.1: for all t ≠ t′, r(t) < p(t′) or r(t′) < p(t) (preferences independent of coverage). */
export function isNonOverlapping(d: { readonly reward: readonly number[]; readonly penalty: readonly number[] }): boolean {
  const m = d.reward.length;
  for (let t = 0; t < m; t++)
    for (let s = t + 1; s < m; s++)
      if (!(at(d.reward, t) < at(d.penalty, s) || at(d.reward, s) < at(d.penalty, t))) return false;
  return true;
}
