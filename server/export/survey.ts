/**
 * survey.csv: one row per seat with the exit survey's answers, one column per question id, and the
 * codebook rows that say what each question asked (text, type, range or options).
 */
import type { ColumnDoc } from "../../lib/core/game";
import type { SurveyRecord } from "../../lib/engine/state";
import type { SurveyQuestion } from "../../lib/survey/questions";
import { BASE_COLUMNS, exportedSeat } from "./columns";
import type { Cell } from "./csv";

const pick = (name: string) => BASE_COLUMNS.find((c) => c.name === name)!;

/** The columns every survey.csv has, before the question columns (lib/survey/questions.ts reserves their names). */
export const SURVEY_BASE_COLUMNS: ColumnDoc[] = [
  pick("session"),
  pick("treatment"),
  pick("seat"),
  pick("participant"),
  pick("label"),
  pick("external_id"),
  pick("external_source"),
  {
    name: "survey_status",
    type: "string",
    description:
      "answered (the participant sent the answers), answering (the survey is open and not sent yet), skipped (a bot played the seat when play ended, so nobody answered for the person), bot (a bot seat from the start answered, e.g. in a bot pilot), closed (the survey was open and the experimenter ended the session before the participant sent the answers), not_reached (play had not ended for the seat, or the session ended before), no_survey (the session's treatment has no exit survey).",
  },
  { name: "survey_ms", type: "number", unit: "ms", description: "Time from the survey opening to the answers being sent (server clock); empty unless survey_status is answered." },
];

const num = (x: number) => String(Number(x.toFixed(6)));

/** What a question's column holds, in words: its text, kind, range or options, and whether it could be left empty. */
function describe(q: SurveyQuestion, n: number): string {
  const asked = `Survey question ${n}: "${q.prompt}"${q.help ? ` (${q.help})` : ""}.`;
  const empty = q.required ? "Required; empty only when not answered (see survey_status)." : "Optional; empty when left unanswered.";
  switch (q.type) {
    case "text":
      return `${asked} Free text, at most ${q.maxLength} characters. ${empty}`;
    case "number":
      return `${asked} ${q.decimals === 0 ? "A whole number" : `A number with at most ${q.decimals} decimal${q.decimals === 1 ? "" : "s"}`} from ${num(q.min)} to ${num(q.max)}. ${empty}`;
    case "choice":
      return `${asked} One choice; the value recorded for each option: ${q.options.map((o) => (String(o.value) === o.label ? `"${o.label}"` : `${JSON.stringify(o.value)} = "${o.label}"`)).join(", ")}. ${empty}`;
    case "likert":
      return `${asked} Likert scale 1 to ${q.points}: 1 = "${q.lowLabel}", ${q.points} = "${q.highLabel}". ${empty}`;
  }
}

function typeOf(q: SurveyQuestion): ColumnDoc["type"] {
  if (q.type === "text") return "string";
  if (q.type === "choice") return q.options.every((o) => typeof o.value === "number") ? "number" : "string";
  return "number";
}

/** The codebook entry of each question's column. */
export function surveyQuestionColumns(questions: readonly SurveyQuestion[]): ColumnDoc[] {
  return questions.map((q, i) => ({
    name: q.id,
    type: typeOf(q),
    ...(q.type === "number" && q.unit ? { unit: q.unit } : {}),
    description: describe(q, i + 1),
  }));
}

/** survey.csv's columns for one treatment's questions. */
export function surveyColumns(questions: readonly SurveyQuestion[]): ColumnDoc[] {
  return [...SURVEY_BASE_COLUMNS, ...surveyQuestionColumns(questions)];
}

/** What survey.csv needs of a seat (from the session state). */
export interface SurveySeat {
  id: string;
  /** The session state's 0-based seat index (the row writes it from 1: `exportedSeat`). */
  seat: number;
  label: string | null;
  external?: { source: string; id: string } | null;
  stage: string;
  survey?: SurveyRecord;
  surveyStartedMs?: number;
}

/**
 * The seat's survey_status. `hasSurvey` false: the treatment asks no exit survey, so a seat without
 * answers is "no_survey" (not "not_reached", which reads as if the person dropped out before it). A seat
 * whose survey opened (`surveyStartedMs`) and has no answers but is no longer on it was on the survey when
 * the experimenter ended the session (End session sends everyone to the final page): "closed".
 */
export function surveyStatus(p: SurveySeat, hasSurvey: boolean): string {
  if (p.survey) return p.survey.status;
  if (p.stage === "survey") return "answering";
  if (!hasSurvey) return "no_survey";
  return p.surveyStartedMs !== undefined ? "closed" : "not_reached";
}

/**
 * One seat's row of survey.csv. `hasSurvey`: whether the session's treatment has an exit survey (true
 * when the treatment cannot be read any more: then an unanswered seat stays "not_reached").
 */
export function surveyRow(base: { session: string; treatment: string }, p: SurveySeat, hasSurvey: boolean): Record<string, Cell> {
  const answered = p.survey?.status === "answered" && p.surveyStartedMs !== undefined;
  return {
    ...base,
    seat: exportedSeat(p.seat),
    participant: p.id,
    label: p.label,
    external_id: p.external?.id ?? null,
    external_source: p.external?.source ?? null,
    survey_status: surveyStatus(p, hasSurvey),
    survey_ms: answered ? Math.max(0, p.survey!.atMs - p.surveyStartedMs!) : null,
    ...(p.survey?.answers ?? {}),
  };
}
