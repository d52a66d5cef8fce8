/**
 * The launch check's warning about the projector's leaderboard: total points depend on a participant's
 * private type in some games, so a public ranking by points can tell the room who has which type
 * (docs/security.md). Private types: CIP's CI owners (vulnerability θ, criticality φ, only the owner
 * and the control center know it) and IDS Pivotal under incomplete information (each user's true α_i,
 * which the mechanism only learns from the report). IDS unregulated, Externality, Pivotal under full
 * information and SSG have no private types: every parameter that shapes points is common knowledge.
 */
import type { LoadedTreatment } from "../engine/treatment";

/** What the private type is in this treatment's game, or null when points reveal no private type. */
export function privateTypeOf(lt: LoadedTreatment): string | null {
  if (lt.game.id === "cip-contracts") return "each CI owner's type (vulnerability θ and criticality φ)";
  if (lt.game.id === "ids-pivotal" && (lt.params as { information?: unknown }).information === "incomplete")
    return "each user's true type α_i (incomplete information)";
  return null;
}

/** The warning to show before opening, or null when the leaderboard is hidden or reveals no type. */
export function leaderboardWarning(lt: LoadedTreatment): string | null {
  if (!lt.treatment.leaderboard.show) return null;
  const type = privateTypeOf(lt);
  if (type === null) return null;
  return (
    `The projector shows a leaderboard of total points, and in this game points depend on ${type}: ` +
    `the room can read who has which type from the ranking. If that matters, set "leaderboard": { "show": false } in the treatment.`
  );
}
