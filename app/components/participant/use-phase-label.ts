"use client";
import { useCallback } from "react";
import { useTranslations } from "use-intl";

/**
 * A step's name in the participant's language: `phases.<game id>.<phase id>` in the catalogue
 * (lib/i18n/catalogues.test.ts checks every phase of every registered game has one), else the
 * game module's own English label.
 */
export function usePhaseLabel(): (gameId: string, phase: string, fallback: string) => string {
  const t = useTranslations("phases");
  return useCallback(
    (gameId: string, phase: string, fallback: string) => {
      const key = `${gameId}.${phase}` as Parameters<typeof t>[0];
      return t.has(key) ? t(key) : fallback;
    },
    [t],
  );
}
