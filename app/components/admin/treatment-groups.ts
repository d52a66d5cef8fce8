/**
 * The New Session form's "Number of groups" field: reads and sets the treatment JSON's `groups` (the seats
 * are groups × the game's group size), so sizing a session to the class needs no JSON editing. Text that is
 * not a JSON object has no field (null); setting it rewrites the JSON with two-space indentation.
 */

function objectOf(text: string): Record<string, unknown> | null {
  try {
    const t: unknown = JSON.parse(text);
    return t !== null && typeof t === "object" && !Array.isArray(t) ? (t as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The treatment's `groups` (1 when unset, the schema's default), or null when the text is not a JSON object. */
export function groupsOf(text: string): number | null {
  const t = objectOf(text);
  if (!t) return null;
  return typeof t.groups === "number" ? t.groups : 1;
}

/** The treatment with `groups` set to `n`, or null when the text is not a JSON object or `n` not a whole number ≥ 1. */
export function withGroups(text: string, n: number): string | null {
  const t = objectOf(text);
  if (!t || !Number.isInteger(n) || n < 1) return null;
  return JSON.stringify({ ...t, groups: n }, null, 2);
}
