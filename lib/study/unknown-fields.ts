/**
 * Fields a treatment file sets that no schema reads: zod drops them silently, so a misspelt field
 * ("surveys", "decisionSecond") would leave its setting at the default without a word. The launch
 * check lists them as warnings, with the field that was probably meant.
 */
import { z } from "zod";
import type { LoadedTreatment } from "../engine";
import { Treatment } from "../engine/treatment";

/** Edit distance of two short names (letters compared without case). */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[y.length]!;
}

/** The known name closest to `name`, when it is close enough to be a typing slip. */
function closest(name: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const k of known) {
    const d = distance(name, k);
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best !== null && bestD <= Math.max(1, Math.floor(best.length / 4)) ? best : null;
}

function unknownIn(raw: unknown, schema: unknown, prefix: string): string[] {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw) || !(schema instanceof z.ZodObject)) return [];
  const known = Object.keys(schema.shape);
  return Object.keys(raw)
    .filter((k) => !known.includes(k))
    .map((k) => {
      const meant = closest(k, known);
      return `${prefix}${k}: not a field of ${prefix ? `this game's ${prefix.slice(0, -1)}` : "a treatment"}, so it is ignored${meant ? `; did you mean "${meant}"?` : "."}`;
    });
}

/** Warnings for the top-level and `params` fields of the treatment as written (object or JSON text) that nothing reads. */
export function unknownFieldWarnings(raw: unknown, lt: LoadedTreatment): string[] {
  let input = raw;
  if (typeof raw === "string") {
    try {
      input = JSON.parse(raw.replace(/^\uFEFF/, ""));
    } catch {
      return [];
    }
  }
  const params = typeof input === "object" && input !== null ? (input as Record<string, unknown>).params : undefined;
  return [...unknownIn(input, Treatment, ""), ...unknownIn(params, lt.game.params, "params.")];
}
