/**
 * The launch check's section on what participants meet before and after the game: the consent, the quiz and
 * its attempts, the exit survey's questions
 * (id, kind, required, the answers it allows), the language of the platform texts, and the payment
 * facts a new experimenter should confirm before opening (show-up fee, money per point, currency,
 * whether rounds a bot played for a person are paid, whether a completion URL is set). Read from the
 * parsed treatment (lib/engine/treatment.ts, lib/survey/questions.ts), so defaults show as they apply.
 */
import type { Scalar } from "../core/game";
import type { Treatment } from "../engine/treatment";
import { LOCALE_NAMES } from "../i18n/locales";
import type { SurveyQuestion } from "../survey/questions";
import type { LaunchSection } from "./theory";

/** The answers a question allows, in one line: "0 … 50 (whole numbers) courses", "1 = Gut feeling; 2 = …". */
export function allowedAnswers(q: SurveyQuestion): string {
  switch (q.type) {
    case "text":
      return `free text, at most ${q.maxLength} characters${q.multiline ? ", several lines" : ""}`;
    case "number":
      return `${q.min} … ${q.max} ${q.decimals === 0 ? "(whole numbers)" : `(up to ${q.decimals} decimals)`}${q.unit ? ` ${q.unit}` : ""}`;
    case "choice":
      return q.options.map((o) => (String(o.value) === o.label ? o.label : `${o.value} = ${o.label}`)).join("; ");
    case "likert":
      return `${q.points} points: 1 = ${q.lowLabel} … ${q.points} = ${q.highLabel}`;
  }
}

const money = (amount: number, currency: string) => (currency ? `${amount} ${currency}` : String(amount));

export function surveyPaymentSection(t: Treatment): LaunchSection {
  const { payment, survey } = t;
  const completion = t.completionUrl ?? t.redirectUrl;
  const { quiz, quizMaxAttempts } = t.intro;
  const metrics: LaunchSection["metrics"] = [
    {
      label: "Consent text",
      value: t.intro.consent === undefined ? "the default sentence" : "your own",
      hint: "with \"I agree\" and \"I do not agree\": a person who does not agree takes no part",
    },
    { label: "Quiz questions", value: quiz.length === 0 ? "none" : quiz.length, ...(quiz.length === 0 ? { hint: "participants go from the instructions to the waiting room" } : {}) },
    ...(quiz.length === 0
      ? []
      : [
          {
            label: "Quiz attempts",
            value: quizMaxAttempts === undefined ? "no limit" : quizMaxAttempts,
            hint: quizMaxAttempts === undefined ? "answered until it is right (intro.quizMaxAttempts limits it)" : "after the last wrong one the person takes no part and is paid nothing",
          },
        ]),
    { label: "Exit survey questions", value: survey.length === 0 ? "none" : survey.length, hint: survey.length === 0 ? "participants go from the last round to the final page" : `${survey.filter((q) => q.required).length} required` },
    { label: "Language of platform texts", value: `${t.language} (${LOCALE_NAMES[t.language]})`, hint: "consent, instructions, quiz and survey show as written" },
    { label: "Show-up fee", value: money(payment.showUpFee, payment.currency) },
    { label: "Money per point", value: money(payment.perPoint, payment.currency) },
    { label: "Currency", value: payment.currency || "not set", ...(payment.currency ? {} : { hint: "payouts are shown as bare numbers" }) },
    { label: "Rounds a bot played for a person are paid", value: payment.payBotRounds ? "yes" : "no" },
    { label: "Completion URL", value: completion ? "set" : "not set", hint: completion ?? "participants see their completion code and no link" },
    {
      label: "Longest wait for a group",
      value: t.waitingRoom.maxMinutes === undefined ? "no limit" : `${t.waitingRoom.maxMinutes} min`,
      hint: t.waitingRoom.maxMinutes === undefined ? "waitingRoom.maxMinutes: set it for an online study, or people wait until a group forms" : "then the final page with the show-up fee",
    },
    {
      label: "Seats one network address may take",
      value: t.join.seatsPerAddress ?? "no limit",
      hint: t.join.seatsPerAddress === undefined ? "join.seatsPerAddress: e.g. 2 for an online study (a class behind one address needs no limit)" : "by room code or panel link, per session",
    },
  ];
  const rows: Scalar[][] = survey.map((q) => [q.id, q.type, q.required ? "yes" : "no", allowedAnswers(q)]);
  return {
    id: "survey-payment",
    title: "Intro, exit survey, language and payment (confirm before opening)",
    note: "What participants meet before the first and after the last round, and what they are paid; read from the treatment, defaults included.",
    metrics,
    tables: rows.length ? [{ title: "Survey questions", columns: ["id", "kind", "required", "answers"], rows }] : [],
  };
}
