"use client";
/**
 * A number input for decisions: accepts "2.5" and "2,5", checks range and decimals as people type,
 * shows the problem inline (and the server's answer, if any), optional slider, Enter submits.
 */
import type { ReactNode } from "react";
import { useTranslations } from "use-intl";
import { fmt } from "../../lib-client/format";
import { checkNumber, type NumberProblem, type NumberRules } from "./number-input";

export interface NumberFieldProps extends NumberRules {
  /** Used for the element ids and test ids: `<id>-input`, `<id>-error`. */
  id: string;
  label: ReactNode;
  text: string;
  onText(text: string): void;
  /** An error from the server for this field (shown when the typed text itself is fine). */
  serverError?: string | null;
  /** Slider step; no slider when omitted. */
  step?: number;
  onEnter?(): void;
  disabled?: boolean;
}

export function NumberField({ id, label, text, onText, serverError, step, onEnter, disabled, ...rules }: NumberFieldProps) {
  const t = useTranslations("number");
  const { value, problem } = checkNumber(text, rules);
  const shown = problem ? problemText(t, problem) : (serverError ?? null);
  return (
    <div className="field">
      <label htmlFor={`${id}-input`}>
        {label} <span className="help">{t("range", { min: fmt(rules.min, 6), max: fmt(rules.max, 6) })}</span>
      </label>
      <input
        id={`${id}-input`}
        data-testid={`${id}-input`}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        value={text}
        disabled={disabled}
        onChange={(e) => onText(e.target.value)}
        aria-invalid={shown !== null}
        aria-describedby={`${id}-msg`}
        onKeyDown={(e) => {
          if (e.key === "Enter") onEnter?.();
        }}
      />
      {step !== undefined && (
        <input
          type="range"
          aria-label={t("slider", { label: typeof label === "string" ? label : t("value") })}
          min={rules.min}
          max={rules.max}
          step={step}
          value={value ?? rules.min}
          disabled={disabled}
          onChange={(e) => onText(e.target.value)}
        />
      )}
      <div id={`${id}-msg`}>
        {shown && (
          <p className="error" role="alert" data-testid={`${id}-error`}>
            {shown}
          </p>
        )}
      </div>
    </div>
  );
}

/** What to type instead, in the participant's language. */
function problemText(t: ReturnType<typeof useTranslations<"number">>, p: NumberProblem): string {
  switch (p.kind) {
    case "notANumber":
      return t("notANumber", { min: fmt(p.min, 6), max: fmt(p.max, 6) });
    case "outOfRange":
      return t("outOfRange", { min: fmt(p.min, 6), max: fmt(p.max, 6) });
    case "notWhole":
      return t("notWhole");
    case "tooManyDecimals":
      return t("tooManyDecimals", { decimals: p.decimals });
  }
}
