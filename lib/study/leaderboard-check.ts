/**
 * The launch check's warning about the projector's leaderboard: total points depend on a participant's
 * private parameters, and the board is updated round by round, so the difference of two boards is each
 * person's points of a round, from which the room can work out their parameters (docs/security.md). A
 * review did so exactly: an Externality user's cost c from one round, a Defender's rewards and penalties
 * from the rounds she was attacked. What is private is a property of the game: its module's
 * `privateData.type(params)` (lib/core/game.ts); a game without `privateData` reveals nothing this way.
 */
import type { MonitorView } from "../core/game";
import { rankRuleOf } from "../engine/projector-view";
import type { LoadedTreatment } from "../engine/treatment";

/** What the private type is in this treatment's game, or null when points reveal no private type. */
export function privateTypeOf(lt: LoadedTreatment): string | null {
  return lt.game.privateData?.type(lt.params) ?? null;
}

/** The warning to show before opening, or null when the leaderboard is hidden or reveals no type. */
export function leaderboardWarning(lt: LoadedTreatment): string | null {
  if (!lt.treatment.leaderboard.show) return null;
  const type = privateTypeOf(lt);
  if (type === null) return null;
  return (
    `The projector shows a leaderboard of total points after every round, and in this game points depend on ${type}: ` +
    `from one board to the next the room can read each person's points of a round and work out who has which values. If that matters, set "leaderboard": { "show": false } in the treatment.`
  );
}

/**
 * Who the leaderboard ranks, for the launch check's list of what to confirm: hidden, everyone listed
 * (points earned by defaults on time-out and by bots included), or only people who decided at least
 * `leaderboard.minOwnRounds` rounds themselves (lib/engine/projector-view.ts `rankedUnder`).
 */
export function leaderboardMetric(lt: LoadedTreatment): MonitorView["metrics"][number] {
  const { show, top } = lt.treatment.leaderboard;
  const label = "Leaderboard on the room's screen";
  if (!show) return { label, value: "hidden" };
  const rule = rankRuleOf(lt);
  if (rule === null)
    return {
      label,
      value: `top ${top}, everyone ranked`,
      hint: 'a student who never answers is ranked on the points of defaults and bots: "leaderboard": { "minOwnRounds": n } ranks only people who decided n rounds themselves',
    };
  return {
    label,
    value: `top ${top}, ranked: who decided at least ${rule.minOwnRounds} of ${rule.rounds} rounds themselves`,
    hint: "the others (rounds decided by default on time-out or by a bot) are listed below the ranking, without a place",
  };
}
