/**
 * Translating outside React (the server, the engine's refusals, tests): the same catalogues and ICU
 * formatting as the participant pages.
 */
import { createTranslator } from "use-intl/core";
import { catalogues } from "./catalogues";
import { DEFAULT_LOCALE, type Locale } from "./locales";

/** Values an ICU message may use: plain strings and numbers (numbers are formatted for the locale). */
export type MessageValues = Record<string, string | number>;

const translators = new Map<Locale, ReturnType<typeof make>>();

function make(locale: Locale) {
  return createTranslator({ locale, messages: catalogues[locale], timeZone: "UTC" });
}

/** A translator for `locale` (cached). Keys are checked by the compiler against the English catalogue. */
export function translatorFor(locale: Locale = DEFAULT_LOCALE) {
  let t = translators.get(locale);
  if (!t) translators.set(locale, (t = make(locale)));
  return t;
}
