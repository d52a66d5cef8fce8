/**
 * Messages the server sends to participants (refused actions, join problems) carry a stable message key
 * and its values next to the English sentence: the participant's page says it in the treatment's
 * language (`refusals.<key>` in the catalogues); logs, the CLI and older clients keep the English `message`.
 */
import type { Messages } from "./catalogues";
import { translatorFor, type MessageValues } from "./translate";

/** A key of the `refusals` section of the catalogues. */
export type RefusalKey = keyof Messages["refusals"];

/** The translatable part of a refusal. */
export interface Wording {
  key: RefusalKey;
  values?: MessageValues;
}

/** The English sentence of a refusal (the `message` every refusal keeps). */
export function englishRefusal(key: RefusalKey, values?: MessageValues): string {
  return translatorFor("en")(`refusals.${key}`, values as never);
}

/** `{ message, key, values }` for one refusal: the English sentence plus what the page translates. */
export function worded(key: RefusalKey, values?: MessageValues): { message: string; wording: Wording } {
  return { message: englishRefusal(key, values), wording: values === undefined ? { key } : { key, values } };
}
