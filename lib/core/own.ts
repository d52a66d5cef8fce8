/**
 * Look-ups by a name that came from outside (a treatment, an admin command, a client): only the
 * record's OWN entries count, so names such as `toString`, `constructor` or `__proto__` are unknown
 * instead of reaching Object.prototype.
 */

/** The record's own entry for `key`, or undefined. */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Whether `key` is one of the record's own entries. */
export function hasOwnKey(record: Readonly<Record<string, unknown>>, key: string): boolean {
  return Object.hasOwn(record, key);
}
