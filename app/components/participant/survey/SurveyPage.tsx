"use client";
/**
 * The exit survey page: every question of the treatment on one page, answered in any order. The form
 * keeps what was typed (also across a reload, in this tab); the server checks the answers and, when it
 * refuses some, its message for each question is shown next to it and nothing typed is lost.
 */
import { thousandsOrDecimals } from "@/lib/survey/answers";
import { useState } from "react";
import type { ParticipantView } from "@/lib/engine/views";
import type { SurveyQuestion } from "@/lib/survey/questions";
import { useTranslations } from "use-intl";
import { useRefusalText } from "../../../i18n/use-refusal-text";
import type { ClientAck, ClientError } from "../../../lib-client/ack";
import { parseDecimal } from "../../kit/number-input";
import { ChoiceAnswer, LikertAnswer, NumberAnswer, TextAnswer, type Draft } from "./answer-fields";
import { useSurveyDraft } from "./use-survey-draft";

export type SurveyFn = (answers: Record<string, string | number | null>) => Promise<ClientAck<{ version: number; duplicate: boolean }>>;

/** What is sent for a question: numbers typed as text are read here ("2,5" too), anything else as typed. */
function toAnswer(q: SurveyQuestion, d: Draft): string | number | null {
  if (d === null || (typeof d === "string" && d.trim() === "")) return null;
  // text that could mean thousands or decimals goes as typed: the server asks for the plain number
  if (q.type === "number" && typeof d === "string") return thousandsOrDecimals(q, d) !== null ? d.trim() : (parseDecimal(d, { allowNegative: true }) ?? d);
  return d;
}

export function SurveyPage({ view, send }: { view: ParticipantView; send: SurveyFn }) {
  const questions = view.survey?.questions ?? [];
  const [drafts, setDraft] = useSurveyDraft(view.participantId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientError | null>(null);
  const t = useTranslations("survey");
  const refusalText = useRefusalText();

  const submit = async () => {
    setBusy(true);
    setError(null);
    const answers: Record<string, string | number | null> = {};
    for (const q of questions) answers[q.id] = toAnswer(q, drafts[q.id] ?? null);
    const r = await send(answers);
    setBusy(false);
    if (!r.ok) setError(r.error);
  };

  return (
    <section className="card" aria-labelledby="survey-h" data-testid="survey-page">
      <h2 id="survey-h" style={{ marginTop: 0 }}>
        {t("heading")}
      </h2>
      <p className="muted">{t("intro")}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {questions.map((q, i) => (
          <Question
            key={q.id}
            n={i + 1}
            q={q}
            value={drafts[q.id] ?? null}
            problem={error?.fields?.[q.id] ? refusalText({ message: error.fields[q.id]!, ...(error.fieldWordings?.[q.id] ? { wording: error.fieldWordings[q.id] } : {}) }) : null}
            onChange={(v) => {
              setDraft(q.id, v);
              if (error?.fields?.[q.id]) setError({ ...error, fields: { ...error.fields, [q.id]: "" } });
            }}
          />
        ))}
        {error && (
          <p className="error" role="alert" data-testid="survey-error">
            {refusalText(error)}
          </p>
        )}
        <button type="submit" className="block" data-testid="survey-submit" disabled={busy}>
          {busy ? t("sending") : t("submit")}
        </button>
      </form>
    </section>
  );
}

function Question({ n, q, value, problem, onChange }: { n: number; q: SurveyQuestion; value: Draft; problem: string | null; onChange(v: Draft): void }) {
  const t = useTranslations("survey");
  const describedBy = [q.help ? `survey-help-${q.id}` : "", problem ? `survey-error-${q.id}` : ""].filter(Boolean).join(" ");
  const props = { value, onChange, describedBy, invalid: !!problem };
  const labelled = q.type === "text" || q.type === "number";
  const heading = (
    <>
      {n}. {q.prompt}
      {!q.required && <span className="help"> ({t("optional")})</span>}
    </>
  );
  return (
    <fieldset className={problem ? "wrong" : undefined} data-testid={`survey-q-${q.id}`} aria-describedby={describedBy || undefined}>
      <legend>{labelled ? <label htmlFor={`survey-input-${q.id}`}>{heading}</label> : heading}</legend>
      {q.help && (
        <p id={`survey-help-${q.id}`} className="small muted" style={{ marginTop: 0 }}>
          {q.help}
        </p>
      )}
      {q.type === "text" && <TextAnswer q={q} {...props} />}
      {q.type === "number" && <NumberAnswer q={q} {...props} />}
      {q.type === "choice" && <ChoiceAnswer q={q} {...props} />}
      {q.type === "likert" && <LikertAnswer q={q} {...props} />}
      {problem && (
        <p className="error" role="alert" id={`survey-error-${q.id}`} data-testid={`survey-error-${q.id}`}>
          {problem}
        </p>
      )}
    </fieldset>
  );
}
