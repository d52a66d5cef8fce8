"use client";
/** The survey form's answers so far, kept in this tab's sessionStorage so a reload loses nothing typed. */
import { useCallback, useState } from "react";
import type { Draft } from "./answer-fields";

type Drafts = Record<string, Draft>;

function read(key: string): Drafts {
  try {
    const raw = typeof window === "undefined" ? null : window.sessionStorage.getItem(key);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return {};
    const out: Drafts = {};
    for (const [k, v] of Object.entries(parsed)) if (typeof v === "string" || typeof v === "number" || v === null) out[k] = v;
    return out;
  } catch {
    return {};
  }
}

export function useSurveyDraft(participantId: string): [Drafts, (id: string, v: Draft) => void] {
  const key = `mechlab-survey:${participantId}`;
  const [drafts, setDrafts] = useState<Drafts>(() => read(key));
  const set = useCallback(
    (id: string, v: Draft) =>
      setDrafts((prev) => {
        const next = { ...prev, [id]: v };
        try {
          window.sessionStorage.setItem(key, JSON.stringify(next));
        } catch {
          /* storage may be disabled (private mode): the answers still live in memory */
        }
        return next;
      }),
    [key],
  );
  return [drafts, set];
}
