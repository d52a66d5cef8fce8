/**
 * Whether the others' combined coverage may be shown to defender i without revealing one other
 * defender's allocation (treatment option `othersFeedback: "pooled"`, docs/games/ssg-defense.md).
 *
 * The others' combined coverage on a target protected by exactly one other defender IS that
 * defender's coverage there, and the round's combined coverage gives it away too (eq. 2 can be
 * solved for it from one's own coverage). So it is shown only when every target the others protect
 * is protected by at least two of them, and there are at least two others.
 */
const EPS = 1e-9;

export function othersPooled(own: readonly (readonly number[])[], i: number): boolean {
  const others = own.filter((_, j) => j !== i);
  if (others.length < 2) return false;
  const m = own[i]?.length ?? 0;
  for (let t = 0; t < m; t++) if (others.filter((c) => (c[t] ?? 0) > EPS).length === 1) return false;
  return true;
}
