/**
 * Live preview for the allocation widget, computed in the browser from the defender's own view only:
 * - combined coverage: own coverage combined by eq. (2) with what the preview may assume of the others
 *   (last round's combined coverage of the others when the treatment shows it, else nothing), or, for a
 *   changed recommendation, the modified plan ĉ(d) = base + coef ∘ d (everyone else follows);
 * - the attacker's utility per target U^a = r − c·(r − p) and his best responses (when his payoffs are
 *   public); ties are shown as ties, because the welfare tie rule needs the others' private payoffs;
 * - the defender's expected utility U = p + c·(r − p) at the predicted target, when it is unique.
 */
import { bestResponseSet } from "@/lib/mechanisms/ssg/attacker";
import { attackerUtility, combineCoverage, defenderUtility, type SsgInstance } from "@/lib/mechanisms/ssg/model";
import type { SsgView } from "@/lib/games/ssg-defense/views";
import { fmtPercent } from "../../lib-client/format";

export interface Preview {
  combined: number[];
  /** U^a per target, null when the attacker's payoffs are hidden. */
  attackerValues: number[] | null;
  /** The attacker's best responses (one unless tied); empty when his payoffs are hidden. */
  likely: number[];
  /** My expected utility when the likely target is unique, else null. */
  myExpected: number | null;
}

/** A share as a whole percent, "40%" (German "40 %"). */
export const pct = (x: number) => fmtPercent(x);

/** Set target t of `cov` to `value`, clamped to [0, 1] and to what is left of the k units. */
export function setCoverage(cov: readonly number[], t: number, value: number, k: number): number[] {
  const rest = cov.reduce((a, x, j) => (j === t ? a : a + x), 0);
  const max = Math.max(0, Math.min(1, k - rest));
  const x = Math.min(max, Math.max(0, Number.isFinite(value) ? value : 0));
  return cov.map((y, j) => (j === t ? Math.round(x * 100) / 100 : y));
}

/** k units spread evenly (in whole percent, never above k in total). */
export function evenly(m: number, k: number): number[] {
  return new Array<number>(m).fill(Math.floor(Math.min(1, k / m) * 100) / 100);
}

export const usedUnits = (cov: readonly number[]) => Math.round(cov.reduce((a, x) => a + x, 0) * 100) / 100;

/** What the preview assumes about the others: the key of its sentence in the `ssg` catalogue section. */
export function assumption(v: SsgView, kind: "allocate" | "change"): "assumeOthersFollow" | "assumeLastRound" | "assumeOwnOnly" {
  if (kind === "change") return "assumeOthersFollow";
  if (v.last.others) return "assumeLastRound";
  return "assumeOwnOnly";
}

/**
 * The results row "Chance <target> was protected": the number (shown), a note that it is withheld so it
 * does not reveal another defender's patrol (othersFeedback "pooled"), or no row (feedback "outcome").
 */
export function chanceRow(r: Pick<NonNullable<SsgView["results"]>, "coverage" | "coverageWithheld">): "shown" | "withheld" | "none" {
  if (r.coverage) return "shown";
  return r.coverageWithheld ? "withheld" : "none";
}

/** The game as this defender knows it: the attacker (when public) and herself as defender 0. */
function knownGame(v: SsgView): SsgInstance | null {
  return v.attacker ? { attacker: v.attacker, defenders: [{ resources: v.me.resources, reward: v.me.reward, penalty: v.me.penalty }] } : null;
}

/**
 * The attacker's values, best responses (the core's `bestResponseSet`, tolerance 1e-9 × the scale of
 * the payoffs this defender knows) and my expected utility. A plan's target stays the prediction while
 * it is a best response, as on the server (docs/games/ssg-defense.md §2.1).
 */
function evaluate(v: SsgView, combined: number[], planned: number | null): Preview {
  const g = knownGame(v);
  if (!g) return { combined, attackerValues: null, likely: [], myExpected: null };
  const br = bestResponseSet(g, combined);
  const likely = planned !== null && br.includes(planned) ? [planned] : br;
  const t = likely.length === 1 ? likely[0]! : null;
  return {
    combined,
    attackerValues: combined.map((_, u) => attackerUtility(g, combined, u)),
    likely,
    myExpected: t === null ? null : defenderUtility(g, 0, combined, t),
  };
}

/** Preview of allocating `own` alone (uncoordinated play, or acting alone in a join treatment). */
export function previewAllocation(v: SsgView, own: readonly number[]): Preview {
  return evaluate(v, combineCoverage(v.last.others ? [own, v.last.others] : [own], own.length), null);
}

/** Preview of playing coverage d instead of the recommendation (everyone else follows). */
export function previewChange(v: SsgView, d: readonly number[]): Preview | null {
  const r = v.recommendation;
  if (!r) return null;
  const combined = r.base.map((b, t) => Math.min(1, b + r.coef[t]! * (d[t] ?? 0)));
  return evaluate(v, combined, r.planTarget);
}

/** Points for a utility: pointsOffset + pointsScale · U. */
export const pointsOf = (v: SsgView, u: number) => v.pointsOffset + v.pointsScale * u;

/** A coverage vector stored as JSON in the draft; anything unreadable becomes zeros. */
export function readCoverage(text: string, m: number): number[] {
  try {
    const v: unknown = JSON.parse(text);
    if (Array.isArray(v) && v.length === m) {
      const c = v.flatMap((x) => (typeof x === "number" && x >= 0 && x <= 1 ? [x] : []));
      if (c.length === m) return c;
    }
  } catch {
    /* fall through */
  }
  return new Array<number>(m).fill(0);
}
