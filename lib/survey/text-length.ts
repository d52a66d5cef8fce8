/**
 * The length of a free-text answer as the person sees it: characters as drawn (grapheme clusters), so an
 * emoji, a flag or a letter with its accents counts as one, where JavaScript's `length` counts UTF-16 units
 * (an emoji is 2, a family emoji 8).
 */

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** Characters as drawn in `text`. */
export function textLength(text: string): number {
  let n = 0;
  for (const _ of graphemes.segment(text)) n++;
  return n;
}

/**
 * UTF-16 units allowed per character of a question's `maxLength`, so that what is stored stays bounded
 * whatever one character is made of (an emoji sequence is up to ~11 units; more is a stack of marks).
 */
export const MAX_UNITS_PER_CHARACTER = 12;

/**
 * UTF-16 units `text` may still take under a question's `maxLength` (negative: too many). The survey page's
 * field stops taking input at 0 (its `maxLength` attribute); the server refuses an answer below 0, even one
 * with few characters (e.g. one letter under 100 stacked accents), with its own message (`surveyTooManyMarks`).
 */
export function unitsLeft(text: string, maxLength: number): number {
  return maxLength * MAX_UNITS_PER_CHARACTER - text.length;
}
