"use client";
import type { ReactNode } from "react";
import { useTranslations } from "use-intl";

/** The status line once a person has acted in a phase: what they chose, then "Waiting for 2 other defenders…". */
export function Waiting({ pending, children, testId }: { pending: number; children: ReactNode; testId: string }) {
  const tr = useTranslations("ssg");
  const g = useTranslations("game");
  return (
    <p className="ok-box" role="status" data-testid={testId}>
      {children} {pending > 0 ? tr("waitingDefenders", { count: pending }) : g("computingResults")}
    </p>
  );
}
