/**
 * Exit-survey questions a treatment may list (`survey: [...]`), shown after the last round and before
 * the final page. Four kinds, like the question types oTree and LIONESS users build most often:
 * free text with a length cap, a number with a range and decimals, a single choice, and a Likert scale.
 * Each question has an `id` (its column in survey.csv), a `prompt`, and is required unless
 * `required: false`.
 */
import { z } from "zod";

export const SURVEY_LIMITS = {
  maxQuestions: 50,
  /** Characters of a prompt, help text, option label or scale label. */
  maxPromptChars: 2_000,
  /** Longest answer a text question may allow. */
  maxTextAnswerChars: 5_000,
  maxOptions: 30,
  /** Points of a Likert scale. */
  minPoints: 2,
  maxPoints: 11,
} as const;
const L = SURVEY_LIMITS;

/** Columns of survey.csv that are not questions: no question may use these ids. */
export const SURVEY_FIXED_COLUMNS = ["session", "treatment", "seat", "participant", "label", "external_id", "external_source", "survey_status", "survey_ms"] as const;

const words = (max: number) => z.string().trim().min(1, "write some text").max(max, `use at most ${max} characters`);

const common = {
  /** The column name in survey.csv: lower-case letters, digits and underscores, starting with a letter. */
  id: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, "use 1 to 40 lower-case letters, digits or underscores, starting with a letter (it names the column in survey.csv), e.g. \"age\""),
  prompt: words(L.maxPromptChars),
  /** A line under the prompt (e.g. "in years"). */
  help: words(L.maxPromptChars).optional(),
  required: z.boolean().default(true),
};

export const TextQuestion = z.object({
  ...common,
  type: z.literal("text"),
  /** Most characters of the answer. */
  maxLength: z.number().int().min(1).max(L.maxTextAnswerChars, `use at most ${L.maxTextAnswerChars}`).default(500),
  /** A box of several lines instead of one line. */
  multiline: z.boolean().default(false),
});

/** The answers a number question allows, as whole numbers lo … hi of 1/scale (scale = 10^decimals). */
export function numberGrid(q: { min: number; max: number; decimals: number }): { lo: number; hi: number; scale: number } {
  const scale = 10 ** q.decimals;
  return { lo: Math.ceil(q.min * scale - 1e-7), hi: Math.floor(q.max * scale + 1e-7), scale };
}

export const NumberQuestion = z
  .object({
    ...common,
    type: z.literal("number"),
    min: z.number().min(-1e9).max(1e9),
    max: z.number().min(-1e9).max(1e9),
    /** Most decimals of the answer: 0 asks for a whole number. */
    decimals: z.number().int().min(0).max(6).default(0),
    /** Shown after the field, e.g. "years". */
    unit: z.string().trim().max(40).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.min > q.max) ctx.addIssue({ code: "custom", path: ["max"], message: `max (${q.max}) is below min (${q.min})` });
    else if (numberGrid(q).lo > numberGrid(q).hi)
      ctx.addIssue({ code: "custom", path: ["decimals"], message: `no number with at most ${q.decimals} decimals lies between ${q.min} and ${q.max}; allow more decimals or widen the range` });
  });

const Option = z.union([
  words(L.maxPromptChars).transform((label) => ({ value: label as string | number, label })),
  z.object({
    /** What survey.csv records for this option (e.g. a code such as 1 or "m"). */
    value: z.union([z.string().trim().min(1).max(100), z.number().int().min(-1e9).max(1e9)]),
    label: words(L.maxPromptChars),
  }),
]);

export const ChoiceQuestion = z.object({
  ...common,
  type: z.literal("choice"),
  /** Labels (recorded as typed) or { value, label } pairs (the value is recorded). */
  options: z
    .array(Option)
    .min(2, "give at least two options")
    .max(L.maxOptions, `use at most ${L.maxOptions} options`)
    .superRefine((options, ctx) => {
      const values = options.map((o) => String(o.value));
      const dup = values.findIndex((v, j) => values.indexOf(v) !== j);
      if (dup >= 0) ctx.addIssue({ code: "custom", path: [dup], message: `the value "${values[dup]}" is used by two options; give each option its own value` });
    }),
});

export const LikertQuestion = z.object({
  ...common,
  type: z.literal("likert"),
  /** Points of the scale; answers are 1 … points. */
  points: z.number().int().min(L.minPoints, `use ${L.minPoints} to ${L.maxPoints} points`).max(L.maxPoints, `use ${L.minPoints} to ${L.maxPoints} points`).default(5),
  /** Labels of the two ends, e.g. "Strongly disagree" and "Strongly agree". */
  lowLabel: words(200),
  highLabel: words(200),
});

export const SurveyQuestion = z.discriminatedUnion("type", [TextQuestion, NumberQuestion, ChoiceQuestion, LikertQuestion], {
  error: (issue) =>
    issue.code === "invalid_union" ? "use one of text, number, choice, likert" : undefined,
});
export type SurveyQuestion = z.infer<typeof SurveyQuestion>;
export type SurveyQuestionInput = z.input<typeof SurveyQuestion>;

const ID = /^[a-z][a-z0-9_]{0,39}$/;

/** The exit survey: at most SURVEY_LIMITS.maxQuestions questions with distinct ids. */
export const Survey = z
  .array(SurveyQuestion)
  .max(L.maxQuestions, `use at most ${L.maxQuestions} survey questions`)
  .superRefine(
    (qs: unknown[], ctx) => {
      // also runs when a question has other problems, so every problem is listed at once
      const seen = new Map<string, number>();
      qs.forEach((q, i) => {
        const id = typeof q === "object" && q !== null ? (q as { id?: unknown }).id : undefined;
        if (typeof id !== "string" || !ID.test(id)) return;
        const first = seen.get(id);
        if (first !== undefined) ctx.addIssue({ code: "custom", path: [i, "id"], message: `"${id}" is already the id of question ${first + 1}; give every question its own id` });
        else seen.set(id, i);
        if ((SURVEY_FIXED_COLUMNS as readonly string[]).includes(id))
          ctx.addIssue({ code: "custom", path: [i, "id"], message: `"${id}" is a column survey.csv always has; choose another id` });
      });
    },
    { when: (payload) => Array.isArray(payload.value) },
  );
export type Survey = z.infer<typeof Survey>;

/** An answer as stored and exported: text, a number (number, Likert), an option's value, or null (not answered). */
export type SurveyValue = string | number | null;
