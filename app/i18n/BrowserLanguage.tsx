"use client";
/**
 * Participant text on pages where no treatment is known yet (the join form on / and /join): the room's
 * language when the page knows the room (`/join?code=…` asks the server), else the browser's first
 * language mechlab has a catalogue for.
 */
import { useEffect, useState, type ReactNode } from "react";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/locales";
import { preferredLocale } from "./browser-locale";
import { ParticipantIntl } from "./ParticipantIntl";

export function BrowserLanguage({ roomCode, children }: { roomCode?: string; children: ReactNode }) {
  const [locale, setLocale] = useState<Locale>(DEFAULT_LOCALE);
  useEffect(() => {
    setLocale(preferredLocale(navigator.languages));
    if (!roomCode) return;
    let cancelled = false;
    void fetch(`/api/rooms/${encodeURIComponent(roomCode)}/language`, { cache: "no-store" })
      .then((r) => (r.ok ? r.json() : null))
      .then((body: unknown) => {
        const language = (body as { language?: unknown } | null)?.language;
        if (!cancelled && isLocale(language)) setLocale(language);
      })
      .catch(() => {
        /* the browser's language stays */
      });
    return () => {
      cancelled = true;
    };
  }, [roomCode]);
  return <ParticipantIntl locale={locale}>{children}</ParticipantIntl>;
}
