"use client";
/**
 * The participant's language for everything below it: use-intl's provider with the locale's catalogue,
 * numbers in that locale (`fmt`), and `<html lang>` set to match (screen readers, hyphenation).
 */
import { useEffect, type ReactNode } from "react";
import { IntlProvider } from "use-intl";
import { catalogues } from "@/lib/i18n/catalogues";
import type { Locale } from "@/lib/i18n/locales";
import { setDisplayLocale } from "../lib-client/format";

export function ParticipantIntl({ locale, children }: { locale: Locale; children: ReactNode }) {
  // before any child renders a number
  setDisplayLocale(locale);
  useEffect(() => {
    setDisplayLocale(locale); // again after the previous locale's cleanup below
    document.documentElement.lang = locale;
    // leaving for a page outside the provider (e.g. / → /admin): numbers and lang back to English
    return () => {
      setDisplayLocale("en");
      document.documentElement.lang = "en";
    };
  }, [locale]);
  return (
    <IntlProvider locale={locale} messages={catalogues[locale]} timeZone="UTC" onError={reportMissing}>
      {children}
    </IntlProvider>
  );
}

/** A missing message shows its key (never a crash); the catalogue test keeps this from happening. */
function reportMissing(error: Error) {
  console.error(error.message);
}
