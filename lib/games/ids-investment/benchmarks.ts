/**
 * The instance's Nash equilibrium and social optimum (eq. 2), computed once per parameter set by the
 * mechanism core and shown to the experimenter next to what was played.
 */
import { nashEquilibrium, socialOptimum } from "../../mechanisms/ids";
import { instanceOf, type IdsParams } from "./params";

export interface IdsBenchmarks {
  socialOptimum: { x: number[]; cost: number };
  nash: { x: number[]; cost: number } | null;
  nashError: string | null;
}

const cache = new Map<string, IdsBenchmarks>();

export function idsBenchmarks(p: IdsParams): IdsBenchmarks {
  const inst = instanceOf(p);
  const key = JSON.stringify(inst);
  const hit = cache.get(key);
  if (hit) return hit;
  const so = socialOptimum(inst);
  let nash: IdsBenchmarks["nash"] = null;
  let nashError: string | null = null;
  try {
    const ne = nashEquilibrium(inst);
    nash = { x: ne.x, cost: ne.costs.reduce((a, b) => a + b, 0) };
  } catch (e) {
    nashError = (e as Error).message;
  }
  const out = { socialOptimum: { x: so.x, cost: so.cost }, nash, nashError };
  if (cache.size > 100) cache.clear();
  cache.set(key, out);
  return out;
}

/** Euclidean distance between two profiles. */
export function distance(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += ((a[i] ?? 0) - (b[i] ?? 0)) ** 2;
  return Math.sqrt(s);
}
