/**
 * Guard against Infinity and NaN in results meant for people, points or exports (JSON.stringify
 * would silently turn them into null). Pure.
 */

/** Path (e.g. `pivotal.taxes[2]`) of the first non-finite number in a JSON-like value, or null. */
export function firstNonFinite(value: unknown, path = ""): string | null {
  if (typeof value === "number") return Number.isFinite(value) ? null : path || "(the value)";
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = firstNonFinite(value[i], `${path}[${i}]`);
      if (hit) return hit;
    }
    return null;
  }
  if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const hit = firstNonFinite(v, path ? `${path}.${k}` : k);
      if (hit) return hit;
    }
  }
  return null;
}
