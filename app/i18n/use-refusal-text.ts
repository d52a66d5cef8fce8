"use client";
/**
 * A refusal from the server (or the page itself) in the participant's language: its `wording` key from
 * the `refusals` catalogue section when there is one, else the server's own sentence.
 */
import { useCallback } from "react";
import { useTranslations } from "use-intl";
import type { Wording } from "@/lib/i18n/refusal";

export interface Refusal {
  message: string;
  wording?: Wording;
}

export function useRefusalText(): (r: Refusal | string) => string {
  const t = useTranslations("refusals");
  return useCallback(
    (r: Refusal | string) => {
      if (typeof r === "string") return r;
      const w = r.wording;
      return w && t.has(w.key) ? t(w.key, w.values as never) : r.message;
    },
    [t],
  );
}
