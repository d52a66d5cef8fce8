"use client";
import { useState } from "react";

/** Copies `text` to the clipboard and says so (falls back to selecting a prompt when the API is blocked). */
export function CopyButton({
  text,
  label = "Copy",
  copiedLabel = "Copied ✓",
  promptLabel = "Copy this:",
  testId,
}: {
  text: string;
  label?: string;
  /** Shown for a moment after copying (participant pages pass their language's words). */
  copiedLabel?: string;
  promptLabel?: string;
  testId?: string;
}) {
  const [done, setDone] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setDone(true);
      setTimeout(() => setDone(false), 1500);
    } catch {
      window.prompt(promptLabel, text);
    }
  };
  return (
    <button type="button" className="secondary small" onClick={copy} data-testid={testId} aria-live="polite">
      {done ? copiedLabel : label}
    </button>
  );
}
