"use client";
/**
 * One input per kind of survey question: a text line or box with a character count, a number field
 * (typed text; the server reads "2,5" and "2.5" and says what to change), radio buttons for a single
 * choice, and a Likert scale of numbered points between its two end labels.
 */
import type { SurveyQuestion } from "@/lib/survey/questions";
import { useTranslations } from "use-intl";
import { MAX_UNITS_PER_CHARACTER, textLength, unitsLeft } from "@/lib/survey/text-length";

/** What the form holds for a question: typed text (text, number), an option's value or a scale point. */
export type Draft = string | number | null;

export interface FieldProps<Q extends SurveyQuestion> {
  q: Q;
  value: Draft;
  onChange(v: Draft): void;
  /** Ids of the elements describing the field (help, error). */
  describedBy: string;
  invalid: boolean;
}

export function TextAnswer({ q, value, onChange, describedBy, invalid }: FieldProps<Extract<SurveyQuestion, { type: "text" }>>) {
  const t = useTranslations("survey");
  const text = typeof value === "string" ? value : "";
  const left = Math.max(0, q.maxLength - textLength(text));
  // the field takes no more (its maxLength in UTF-16 units) though characters are left: stacked accents
  const marksFull = left > 0 && unitsLeft(text, q.maxLength) <= 0;
  const common = {
    id: `survey-input-${q.id}`,
    "data-testid": `survey-input-${q.id}`,
    value: text,
    // the browser counts UTF-16 units (an emoji is 2): the limit in characters is checked below and by the server
    maxLength: q.maxLength * MAX_UNITS_PER_CHARACTER,
    "aria-describedby": `${describedBy} survey-count-${q.id}`,
    "aria-invalid": invalid,
    "aria-required": q.required,
  };
  return (
    <>
      {q.multiline ? (
        <textarea {...common} className="survey-text" rows={4} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} type="text" autoComplete="off" onChange={(e) => onChange(e.target.value)} />
      )}
      <div id={`survey-count-${q.id}`} className="small muted" aria-live="polite">
        {marksFull ? t("marksFull") : t("charactersLeft", { count: left })}
      </div>
    </>
  );
}

export function NumberAnswer({ q, value, onChange, describedBy, invalid }: FieldProps<Extract<SurveyQuestion, { type: "number" }>>) {
  return (
    <div className="row" style={{ flexWrap: "nowrap" }}>
      <input
        id={`survey-input-${q.id}`}
        data-testid={`survey-input-${q.id}`}
        type="text"
        inputMode={q.decimals > 0 || q.min < 0 ? "decimal" : "numeric"}
        autoComplete="off"
        value={typeof value === "string" ? value : value === null ? "" : String(value)}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={describedBy}
        aria-invalid={invalid}
        aria-required={q.required}
        style={{ maxWidth: "12em" }}
      />
      {q.unit && <span>{q.unit}</span>}
    </div>
  );
}

export function ChoiceAnswer({ q, value, onChange }: FieldProps<Extract<SurveyQuestion, { type: "choice" }>>) {
  return (
    <>
      {q.options.map((o, i) => (
        <label className="option" key={String(o.value)}>
          <input type="radio" name={`survey-${q.id}`} data-testid={`survey-option-${q.id}-${i}`} checked={value === o.value} onChange={() => onChange(o.value)} />
          {o.label}
        </label>
      ))}
    </>
  );
}

export function LikertAnswer({ q, value, onChange }: FieldProps<Extract<SurveyQuestion, { type: "likert" }>>) {
  const points = Array.from({ length: q.points }, (_, i) => i + 1);
  return (
    <div className="likert">
      <span className="likert-end small" aria-hidden>
        {q.lowLabel}
      </span>
      <div className="likert-points">
        {points.map((n) => (
          <label key={n} className="likert-point">
            <input
              type="radio"
              name={`survey-${q.id}`}
              data-testid={`survey-likert-${q.id}-${n}`}
              checked={value === n}
              onChange={() => onChange(n)}
              aria-label={n === 1 ? `${n} (${q.lowLabel})` : n === q.points ? `${n} (${q.highLabel})` : String(n)}
            />
            <span aria-hidden>{n}</span>
          </label>
        ))}
      </div>
      <span className="likert-end small" aria-hidden>
        {q.highLabel}
      </span>
    </div>
  );
}
