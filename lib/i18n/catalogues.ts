/**
 * The translation catalogues, one per locale, in ICU MessageFormat (use-intl). English is the
 * reference: every other catalogue has exactly its keys and the same placeholders
 * (lib/i18n/catalogues.test.ts), and the compiler checks every key used with `t("…")` against it.
 */
import de from "./messages/de.json";
import en from "./messages/en.json";
import type { Locale } from "./locales";

export type Messages = typeof en;

export const catalogues: Readonly<Record<Locale, Messages>> = { en, de };
