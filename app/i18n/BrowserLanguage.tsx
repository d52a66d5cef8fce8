"use client";
/**
 * Participant text on pages where no treatment is known yet (the join form on / and /join): the room's
 * language when the page knows the room (`/join?code=…` asks the server), else the browser's first
 * language mechlab has a catalogue for.
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/locales";
import { preferredLocale } from "./browser-locale";
import { ParticipantIntl } from "./ParticipantIntl";

/** The title the room's participants see (its treatment's `participantTitle`), once the server named it. */
const RoomTitle = createContext<string | null>(null);
export const useRoomTitle = () => useContext(RoomTitle);

export function BrowserLanguage({ roomCode, children }: { roomCode?: string; children: ReactNode }) {
  const [locale, setLocale] = useState<Locale>(DEFAULT_LOCALE);
  const [title, setTitle] = useState<string | null>(null);
  useEffect(() => {
    setLocale(preferredLocale(navigator.languages));
    if (!roomCode) return;
    let cancelled = false;
    void fetch(`/api/rooms/${encodeURIComponent(roomCode)}/language`, { cache: "no-store" })
      .then((r) => (r.ok ? r.json() : null))
      .then((body: unknown) => {
        const { language, title } = (body ?? {}) as { language?: unknown; title?: unknown };
        if (cancelled) return;
        if (isLocale(language)) setLocale(language);
        if (typeof title === "string" && title !== "") setTitle(title);
      })
      .catch(() => {
        /* the browser's language stays */
      });
    return () => {
      cancelled = true;
    };
  }, [roomCode]);
  // the study's own title in the tab, not the platform's name (it may hint at the study's topic); kept when
  // the page's head is rendered again (the layout's metadata title would come back)
  useEffect(() => {
    if (!title) return;
    const apply = () => {
      if (document.title !== title) document.title = title;
    };
    apply();
    const watch = new MutationObserver(apply);
    watch.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => watch.disconnect();
  }, [title]);
  return (
    <ParticipantIntl locale={locale}>
      <RoomTitle.Provider value={title}>{children}</RoomTitle.Provider>
    </ParticipantIntl>
  );
}
