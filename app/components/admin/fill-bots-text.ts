/**
 * The question before "Fill N empty seats with bots": what happens to those seats afterwards depends on the
 * treatment's `join.takeOverBots` (lib/engine/claim.ts `takeOverAllowed`): by default a latecomer who joins
 * with the room code takes over one of them (lib/engine/takeover.ts); with `false` the bots keep them.
 */

import type { AdminParticipantRow } from "@/lib/engine/views";
import { offlineInIntroText } from "./play-waits-text";

/** "3 empty seats", "1 empty seat". */
export const emptySeatsText = (n: number): string => `${n} empty seat${n === 1 ? "" : "s"}`;

/**
 * `seats`: the participant list (optional); seats whose person is offline in the intro are named, since filling
 * leaves them to that person and play may wait for them (instructor review C11).
 */
export function fillBotsQuestion(o: { emptySeats: number; strategyName: string; reserved: number; takeOverBots: boolean; seats?: readonly AdminParticipantRow[] }): string {
  const seats = emptySeatsText(o.emptySeats);
  const what = o.takeOverBots
    ? "Bots play these seats, and groups start as soon as they are complete. A latecomer who joins with the room code takes over one of them " +
      "(its bot keeps playing while they read the consent and instructions; not a seat whose group plays its last round); the rounds the bot " +
      "played stay the bot's in the data. Filling cannot be undone."
    : "Bots keep these seats for the rest of the session: nobody can join them any more, and groups start as soon as they are complete. " +
      "This cannot be undone.";
  const r = o.reserved;
  const reserved =
    r > 0
      ? ` ${r} more seat${r === 1 ? " is" : "s are"} taken by a join but not opened yet: ${r === 1 ? "it is" : "they are"} not filled (free ${r === 1 ? "it" : "them"} on the participant list to fill ${r === 1 ? "it" : "them"} too, or wait: an unopened seat is free again 2 minutes after it was taken).`
      : "";
  const offline = offlineInIntroText((o.seats ?? []).filter((p) => p.takeover === null));
  return `Fill the ${seats} with bots (${o.strategyName}) now? ${what}${reserved}${offline}`;
}
