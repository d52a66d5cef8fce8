/**
 * What a bot seat answers in the exit survey, so a bot pilot fills survey.csv and finishes: a valid
 * answer to every required question, drawn from the bot's own stream (replayable), and nothing for
 * optional text (bots have nothing to say). Seats a bot took over from a person skip the survey
 * instead (the engine decides that; a bot must not speak for a person).
 */
import type { Rng } from "../core/rng";
import type { SurveyAnswers } from "./answers";
import { numberGrid, type SurveyQuestion, type SurveyValue } from "./questions";

function botAnswer(q: SurveyQuestion, rng: Rng): SurveyValue {
  switch (q.type) {
    case "text":
      return q.required ? "bot".slice(0, q.maxLength) : null;
    case "number": {
      const { lo, hi, scale } = numberGrid(q);
      return Number(((lo + rng.int(Math.min(hi - lo + 1, 2 ** 32))) / scale).toFixed(q.decimals));
    }
    case "choice":
      return q.options[rng.int(q.options.length)]!.value;
    case "likert":
      return 1 + rng.int(q.points);
  }
}

/** A bot's answers to every question (valid for `checkSurveyAnswers`). */
export function botSurveyAnswers(questions: readonly SurveyQuestion[], rng: Rng): SurveyAnswers {
  const out: SurveyAnswers = {};
  for (const q of questions) out[q.id] = botAnswer(q, rng);
  return out;
}
