"use client";
/**
 * A number input for decisions: accepts "2.5" and "2,5", checks range and decimals as people type,
 * shows the problem inline (and the server's answer, if any), optional slider, Enter submits.
 */
import type { ReactNode } from "react";
import { fmt } from "../../lib-client/format";
import { checkNumber, type NumberRules } from "./number-input";

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
  const { error } = checkNumber(text, rules);
  const shown = error ?? serverError ?? null;
  const value = checkNumber(text, rules).value;
  return (
    <div className="field">
      <label htmlFor={`${id}-input`}>
        {label} <span className="help">({fmt(rules.min, 6)} to {fmt(rules.max, 6)})</span>
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
          aria-label={`${typeof label === "string" ? label : "Value"} slider`}
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
