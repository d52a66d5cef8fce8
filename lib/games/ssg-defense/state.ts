/**
 * One group's round of the multi-defender security game: its state, the actions people send, and the
 * checks on what they submit (coverage within [0, 1] summing to at most k_i; reports with reward > penalty).
 */
import { worded } from "../../i18n/refusal";
import { z } from "zod";
import type { PlayerId, RoundContext } from "../../core/game";
import type { RngState } from "../../core/rng";
import { gapAtLeast, type JointAllocation } from "../../mechanisms/ssg";
import type { MechanismKind } from "./coordination";
import type { IrCheck } from "./ir-check";
import { MIN_PAYOFF_GAP, numTargetsOf, PAYOFF_BOUND, targetNames, type SsgParams } from "./params";

type Worded = ReturnType<typeof worded>;

const vector = z.array(z.number({ error: "enter numbers" })).max(10, "too many targets");

export const SsgAction = z.discriminatedUnion("type", [
  /** Join phase: join the coordination (true) or act alone (false). */
  z.object({ type: z.literal("join"), join: z.boolean() }),
  /** Own coverage c^i (probability of protecting each target); also a changed recommendation. */
  z.object({ type: z.literal("allocate"), coverage: vector }),
  /** Payoffs reported to the mechanism. */
  z.object({ type: z.literal("report"), reward: vector, penalty: vector }),
  /** Follow the private recommendation. */
  z.object({ type: z.literal("follow") }),
  z.object({ type: z.literal("continue") }),
]);
export type SsgAction = z.infer<typeof SsgAction>;

export interface PayoffReport {
  reward: number[];
  penalty: number[];
}

/** Recommendation mode: the mechanism's plan and the drawn private recommendations. */
export interface RecommendationPlan {
  mechanism: MechanismKind;
  /** False when the mechanism failed and the status quo (independent NSE play) is recommended instead. */
  ok: boolean;
  error: string | null;
  /** Plan coverage c* and its explicit target t* (the NSE's τ under the fallback). */
  coverage: number[];
  target: number;
  /** The joint distribution drawn from; null = the memoised independent NSE distribution (fallback). */
  dist: JointAllocation[] | null;
  drawIndex: number;
  /** recommendations[i] = targets recommended to defender i (private). */
  recommendations: number[][];
  /** Extra mechanism output for the record. */
  detail: Record<string, unknown>;
  /** The plan's IR check on the true payoffs, when it was computed with the plan (reports: off the event loop). */
  ir?: IrCheck;
}

/** What a defender did with her recommendation. */
export interface RecommendationPlay {
  followed: boolean;
  coverage: number[];
}

/** The round's result, computed when the last decision phase closes. */
export interface SsgRoundOutcome {
  /** Combined coverage c (eq. 2, or the plan's marginals). */
  coverage: number[];
  target: number;
  /** Whether some drawn allocation protects the attacked target. */
  covered: boolean;
  /** Each defender's own coverage (the marginal probability that her resources protect each target). */
  own: number[][];
  /** For each defender, the probability that someone else protects each target. */
  others: number[][];
  /** The drawn pure allocation of each defender (targets her resources protect this round). */
  allocations: number[][];
  expected: number[];
  realised: number[];
  points: number[];
  welfare: number;
  /** Mechanism record (null in uncoordinated play). */
  mechanism: {
    kind: MechanismKind;
    ok: boolean;
    error: string | null;
    /** Defender indices who coordinated. */
    coalition: number[];
    /** Fixed combined coverage of those acting alone (ℓ). */
    fixed: number[];
    /** The coalition's pooled coverage y (residual game) and the plan's target. */
    pooled: number[];
    planTarget: number | null;
    detail: Record<string, unknown>;
  } | null;
}

export interface SsgState {
  /** Join decisions (null = not yet). Without a join phase: everyone joins (coordinated, recommendation) or nobody does. */
  joined: (boolean | null)[];
  /** Own coverage submitted in the decide phase (uncoordinated play, or acting alone). */
  coverage: (number[] | null)[];
  reports: (PayoffReport | null)[];
  plan: RecommendationPlan | null;
  plays: (RecommendationPlay | null)[];
  outcome: SsgRoundOutcome | null;
  continued: boolean[];
  /** RNG states the round's draws started from (recorded in the mechanism input, so replays repeat them). */
  draws: { plan: RngState | null; outcome: RngState | null };
}

export type Ctx = RoundContext<SsgParams>;

export function setupRound(ctx: Ctx): SsgState {
  const p = ctx.params;
  const n = ctx.players.length;
  const everyone = p.mode !== "uncoordinated";
  return {
    joined: Array.from({ length: n }, () => (p.joinPhase ? null : everyone)),
    coverage: Array(n).fill(null),
    reports: Array(n).fill(null),
    plan: null,
    plays: Array(n).fill(null),
    outcome: null,
    draws: { plan: null, outcome: null },
    continued: Array(n).fill(false),
  };
}

/** Tolerance for coverage sums typed with sliders (0.01 steps) and for "reported = true" comparisons. */
const TOL = 1e-6;

/**
 * Check a submitted coverage vector for a defender with k resources: m entries in [0, 1] summing to at
 * most k. Tiny rounding excesses are scaled away so the mechanism core always gets a feasible vector.
 */
export function checkCoverage(p: SsgParams, k: number, c: readonly number[]): { ok: true; coverage: number[] } | ({ ok: false } & Worded) {
  const m = numTargetsOf(p);
  const names = targetNames(p);
  if (c.length !== m) return { ok: false, ...worded("coverageCount", { m }) };
  for (let t = 0; t < m; t++) {
    const x = c[t] ?? 0;
    if (x < -TOL || x > 1 + TOL) return { ok: false, ...worded("coverageRange", { target: names[t] ?? "" }) };
  }
  const clipped = c.map((x) => Math.min(1, Math.max(0, x)));
  const sum = clipped.reduce((a, x) => a + x, 0);
  if (sum > k + TOL)
    return { ok: false, ...worded("coverageTooMuch", { placed: Math.round(sum * 100), k, full: k * 100 }) };
  return { ok: true, coverage: sum > k ? clipped.map((x) => (x * k) / sum) : clipped };
}

/**
 * Check a payoff report: m rewards and penalties within the bounds, each reward above its penalty by at
 * least MIN_PAYOFF_GAP (a smaller gap would make the solver refuse the reported game, whatever the
 * others report, and the whole group would fall back to the status quo).
 */
export function checkReport(p: SsgParams, r: PayoffReport): { ok: true } | ({ ok: false; field: string } & Worded) {
  const m = numTargetsOf(p);
  const names = targetNames(p);
  if (r.reward.length !== m || r.penalty.length !== m) return { ok: false, ...worded("payoffCount", { m }), field: "reward" };
  for (let t = 0; t < m; t++) {
    const a = r.reward[t]!;
    const b = r.penalty[t]!;
    if (Math.abs(a) > PAYOFF_BOUND || Math.abs(b) > PAYOFF_BOUND)
      return { ok: false, ...worded("payoffRange", { bound: PAYOFF_BOUND, target: names[t] ?? "" }), field: "reward" };
    if (!(a > b)) return { ok: false, ...worded("payoffOrder", { target: names[t] ?? "" }), field: "reward" };
    if (!gapAtLeast(a, b, MIN_PAYOFF_GAP)) return { ok: false, ...worded("payoffGap", { target: names[t] ?? "", min: MIN_PAYOFF_GAP }), field: "reward" };
  }
  return { ok: true };
}

/** Whether a report equals the defender's true payoffs. */
export function isTruthful(p: SsgParams, i: number, r: PayoffReport): boolean {
  const d = p.defenders[i]!;
  return d.reward.every((x, t) => Math.abs(x - (r.reward[t] ?? NaN)) <= TOL) && d.penalty.every((x, t) => Math.abs(x - (r.penalty[t] ?? NaN)) <= TOL);
}

/**
 * A coverage vector recorded in defender `pid`'s last round (her history), or null: `own_coverage`
 * (what her resources protected) or `others_coverage` (what the others protected).
 */
export function lastVector(ctx: Ctx, pid: PlayerId, key: "own_coverage" | "others_coverage"): number[] | null {
  const raw = ctx.lastRound(pid)?.outcome[key];
  if (typeof raw !== "string") return null;
  try {
    const v: unknown = JSON.parse(raw);
    if (!Array.isArray(v)) return null;
    const xs = v.flatMap((x) => (typeof x === "number" ? [x] : []));
    return xs.length === v.length ? xs : null;
  } catch {
    return null;
  }
}

/** k spread evenly over the m targets (each k/m ≤ 1). */
export function evenCoverage(k: number, m: number): number[] {
  return new Array<number>(m).fill(Math.min(1, k / m));
}

/** The coverage used when defender i's timer runs out (treatment option `timeoutDefault`). */
export function timeoutCoverage(ctx: Ctx, pid: PlayerId): number[] {
  const p = ctx.params;
  const m = numTargetsOf(p);
  const k = p.defenders[ctx.seatOf(pid)]?.resources ?? 0;
  if (p.timeoutDefault === "zero") return new Array<number>(m).fill(0);
  if (p.timeoutDefault === "last") {
    const last = lastVector(ctx, pid, "own_coverage");
    if (last) {
      const c = checkCoverage(p, k, last);
      if (c.ok) return c.coverage;
    }
  }
  return evenCoverage(k, m);
}
