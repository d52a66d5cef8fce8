"use client";
/**
 * The join link of the session pages (projector and monitor): the settings come from the server
 * (app/admin/sessions/[id]/layout.tsx: MECHLAB_PUBLIC_URL and, for a page opened on localhost, this
 * machine's LAN addresses); the link and its warning are made in lib/protocol/join-address.ts.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { joinAddress, type JoinAddress, type JoinSettings, type PageLocation } from "@/lib/protocol/join-address";

const Settings = createContext<JoinSettings>({ publicUrl: null, lan: [] });

export function JoinSettingsProvider({ settings, children }: { settings: JoinSettings; children: ReactNode }) {
  return <Settings.Provider value={settings}>{children}</Settings.Provider>;
}

/** The join link for room `code`, with a warning when phones cannot open it (null until the page knows its own address). */
export function useJoinAddress(code: string): JoinAddress | null {
  const settings = useContext(Settings);
  const [page, setPage] = useState<PageLocation | null>(null);
  useEffect(() => setPage({ origin: window.location.origin, port: window.location.port, pathname: window.location.pathname }), []);
  return useMemo(() => (page ? joinAddress(settings, page, code) : null), [settings, page, code]);
}

/** Where participants' links start: MECHLAB_PUBLIC_URL, else this page's own origin ("" until the page knows it). */
export function useParticipantOrigin(): string {
  const settings = useContext(Settings);
  const [origin, setOrigin] = useState("");
  useEffect(() => setOrigin(window.location.origin), []);
  return settings.publicUrl ?? origin;
}
