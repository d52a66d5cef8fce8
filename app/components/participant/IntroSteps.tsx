"use client";
/** The intro steps, in order: consent (Markdown + "I agree" / "I do not agree") → instructions (+ "Continue") → quiz. */
import { useState } from "react";
import { useTranslations } from "use-intl";
import type { ParticipantView } from "@/lib/engine/views";
import type { IntroRequest } from "@/lib/protocol/payloads";
import type { ClientAck, ClientError } from "../../lib-client/ack";
import { useRefusalText } from "../../i18n/use-refusal-text";
import { Markdown } from "../Markdown";

type IntroFn = (req: IntroRequest) => Promise<ClientAck<{ version: number }>>;

function useStep(intro: IntroFn) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientError | null>(null);
  const run = async (req: IntroRequest) => {
    setBusy(true);
    setError(null);
    const r = await intro(req);
    setBusy(false);
    if (!r.ok) setError(r.error);
  };
  return { busy, error, setError, run };
}

function StepError({ error }: { error: ClientError | null }) {
  const refusalText = useRefusalText();
  if (!error) return null;
  return (
    <p className="error" role="alert" data-testid="intro-error">
      {refusalText(error)}
    </p>
  );
}

export function IntroSteps({ view, intro }: { view: ParticipantView; intro: IntroFn }) {
  const step = view.stage === "new" ? "consent" : view.introStep;
  if (step === "consent") return <Consent key="consent" view={view} intro={intro} />;
  if (step === "instructions") return <Instructions key="instructions" view={view} intro={intro} />;
  return <Quiz key="quiz" view={view} intro={intro} />;
}

function Consent({ view, intro }: { view: ParticipantView; intro: IntroFn }) {
  const t = useTranslations("intro");
  const s = useStep(intro);
  const [declining, setDeclining] = useState(false);
  if (declining)
    return (
      <section className="card" aria-labelledby="consent-h">
        <h2 id="consent-h" className="sr-only">
          {t("consentHeading")}
        </h2>
        <p data-testid="decline-confirm">{t("declineConfirm")}</p>
        <StepError error={s.error} />
        <div className="row">
          <button type="button" className="danger" data-testid="decline-yes" disabled={s.busy} onClick={() => void s.run({ step: "decline" })}>
            {t("declineYes")}
          </button>
          <button type="button" className="secondary" data-testid="decline-back" disabled={s.busy} onClick={() => setDeclining(false)}>
            {t("declineBack")}
          </button>
        </div>
      </section>
    );
  return (
    <section className="card" aria-labelledby="consent-h">
      <h2 id="consent-h" className="sr-only">
        {t("consentHeading")}
      </h2>
      <Markdown source={view.intro.consent} />
      <StepError error={s.error} />
      <button type="button" className="block" data-testid="consent-accept" disabled={s.busy} onClick={() => void s.run({ step: "consent" })}>
        {t("agree")}
      </button>
      <button type="button" className="secondary block" style={{ marginTop: "0.5rem" }} data-testid="consent-decline" disabled={s.busy} onClick={() => setDeclining(true)}>
        {t("decline")}
      </button>
    </section>
  );
}

function Instructions({ view, intro }: { view: ParticipantView; intro: IntroFn }) {
  const t = useTranslations("intro");
  const s = useStep(intro);
  return (
    <section className="card" aria-labelledby="instr-h">
      <h2 id="instr-h" className="sr-only">
        {t("instructionsHeading")}
      </h2>
      {view.intro.instructions ? <Markdown source={view.intro.instructions} /> : <p>{t("readOn")}</p>}
      <StepError error={s.error} />
      <button
        type="button"
        className="block"
        data-testid="instructions-continue"
        disabled={s.busy}
        onClick={() => void s.run({ step: "instructions" })}
      >
        {t("continue")}
      </button>
    </section>
  );
}

function Quiz({ view, intro }: { view: ParticipantView; intro: IntroFn }) {
  const t = useTranslations("intro");
  const s = useStep(intro);
  const questions = view.intro.quiz;
  const [answers, setAnswers] = useState<(number | null)[]>(() => questions.map(() => null));
  const wrong = /^answers\[(\d+)\]$/.exec(s.error?.field ?? "")?.[1];

  const submit = () => {
    const missing = answers.findIndex((a) => a === null);
    if (missing >= 0) {
      const number = missing + 1;
      s.setError({ code: "client/missing", message: `Please answer question ${number}.`, field: `answers[${missing}]`, wording: { key: "quizUnanswered", values: { number } } });
      return;
    }
    void s.run({ step: "quiz", answers: answers.map((a) => a ?? 0) });
  };

  return (
    <section className="card" aria-labelledby="quiz-h">
      <h2 id="quiz-h" style={{ marginTop: 0 }}>
        {t("quizHeading")}
      </h2>
      <details>
        <summary>{t("readInstructionsAgain")}</summary>
        <Markdown source={view.intro.instructions} />
      </details>
      {questions.map((q, qi) => (
        <fieldset key={qi} className={wrong === String(qi) ? "wrong" : undefined}>
          <legend>
            {qi + 1}. {q.question}
          </legend>
          {q.options.map((opt, oi) => (
            <label className="option" key={oi}>
              <input
                type="radio"
                name={`quiz-${qi}`}
                value={oi}
                data-testid={`quiz-option-${qi}-${oi}`}
                checked={answers[qi] === oi}
                onChange={() => {
                  setAnswers((prev) => prev.map((a, i) => (i === qi ? oi : a)));
                  s.setError(null);
                }}
              />
              {opt}
            </label>
          ))}
        </fieldset>
      ))}
      <StepError error={s.error} />
      {view.quizAttemptsLeft !== null && (
        <p className="small muted" data-testid="quiz-attempts-left">
          {t("quizAttemptsLeft", { count: view.quizAttemptsLeft })}
        </p>
      )}
      <button type="button" className="block" data-testid="quiz-submit" disabled={s.busy} onClick={submit}>
        {t("checkAnswers")}
      </button>
    </section>
  );
}
