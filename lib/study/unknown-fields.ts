/**
 * Fields a treatment file sets that no schema reads: zod drops them silently, so a misspelt field
 * ("surveys", "decisionSecond", "payment.showupFee") would leave its setting at the default without a
 * word. The launch check lists them as warnings, with the field that was probably meant.
 *
 * Every nesting level is checked, by walking the zod schemas themselves (the treatment's, with the
 * game's own params schema under `params`) alongside the file: object shapes, arrays and tuples of
 * objects, records, optional/nullable/default wrappers, pipes, and unions (a discriminated union by
 * its discriminator, any other by the first alternative that accepts the value, as zod picks it).
 * A field added to a schema is therefore known here without a list to update. Objects that refuse
 * unknown fields themselves (z.strictObject: an error already) or keep them (z.looseObject) are not
 * reported.
 */
import { z } from "zod";
import type { LoadedTreatment } from "../engine";
import { Treatment } from "../engine/treatment";

/** Edit distance of two short names (letters compared without case; two swapped letters count as one slip, "lable"). */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let before: number[] = [];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      row.push(d);
    }
    [before, prev] = [prev, row];
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
  // a one-letter name is no slip of another one-letter name ("b" is not a misspelt "a")
  return best !== null && bestD <= Math.max(1, Math.floor(best.length / 4)) && bestD < Math.max(best.length, name.length) ? best : null;
}

type Schema = z.core.$ZodType;
type Plain = Record<string, unknown>;

const isPlain = (v: unknown): v is Plain => typeof v === "object" && v !== null && !Array.isArray(v);

/** Whether `schema` accepts `value` (a union's alternative is chosen this way, as zod does). */
function accepts(schema: Schema, value: unknown): boolean {
  try {
    return z.safeParse(schema, value).success;
  } catch {
    return false; // an async refinement: never used by treatments
  }
}

/**
 * The schemas that read `value` where `schema` stands, with wrappers taken off: optional, nullable,
 * default, pipes (the input side), lazy, the union alternative that applies, both sides of an
 * intersection. What is left is an object, array, tuple, record or a leaf.
 */
function resolve(schema: Schema, value: unknown, depth = 0): Schema[] {
  if (depth > 50) return [];
  const again = (s: Schema) => resolve(s, value, depth + 1);
  if (
    schema instanceof z.core.$ZodOptional ||
    schema instanceof z.core.$ZodNullable ||
    schema instanceof z.core.$ZodDefault ||
    schema instanceof z.core.$ZodPrefault ||
    schema instanceof z.core.$ZodNonOptional ||
    schema instanceof z.core.$ZodCatch ||
    schema instanceof z.core.$ZodReadonly
  )
    return again(schema._zod.def.innerType);
  if (schema instanceof z.core.$ZodLazy) return again(schema._zod.def.getter());
  if (schema instanceof z.core.$ZodPipe) {
    // z.preprocess(f, s) is a pipe from a transform: the file's value is only what f is given
    const { in: input, out } = schema._zod.def;
    return input instanceof z.core.$ZodTransform ? again(out) : again(input);
  }
  if (schema instanceof z.core.$ZodIntersection) return [...again(schema._zod.def.left), ...again(schema._zod.def.right)];
  if (schema instanceof z.core.$ZodDiscriminatedUnion) {
    const key = schema._zod.def.discriminator;
    const tag = isPlain(value) && Object.hasOwn(value, key) ? value[key] : undefined;
    const option = schema._zod.def.options.find((o) => o._zod.propValues?.[key]?.has(tag as never));
    return option ? again(option) : [];
  }
  if (schema instanceof z.core.$ZodUnion) {
    const option = schema._zod.def.options.find((o) => accepts(o, value));
    return option ? again(option) : [];
  }
  return [schema];
}

/** `path` + `.key` (`key` alone at the top). */
const join = (path: string, key: string) => (path === "" ? key : `${path}.${key}`);

function where(path: string): string {
  if (path === "") return "a treatment";
  if (path === "params") return "this game's params";
  return path;
}

/**
 * Warnings for `value` read by `schema` at `path`; `replace` gives the schema that really reads a
 * path (the game's params under `params`, where the treatment only has a record).
 */
function walk(schema: Schema, value: unknown, path: string, replace: ReadonlyMap<string, Schema>, out: string[]): void {
  const resolved = resolve(replace.get(path) ?? schema, value);
  const objects = resolved.filter((s): s is z.core.$ZodObject => s instanceof z.core.$ZodObject);
  if (objects.length > 0 && isPlain(value)) {
    const known = [...new Set(objects.flatMap((o) => Object.keys(o._zod.def.shape)))];
    // only objects that drop unknown fields silently (z.object) are reported; strict ones refuse them
    if (objects.every((o) => o._zod.def.catchall === undefined))
      for (const k of Object.keys(value).filter((k) => !known.includes(k))) {
        const meant = closest(k, known);
        out.push(`${join(path, k)}: not a field of ${where(path)}, so it is ignored${meant ? `; did you mean "${meant}"?` : "."}`);
      }
    for (const o of objects)
      for (const [k, child] of Object.entries(o._zod.def.shape)) if (Object.hasOwn(value, k)) walk(child, value[k], join(path, k), replace, out);
  }
  for (const s of resolved) {
    if (s instanceof z.core.$ZodArray && Array.isArray(value)) value.forEach((v, i) => walk(s._zod.def.element, v, `${path}[${i}]`, replace, out));
    else if (s instanceof z.core.$ZodTuple && Array.isArray(value)) {
      const { items, rest } = s._zod.def;
      value.forEach((v, i) => {
        const item = i < items.length ? items[i] : rest;
        if (item) walk(item, v, `${path}[${i}]`, replace, out);
      });
    } else if (s instanceof z.core.$ZodRecord && isPlain(value))
      for (const [k, v] of Object.entries(value)) walk(s._zod.def.valueType, v, join(path, k), replace, out);
  }
}

/** Warnings for the fields of `raw` (an object or JSON text) that `schema` does not read, at every nesting level. */
export function unknownFieldsOf(schema: Schema, raw: unknown, replace: ReadonlyMap<string, Schema> = new Map()): string[] {
  const out: string[] = [];
  walk(schema, raw, "", replace, out);
  return [...new Set(out)];
}

/** Warnings for the fields of the treatment as written (object or JSON text) that nothing reads, at every nesting level. */
export function unknownFieldWarnings(raw: unknown, lt: LoadedTreatment): string[] {
  let input = raw;
  if (typeof raw === "string") {
    try {
      input = JSON.parse(raw.replace(/^\uFEFF/, ""));
    } catch {
      return [];
    }
  }
  return unknownFieldsOf(Treatment, input, new Map([["params", lt.game.params as Schema]]));
}
