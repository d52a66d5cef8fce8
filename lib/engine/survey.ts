/**
 * The exit survey in the participant flow: when a participant's play ends (their group finished or
 * ended), they answer the treatment's survey questions before the final page. The answers arrive as
 * one intent, are checked against each question (lib/survey/answers.ts) and stored with the state, so
 * they are acknowledged only once written, like every decision. Bot seats answer at once (bot pilots
 * finish); a seat a bot plays for a person skips the survey (a bot never answers for a person).
 */
import { ActionErrorCode, type ActionError } from "../core/errors";
import { deriveState, makeRng } from "../core/rng";
import { checkSurveyAnswers, sameAnswers } from "../survey/answers";
import { botSurveyAnswers } from "../survey/bot";
import { SURVEY_REFUSALS as T, type Worded } from "../survey/text";
import { draftParticipant } from "./draft";
import type { ParticipantState, SessionState } from "./state";
import type { LoadedTreatment } from "./treatment";

export type SurveyResult = { ok: true; duplicate?: boolean } | { ok: false; error: ActionError };

/** Play is over for `pid`: open the exit survey, or go to the final page (no survey, or a bot's seat). */
export function finishPlay(s: SessionState, lt: LoadedTreatment, pid: string, nowMs: number) {
  const p = draftParticipant(s, pid);
  const questions = lt.treatment.survey;
  if (questions.length === 0) {
    p.stage = "done";
    return;
  }
  if (p.bot) {
    const rng = makeRng(deriveState(s.rng, "survey", p.seat));
    p.survey = { status: "bot", answers: botSurveyAnswers(questions, rng), atMs: nowMs };
    p.surveyStartedMs = nowMs;
    p.stage = "done";
    return;
  }
  p.surveyStartedMs = nowMs;
  if (p.replacedByBot) return skipSurvey(p, nowMs);
  p.stage = "survey";
}

/** A bot plays the seat now: the person's survey is skipped (nobody answered for them). */
export function skipSurvey(p: ParticipantState, nowMs: number) {
  p.survey = { status: "skipped", answers: {}, atMs: nowMs };
  p.stage = "done";
}

const refuse = (code: ActionError["code"], w: Worded, problems?: Record<string, Worded>): SurveyResult => {
  const error: ActionError = { code, message: w.message, wording: w.wording };
  if (problems) {
    error.fields = Object.create(null) as Record<string, string>;
    error.fieldWordings = Object.create(null) as Record<string, Worded["wording"]>;
    for (const [id, p] of Object.entries(problems)) {
      error.fields[id] = p.message;
      error.fieldWordings[id] = p.wording;
    }
  }
  return { ok: false, error };
};

/** A participant's survey answers: checked, then stored, and the final page opens. */
export function applySurvey(s: SessionState, current: ParticipantState, lt: LoadedTreatment, raw: Readonly<Record<string, unknown>>, nowMs: number): SurveyResult {
  const questions = lt.treatment.survey;
  if (current.stage === "done" && current.survey?.status === "answered") {
    const again = checkSurveyAnswers(questions, raw);
    // the same answers again (a retry after a lost acknowledgement) count once
    if (again.ok && sameAnswers(again.answers, current.survey.answers)) return { ok: true, duplicate: true };
    return refuse(ActionErrorCode.AlreadySubmitted, T.alreadyAnswered());
  }
  if (current.stage !== "survey") {
    if (s.status === "ended" || current.stage === "done") return refuse(ActionErrorCode.MatchOver, T.ended());
    return refuse(ActionErrorCode.WrongStep, T.notYet());
  }
  if (s.status === "paused") return refuse(ActionErrorCode.Paused, T.paused());
  const checked = checkSurveyAnswers(questions, raw);
  if (!checked.ok) {
    const n = Object.keys(checked.problems).length;
    return refuse(ActionErrorCode.OutOfRange, T.fixBelow(n), checked.problems);
  }
  const p = draftParticipant(s, current.id);
  p.survey = { status: "answered", answers: checked.answers, atMs: nowMs };
  p.stage = "done";
  return { ok: true };
}
