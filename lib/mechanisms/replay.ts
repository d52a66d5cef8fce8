/**
 * Replaying recorded rounds: recompute a round with the unit of its recorded id@version and list every
 * difference between the recorded and the recomputed output. Used by `mechlab replay` and the tests.
 * The unit's output only: how a game turns it into payoffs and records (its `score`) is not recomputed;
 * lib/games/kit-determinism.test.ts checks that every game gives the same records from the same seed.
 *
 * Comparison: strings, booleans, null and whole numbers must be equal; other numbers match when
 * |recorded − recomputed| ≤ FLOAT_TOLERANCE · max(1, |recorded|, |recomputed|); arrays must have the
 * same length and objects the same keys. Values are compared after a JSON round trip (as stored).
 */
import { findUnit } from "./registry";
import { unitKey } from "./unit";

export const FLOAT_TOLERANCE = 1e-9;

export interface Difference {
  /** Where in the output (e.g. `outcome.cis[2].points`); empty for the round as a whole. */
  path: string;
  recorded: unknown;
  recomputed: unknown;
  /** What is wrong when it is not a value (unknown unit, invalid input, the computation failed). */
  note?: string;
}

export interface RecordedRound {
  mechanism: { id: string; version: string };
  input: unknown;
  output: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const show = (v: unknown) => (v === undefined ? "(missing)" : v);

function numbersMatch(a: number, b: number): boolean {
  if (a === b) return true;
  if (Number.isInteger(a) && Number.isInteger(b)) return false;
  return Math.abs(a - b) <= FLOAT_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Every difference between two JSON values. */
export function compareValues(recorded: unknown, recomputed: unknown, path = ""): Difference[] {
  if (typeof recorded === "number" && typeof recomputed === "number")
    return numbersMatch(recorded, recomputed) ? [] : [{ path, recorded, recomputed }];
  if (Array.isArray(recorded) && Array.isArray(recomputed)) {
    const out: Difference[] = [];
    if (recorded.length !== recomputed.length) out.push({ path, recorded: `${recorded.length} entries`, recomputed: `${recomputed.length} entries`, note: "different lengths" });
    for (let i = 0; i < Math.min(recorded.length, recomputed.length); i++) out.push(...compareValues(recorded[i], recomputed[i], `${path}[${i}]`));
    return out;
  }
  if (isObject(recorded) && isObject(recomputed)) {
    const keys = [...new Set([...Object.keys(recorded), ...Object.keys(recomputed)])];
    return keys.flatMap((k) => compareValues(recorded[k], recomputed[k], path ? `${path}.${k}` : k));
  }
  return recorded === recomputed ? [] : [{ path, recorded: show(recorded), recomputed: show(recomputed) }];
}

/** Recompute one recorded round with its unit and compare (an empty list: the round matches). */
export function replayRound(r: RecordedRound): Difference[] {
  const key = unitKey(r.mechanism);
  const unit = findUnit(r.mechanism.id, r.mechanism.version);
  if (!unit) return [{ path: "mechanism", recorded: key, recomputed: null, note: `no mechanism unit ${key} in this version of mechlab` }];
  const parsed = unit.input.safeParse(r.input);
  if (!parsed.success)
    return parsed.error.issues.map((i) => ({ path: `input.${i.path.join(".")}`, recorded: null, recomputed: null, note: `the recorded input does not fit ${key}: ${i.message}` }));
  let output: unknown;
  try {
    output = JSON.parse(JSON.stringify(unit.run(parsed.data)));
  } catch (e) {
    return [{ path: "", recorded: null, recomputed: null, note: `${key} failed on the recorded input: ${(e as Error).message}` }];
  }
  return compareValues(r.output, output);
}
