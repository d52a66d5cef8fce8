import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/i18n/locales";

/** The first of the browser's preferred languages mechlab has a catalogue for ("de-AT" → "de"), else English. */
export function preferredLocale(languages: readonly string[]): Locale {
  for (const tag of languages) {
    const base = tag.toLowerCase().split("-")[0];
    if (isLocale(base)) return base;
  }
  return DEFAULT_LOCALE;
}
