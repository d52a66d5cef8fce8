/**
 * Size limits of a treatment, so that no treatment can freeze the server or bloat every view:
 * seats per session, text lengths, and the magnitude of every number in the game parameters
 * (finite, at most 1e9 in absolute value: JSON such as `1e400` would otherwise become Infinity and be
 * written back as `null`). Game modules still check their own parameters' meaning.
 */

export const TREATMENT_LIMITS = {
  /** Seats (groups × group size) per session. */
  maxSeats: 1000,
  /** Characters of the consent text. */
  maxConsentChars: 20_000,
  /** Characters of the instructions (sent with every participant view). */
  maxInstructionsChars: 50_000,
  maxQuizQuestions: 30,
  maxQuizOptions: 12,
  /** Characters of a quiz question, option or hint. */
  maxQuizTextChars: 2_000,
  maxNameChars: 200,
  /** Places on the projector's leaderboard. */
  maxLeaderboardTop: 50,
  maxDescriptionChars: 5_000,
  /** Largest absolute value of any number in `params` and `payment`. */
  maxMagnitude: 1e9,
  /** Entries of any array in `params`, and keys of any object in it. */
  maxParamEntries: 10_000,
  /** Characters of any string in `params`. */
  maxParamStringChars: 10_000,
  /** Nesting levels of `params`. */
  maxParamDepth: 8,
} as const;

/**
 * Problems with the size of `params` (every number finite and within ±maxMagnitude, bounded arrays,
 * strings and nesting), each naming its field, e.g. `params.alpha[2]: 1e+400 is too large …`.
 */
export function paramSizeProblems(params: unknown, path = "params", depth = 0): string[] {
  const L = TREATMENT_LIMITS;
  if (typeof params === "number") {
    // the game's own range for the field (often smaller) is checked, with the rest of the game's checks, once these pass
    const within = `no number of a treatment may exceed ${L.maxMagnitude.toExponential()} in absolute value; this field may have a smaller limit of its own, and the game's other checks run once this is fixed`;
    if (!Number.isFinite(params)) return [`${path}: ${params} is not a finite number (${within})`];
    if (Math.abs(params) > L.maxMagnitude) return [`${path}: ${params} is too large (${within})`];
    return [];
  }
  if (typeof params === "string")
    return params.length > L.maxParamStringChars ? [`${path}: text of ${params.length} characters; use at most ${L.maxParamStringChars}`] : [];
  if (params === null || typeof params !== "object") return [];
  if (depth >= L.maxParamDepth) return [`${path}: nested more than ${L.maxParamDepth} levels deep`];
  const entries = Array.isArray(params) ? params.map((v, i) => [`${path}[${i}]`, v] as const) : Object.entries(params).map(([k, v]) => [`${path}.${k}`, v] as const);
  if (entries.length > L.maxParamEntries) return [`${path}: ${entries.length} entries; use at most ${L.maxParamEntries}`];
  const out: string[] = [];
  for (const [p, v] of entries) {
    out.push(...paramSizeProblems(v, p, depth + 1));
    if (out.length >= 20) break;
  }
  return out;
}
