/**
 * The languages participants can be addressed in. A treatment's `language` picks one; every platform
 * string a participant sees comes from that language's catalogue (lib/i18n/messages/<locale>.json).
 * Adding a language: add its code here and its catalogue file (docs/languages.md).
 */
export const LOCALES = ["en", "de"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** Each language's name in that language (for documentation and the admin form). */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = { en: "English", de: "Deutsch" };

export const isLocale = (x: unknown): x is Locale => typeof x === "string" && (LOCALES as readonly string[]).includes(x);
