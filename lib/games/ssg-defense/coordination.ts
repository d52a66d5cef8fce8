/**
 * Glue between a round and the mechanism core (lib/mechanisms/ssg): the game a coalition faces when the
 * defenders who act alone have fixed their coverage, the mechanism run (with its documented fallback),
 * the attacked-target rule, and the coverage that results when recommendations (§5) are modified.
 * Everything here is pure; the rules are stated in docs/games/ssg-defense.md.
 */
import {
  cswMax,
  cswMaxNse,
  decomposeJoint,
  defaultDictator,
  dictatorship,
  isBestResponse,
  payoffRangeProblems,
  playTarget,
  trySolveNse,
  type JointAllocation,
  type NseProfile,
  type SsgAttacker,
  type SsgDefender,
  type SsgInstance,
} from "../../mechanisms/ssg";

export type MechanismKind = "cswMax" | "cswMaxNse" | "dictatorship";

export const MECHANISM_LABEL: Readonly<Record<MechanismKind, string>> = {
  cswMax: "CSW-Max",
  cswMaxNse: "CSW-Max-NSE",
  dictatorship: "Dictatorship",
};

/** Fixed coverage is capped at 1 − RESIDUAL_GAP in the residual game, so that reward > penalty stays true there. */
export const RESIDUAL_GAP = 1e-6;

/**
 * The residual game of a coalition whose members pool their resources while the others' combined
 * coverage ℓ is fixed. With the coalition's pooled coverage y, eq. (2) gives c_t = ℓ_t + (1 − ℓ_t)·y_t,
 * affine in y_t, so every utility of the real game is a utility of a standard game in y:
 * U^a(c,t) = r′^a_t − y_t (r′^a_t − p^a_t) with r′^a_t = U^a(ℓ,t), and U_i(c,t) = p′_i(t) + y_t (r_i(t) − p′_i(t))
 * with p′_i(t) = U_i(ℓ,t). Exact for ℓ_t < 1 − RESIDUAL_GAP; above, ℓ_t is capped there (the target is then
 * as good as fully covered whatever the coalition does). With ℓ = 0 it is the game itself.
 */
export function residualGame(attacker: SsgAttacker, members: readonly SsgDefender[], fixed: readonly number[]): SsgInstance {
  const l = fixed.map((x) => Math.min(Math.max(x, 0), 1 - RESIDUAL_GAP));
  const lift = (r: readonly number[], p: readonly number[]) => p.map((pt, t) => pt + (l[t] ?? 0) * ((r[t] ?? pt) - pt));
  return {
    attacker: { reward: attacker.reward.map((r, t) => r - (l[t] ?? 0) * (r - (attacker.penalty[t] ?? r))), penalty: [...attacker.penalty] },
    defenders: members.map((d) => ({ resources: d.resources, reward: [...d.reward], penalty: lift(d.reward, d.penalty) })),
  };
}

/** What a mechanism produced for a game: the pooled coverage, its explicit target and the joint plan. */
export interface MechanismPlan {
  coverage: number[];
  target: number;
  /** The plan as a joint distribution over the members' pure allocations (decomposeJoint, §5.1). */
  dist: JointAllocation[];
  /** Members' utilities in the game the mechanism saw (reported, residual). */
  utilities: number[];
  /** CSW-Max: the NSE utilities of that game used as benchmark (4a); CSW-Max-NSE: the status quo's. */
  benchmark: number[] | null;
  /** CSW-Max-NSE only: Theorem 4.3's hypotheses hold. Dictatorship: the dictator's member index. */
  theorem43Applies: boolean | null;
  dictator: number | null;
}

export type MechanismRun = ({ ok: true } & MechanismPlan) | { ok: false; error: string };

/**
 * Run one of the §4 mechanisms on `g` (the types it was told, possibly residual). CSW-Max computes the
 * NSE of `g` as its step 1; CSW-Max-NSE uses the public status quo `statusQuo` (not re-verified under the
 * reports, as in the proof of Theorem 4.3); dictatorship uses member `dictator` (default: most resources,
 * lowest index). Never throws: a failure (no certified NSE of the reported game, a failed property check)
 * is returned so the caller can apply the documented fallback.
 */
export function runMechanism(kind: MechanismKind, g: SsgInstance, opts: { statusQuo?: NseProfile; dictator?: number } = {}): MechanismRun {
  try {
    let coverage: number[];
    let target: number;
    let utilities: number[];
    let benchmark: number[] | null = null;
    let theorem43Applies: boolean | null = null;
    let dict: number | null = null;
    if (kind === "cswMax") {
      const nse = trySolveNse(g);
      if (!nse.ok) return { ok: false, error: `no certified NSE of the reported game (${nse.error})` };
      const o = cswMax(g, nse.nse);
      ({ coverage, target } = o);
      utilities = o.defenderUtilities;
      benchmark = o.benchmark;
    } else if (kind === "cswMaxNse") {
      if (!opts.statusQuo) return { ok: false, error: "CSW-Max-NSE needs a status quo" };
      const o = cswMaxNse(g, opts.statusQuo, { verifyStatusQuo: false });
      ({ coverage, target } = o);
      utilities = o.defenderUtilities;
      benchmark = o.benchmark;
      theorem43Applies = o.theorem43Applies;
    } else {
      dict = opts.dictator ?? defaultDictator(g);
      const o = dictatorship(g, dict);
      ({ coverage, target } = o);
      utilities = o.defenderUtilities;
    }
    const dist = decomposeJoint(g, coverage, target);
    return { ok: true, coverage, target, dist, utilities, benchmark, theorem43Applies, dictator: dict };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

/**
 * A failed run when the reported payoffs (with the true attacker) have a reward − penalty gap too small
 * for the solver's tolerances (payoffRangeProblems; docs/games/ssg-defense.md, fallback), else null.
 */
export function unsolvableReports(attacker: SsgAttacker, reported: readonly SsgDefender[]): MechanismRun | null {
  const problems = payoffRangeProblems({ attacker, defenders: reported });
  return problems.length > 0 ? { ok: false, error: `the reported payoffs cannot be solved reliably: ${problems.join("; ")}` } : null;
}

/**
 * The attacked target for combined coverage c: a plan's explicit target while it is still a best
 * response of the (true) attacker to c, else the play rule `playTarget` (welfare-best best response,
 * ties to the lowest index; docs/papers/ssg.md §2).
 */
export function attackedTarget(g: SsgInstance, c: readonly number[], planned: number | null): number {
  if (planned !== null && isBestResponse(g, c, planned)) return planned;
  return playTarget(g, c);
}

/** A coverage vector that is 1 on the listed targets. */
export function indicator(targets: readonly number[], m: number): number[] {
  const out = new Array<number>(m).fill(0);
  for (const t of targets) if (t >= 0 && t < m) out[t] = 1;
  return out;
}

const sameSet = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((t, k) => t === b[k]);

/** Marginals of a joint plan after modifications: combined coverage, each defender's own part, and the others' part for each. */
export interface PlayedMarginals {
  coverage: number[];
  own: number[][];
  others: number[][];
}

/**
 * Coverage of the modified joint distribution φ(x) (Definition 5.1) when defender i, told s_i, plays
 * coverage d_i instead (plays[i] = d_i; null = follows), and follows every other recommendation:
 * φ(s_i) = d_i, φ(s) = s for s ≠ s_i. For each joint strategy S, i covers t with probability d_i,t if
 * S^i = s_i and [t ∈ S^i] otherwise, independently across defenders; so
 * ĉ_t = Σ_S x_S (1 − Π_i (1 − own^i_S(t))). With nobody modifying, ĉ is the plan's coverage.
 */
export function playedMarginals(
  dist: readonly JointAllocation[],
  m: number,
  told: readonly (readonly number[])[],
  plays: readonly (readonly number[] | null)[],
): PlayedMarginals {
  const n = told.length;
  const coverage = new Array<number>(m).fill(0);
  const own = Array.from({ length: n }, () => new Array<number>(m).fill(0));
  const others = Array.from({ length: n }, () => new Array<number>(m).fill(0));
  for (const e of dist) {
    const probs = Array.from({ length: n }, (_, i) => {
      const s = e.assignment[i] ?? [];
      const d = plays[i];
      return d && sameSet(s, told[i] ?? []) ? d : indicator(s, m);
    });
    for (let t = 0; t < m; t++) {
      let none = 1;
      for (let i = 0; i < n; i++) none *= 1 - (probs[i]![t] ?? 0);
      coverage[t]! += e.prob * (1 - none);
      for (let i = 0; i < n; i++) {
        const q = probs[i]![t] ?? 0;
        own[i]![t]! += e.prob * q;
        let noneOther = 1;
        for (let j = 0; j < n; j++) if (j !== i) noneOther *= 1 - (probs[j]![t] ?? 0);
        others[i]![t]! += e.prob * (1 - noneOther);
      }
    }
  }
  return { coverage, own, others };
}

/**
 * For defender i told s_i, with everyone else following: ĉ(d) = base + coef ∘ d (componentwise), the
 * affine map behind {@link playedMarginals} that the browser uses for the live preview of a change.
 * base_t = Σ_{S^i ≠ s_i} x_S cov_t(S) + Σ_{S^i = s_i} x_S o_S(t), coef_t = Σ_{S^i = s_i} x_S (1 − o_S(t)),
 * where o_S(t) = 1 when another defender covers t in S.
 */
export function modificationMap(dist: readonly JointAllocation[], m: number, i: number, told: readonly number[]): { base: number[]; coef: number[] } {
  const base = new Array<number>(m).fill(0);
  const coef = new Array<number>(m).fill(0);
  for (const e of dist) {
    const mine = e.assignment[i] ?? [];
    const byOthers = new Set(e.assignment.filter((_, j) => j !== i).flat());
    const isTold = sameSet(mine, told);
    for (let t = 0; t < m; t++) {
      const o = byOthers.has(t) ? 1 : 0;
      if (isTold) {
        base[t]! += e.prob * o;
        coef[t]! += e.prob * (1 - o);
      } else base[t]! += e.prob * (o || mine.includes(t) ? 1 : 0);
    }
  }
  return { base, coef };
}
