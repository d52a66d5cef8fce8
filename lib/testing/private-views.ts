/**
 * The view-leak check for any game that declares its private data (`privateData.numbersOf` in its
 * module, lib/core/game.ts): play a session with bots and, at every state on the way, look for a seat's
 * private numbers in the other seats' views (`viewLeaks`). Only numbers that can be told apart in a
 * view's text are looked for (`distinctiveSecrets`), so a coincidence ("1" is also round 1) is no leak.
 */
import { createSessionState, type LoadedTreatment } from "../engine";
import { deepFreeze } from "../engine/draft";
import { runBots } from "./drive";
import { viewLeaks } from "./invariants";
import { unplainViews } from "./plain-views";

/** The private numbers the game declares for the seat at `index` of a group (none without `privateData`). */
export function declaredSecrets(lt: LoadedTreatment, index: number): readonly number[] {
  return lt.game.privateData?.numbersOf(lt.params, index) ?? [];
}

function numbersIn(v: unknown, out: number[] = []): number[] {
  if (typeof v === "number") out.push(v);
  else if (Array.isArray(v)) for (const x of v) numbersIn(x, out);
  else if (v !== null && typeof v === "object") for (const x of Object.values(v)) numbersIn(x, out);
  return out;
}

const count = (xs: readonly number[], x: number) => xs.filter((y) => y === x).length;

/**
 * The seat's private numbers that can be told apart in a view: not a whole number (rounds, seats, counts,
 * sums of whole choices: a review's endowment 30 was also the sum of the contributions) and nowhere in the
 * treatment but among this seat's private numbers (a value another seat or a public parameter shares
 * would be found without any leak).
 */
export function distinctiveSecrets(lt: LoadedTreatment): (index: number) => number[] {
  const everywhere = numbersIn([{ ...lt.treatment, params: null }, lt.params]);
  return (index) => {
    const own = declaredSecrets(lt, index);
    return [...new Set(own)].filter((x) => !Number.isInteger(x) && count(everywhere, x) <= count(own, x));
  };
}

/**
 * Every leak found at a state of a bot-played session of `lt` (an empty list: none), and with
 * `alsoPlain` every value of a view that is not plain JSON data (lib/testing/plain-views.ts).
 */
export function leaksInBotSession(lt: LoadedTreatment, seed = "privacy", alsoPlain = false): string[] {
  const secretsOf = distinctiveSecrets(lt);
  const found = new Set<string>();
  // completion codes none of which is part of another ("code-p1" is part of "code-p10")
  const ids = Array.from({ length: lt.seats }, (_, i) => `p${i + 1}`);
  const { state } = createSessionState(lt, { id: "s1", seed, nowMs: 1_000_000, participantIds: ids, completionCodes: ids.map((id) => `[code of ${id}]`) });
  runBots(deepFreeze(state), lt, 1_000_000, {
    observe: (s, nowMs) => {
      for (const leak of viewLeaks(s, lt, nowMs, secretsOf)) found.add(leak);
      if (alsoPlain) for (const p of unplainViews(s, lt, nowMs)) found.add(p);
    },
  });
  return [...found];
}
