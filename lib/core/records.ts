/**
 * Record schemas: a game declares, with zod, the records its `score` emits per round — per player a
 * decision and an outcome, and one group record — with a description (and unit) for every field via
 * `.describe()` or `.meta({ description, unit })`. The export's codebook is derived from them:
 * field `x` of the decision record is the column `decision_x`, and so on; a column outside the
 * schemas cannot be exported (server/export).
 */
import { z } from "zod";
import type { ColumnDoc } from "./game";

type ScalarField = z.ZodType<number | string | boolean | null | undefined>;
export type RecordShape = Record<string, ScalarField>;

export interface RecordSchemas {
  decision: z.ZodObject<RecordShape>;
  outcome: z.ZodObject<RecordShape>;
  group: z.ZodObject<RecordShape>;
}

/**
 * The record types of a game's schemas, e.g. `RoundScore<RecordsOf<typeof idsRecords>>`: exact shapes,
 * so an object literal with a key the schemas do not declare fails to compile (excess-property check).
 */
export type RecordsOf<R extends RecordSchemas> = {
  decision: z.infer<R["decision"]>;
  outcome: z.infer<R["outcome"]>;
  group: z.infer<R["group"]>;
};

/** Identity helper that keeps the three shapes inferred. */
export function defineRecords<D extends RecordShape, O extends RecordShape, G extends RecordShape>(r: {
  decision: z.ZodObject<D>;
  outcome: z.ZodObject<O>;
  group: z.ZodObject<G>;
}) {
  return r;
}

/** A numeric record field with its description (and unit). */
export const numberField = (description: string, unit?: string) => z.number().meta(unit ? { description, unit } : { description });
/** A numeric record field that may be empty (null), e.g. a benchmark that does not exist. */
export const optionalNumberField = (description: string, unit?: string) =>
  z.number().nullable().meta(unit ? { description, unit } : { description });

const PREFIX = { decision: "decision_", outcome: "outcome_", group: "group_" } as const;

function baseType(field: z.ZodType): ColumnDoc["type"] {
  let t: z.ZodType = field;
  while (t instanceof z.ZodNullable || t instanceof z.ZodOptional || t instanceof z.ZodDefault) t = t.unwrap() as z.ZodType;
  if (t instanceof z.ZodNumber) return "number";
  if (t instanceof z.ZodBoolean) return "boolean";
  if (t instanceof z.ZodString || t instanceof z.ZodEnum || t instanceof z.ZodLiteral) return "string";
  throw new Error(`record fields must be numbers, strings or booleans (got ${t.def.type})`);
}

function metaOf(field: z.ZodType): { description?: unknown; unit?: unknown } {
  return field.meta() ?? {};
}

/** The codebook columns of a game's records, in declaration order (decision, outcome, group). */
export function codebookFromRecords(r: RecordSchemas): ColumnDoc[] {
  const out: ColumnDoc[] = [];
  for (const kind of ["decision", "outcome", "group"] as const) {
    for (const [key, field] of Object.entries(r[kind].shape)) {
      const meta = metaOf(field);
      const description = typeof meta.description === "string" ? meta.description : field.description;
      if (!description) throw new Error(`record field ${PREFIX[kind]}${key} has no description: add .describe("…")`);
      const col: ColumnDoc = { name: `${PREFIX[kind]}${key}`, type: baseType(field), description };
      if (typeof meta.unit === "string") col.unit = meta.unit;
      out.push(col);
    }
  }
  return out;
}

/** The codebook of any game: derived from `records`, or the legacy hand-written list. */
export function codebookOf(game: { records?: RecordSchemas; codebook?: readonly ColumnDoc[] }): ColumnDoc[] {
  return game.records ? codebookFromRecords(game.records) : [...(game.codebook ?? [])];
}
