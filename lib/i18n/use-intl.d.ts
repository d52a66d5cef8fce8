/** Typed keys: `useTranslations`/`createTranslator` accept only keys of the English catalogue. */
import type { Locale } from "./locales";
import type { Messages } from "./catalogues";

declare module "use-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
