/**
 * The exit survey's refusals, worded from the catalogues' `refusals` section (lib/i18n/messages): the
 * English sentence for logs and the export, plus the key and values the participant's page shows in
 * the treatment's language. The survey page's own labels are the catalogues' `survey` section.
 */
import { worded } from "../i18n/refusal";

export type Worded = ReturnType<typeof worded>;

/** A number as written in a message (at most 6 decimals, no exponent for the survey's ranges). */
const num = (x: number) => Number(x.toFixed(6));

export const SURVEY_REFUSALS = {
  required: (): Worded => worded("surveyRequired"),
  notText: (): Worded => worded("surveyNotText"),
  tooLong: (length: number, max: number): Worded => worded("surveyTooLong", { length, max }),
  /** Few enough characters, but more UTF-16 units than they may take (`MAX_UNITS_PER_CHARACTER`): stacked accents. */
  tooManyMarks: (): Worded => worded("surveyTooManyMarks"),
  brokenCharacter: (): Worded => worded("surveyBrokenCharacter"),
  numberRange: (min: number, max: number, decimals: number): Worded => worded("surveyNumberRange", { min: num(min), max: num(max), decimals }),
  decimals: (decimals: number): Worded => worded("surveyDecimals", { decimals }),
  /** "2,500" in a question allowing fewer than 3 decimals: both readings (2500 and 2.5) and what to type instead. */
  separator: (typed: string, thousands: string, decimal: number, min: number, max: number, decimals: number): Worded =>
    worded("surveySeparator", { typed, thousands, decimal, min: num(min), max: num(max), decimals }),
  chooseOption: (): Worded => worded("surveyChooseOption"),
  chooseScale: (points: number): Worded => worded("surveyChooseScale", { points }),
  unknownQuestion: (id: string): Worded => worded("surveyUnknownQuestion", { id }),
  fixBelow: (count: number): Worded => worded("surveyFixBelow", { count }),
  notYet: (): Worded => worded("surveyNotYet"),
  alreadyAnswered: (): Worded => worded("surveyAlreadyAnswered"),
  paused: (): Worded => worded("surveyPaused"),
  ended: (): Worded => worded("surveyEnded"),
} as const;
