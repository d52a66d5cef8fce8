/**
 * The launch check's figures for IDS treatments with a mechanism (Pivotal, Externality): the paper's
 * examples (lib/figures/ids.ts: budget and voluntary participation as the number of users N and the
 * cost spread vary, in the total-effort family of Examples 1, 2 and 4) with this treatment's N and
 * relative cost spread d = (c_max − c_min)/c_min marked where they fall inside the figure. The
 * examples do not depend on the treatment, so they are computed once per process (about 0.3 s).
 */
import { tidy, type Figure } from "./figure";
import { IDS_FIGURES, idsPaperFigures } from "./ids";

let examples: Figure[] | null = null;

/** The relative spread of unit costs c, (max − min)/min (null when a cost is not positive). */
export function costSpread(c: readonly number[]): number | null {
  const lo = Math.min(...c);
  return c.length === 0 || !(lo > 0) ? null : tidy((Math.max(...c) - lo) / lo);
}

export function idsLaunchFigures(c: readonly number[]): Figure[] {
  examples ??= idsPaperFigures();
  const n = c.length;
  const d = costSpread(c);
  const note = " This treatment's own α, W and costs are not of this family: the figure shows how the mechanisms behave as N and the cost spread vary, with this treatment's place marked.";
  return examples.map((f) => {
    if (f.x.field === "users")
      return n >= IDS_FIGURES.minUsers && n <= IDS_FIGURES.maxUsers ? { ...f, caption: f.caption + note, marker: { x: n, label: `this treatment: N = ${n}` } } : f;
    return d !== null && d >= IDS_FIGURES.minSpread && d <= IDS_FIGURES.maxSpread ? { ...f, caption: f.caption + note, marker: { x: d, label: `this treatment: d = ${d}` } } : f;
  });
}
