/**
 * The keys a projector view may hold (lib/engine/projector-view.ts), for the tests that check the view
 * built in the engine and the feed sent by the server: anything else in it is a leak to the room.
 */
export const PROJECTOR_VIEW_KEYS: ReadonlySet<string> = new Set([
  // the view
  "sessionId", "title", "language", "gameId", "status", "stage", "roomCode", "joined", "bots", "seats", "full", "reading", "waiting", "surveying", "rounds", "round", "phaseLabel", "remainingMs", "pending", "playing", "charts", "chartsHeld", "playingGroups", "leaderboard", "minOwnRounds", "debrief",
  // charts (lib/charts/types.ts)
  "id", "description", "kind", "x", "y", "categories", "share", "spread", "byPrivateType", "series", "name", "role", "colorKey", "color", "points", "lo", "hi", "n",
  // leaderboard and debrief rows
  "rank", "label", "bot", "timeouts", "botRounds", "chart", "mean", "last",
]);

function keysOf(v: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(v)) for (const x of v) keysOf(x, out);
  else if (v && typeof v === "object")
    for (const [k, x] of Object.entries(v)) {
      out.add(k);
      keysOf(x, out);
    }
  return out;
}

/** Every key at any depth of `view` that is not on the whitelist (empty: nothing else in it). */
export const keysOffWhitelist = (view: unknown): string[] => [...keysOf(view, new Set())].filter((k) => !PROJECTOR_VIEW_KEYS.has(k));
