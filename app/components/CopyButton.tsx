"use client";
import { useState } from "react";

/** Copies `text` to the clipboard and says so (falls back to selecting a prompt when the API is blocked). */
export function CopyButton({ text, label = "Copy", testId }: { text: string; label?: string; testId?: string }) {
  const [done, setDone] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setDone(true);
      setTimeout(() => setDone(false), 1500);
    } catch {
      window.prompt("Copy this:", text);
    }
  };
  return (
    <button type="button" className="secondary small" onClick={copy} data-testid={testId} aria-live="polite">
      {done ? "Copied ✓" : label}
    </button>
  );
}
