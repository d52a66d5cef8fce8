/**
 * Texts about seats whose person has not finished the intro while others are ready (instructor review C11):
 * the monitor's notice "Play waits for …" (AdminView.playWaitsFor, lib/engine/play-waits.ts) and the fill
 * question's line about seats whose person is offline in the intro (filling leaves those seats to them).
 */
import type { AdminParticipantRow } from "@/lib/engine/views";
import type { GroupWait } from "@/lib/engine/play-waits";

/** lib/engine/free-seat.ts LEFT_BEFORE_PLAY_MS in words (play-waits-text.test.ts checks they agree). */
export const LEFT_BEFORE_PLAY_TEXT = "10 minutes";

type Seat = Pick<AdminParticipantRow, "seat" | "label" | "stage" | "introStep" | "presence" | "offlineMs" | "leftBeforePlay">;

/** "less than a minute", "1 min", "12 min". */
export function offlineForText(ms: number): string {
  return ms < 60_000 ? "less than a minute" : `${Math.floor(ms / 60_000)} min`;
}

/** "seat 1 Lu" (seats counted from 1, as on the monitor), "seat 3" without a label. */
export function seatText(p: Pick<AdminParticipantRow, "seat" | "label">): string {
  return `seat ${p.seat + 1}${p.label ? ` ${p.label}` : ""}`;
}

/** Where the seat's person is: "offline 1 min, at the consent", "online, at the instructions", "taken, not opened yet", "declined the consent". */
export function introStateText(p: Seat): string {
  if (p.leftBeforePlay === "declined") return "declined the consent";
  if (p.leftBeforePlay === "quizFailed") return "failed the quiz";
  if (p.stage === "new") return "taken, not opened yet";
  const at = `at the ${p.introStep}`;
  return p.presence === "offline" ? `offline ${p.offlineMs === null ? "" : `${offlineForText(p.offlineMs)}, `}${at}` : `online, ${at}`;
}

/** The notice's headline: "Play waits for 1 person still in the intro: seat 1 Lu (offline 1 min, at the consent)." */
export function playWaitsHeadline(seats: readonly Seat[]): string {
  const n = seats.length;
  return `Play waits for ${n} ${n === 1 ? "person" : "people"} still in the intro: ${seats.map((p) => `${seatText(p)} (${introStateText(p)})`).join(", ")}.`;
}

/**
 * What "Replace by bot" does to a seat whose person has not finished the intro (lib/engine/free-seat.ts
 * `personInIntro`): the button's title on the participant list and the notice's explanation.
 */
export const REPLACE_IN_INTRO_TEXT =
  "the seat is freed from its person, who has not agreed to take part or finished the intro (their link stops working; " +
  "they are not paid and not in the data, like a person whose seat was freed), and a bot plays it as a bot seat from now on";

/** The notice's explanation: why nothing starts, and the ways on. */
export function playWaitsHelp(waiting: number): string {
  const ready = `${waiting} ${waiting === 1 ? "seat is" : "seats are"} ready in the waiting room`;
  return (
    `Every seat is taken and ${ready}, but no group can start without the seats above. ` +
    `Replace by bot: ${REPLACE_IN_INTRO_TEXT}, and play starts as soon as the groups are complete. ` +
    `Free seat: the next person to join takes it (or fill it with a bot). A seat whose person is offline is freed by itself after ${LEFT_BEFORE_PLAY_TEXT} offline.`
  );
}

/** For the fill question: the seats whose person is offline in the intro, which filling leaves to them ("" when none). */
export function offlineInIntroText(seats: readonly Seat[]): string {
  const off = seats.filter((p) => p.stage === "intro" && p.presence === "offline");
  if (off.length === 0) return "";
  const list = off.map((p) => `${seatText(p)} (${introStateText(p)})`).join(", ");
  return off.length === 1
    ? ` 1 seat is held by a person offline in the intro: ${list}. It is not filled, and play may wait for them: replace them by a bot or free the seat on the participant list (it is freed by itself after ${LEFT_BEFORE_PLAY_TEXT} offline).`
    : ` ${off.length} seats are held by people offline in the intro: ${list}. They are not filled, and play may wait for them: replace them by a bot or free their seats on the participant list (a seat is freed by itself after ${LEFT_BEFORE_PLAY_TEXT} offline).`;
}

/** "1 person", "3 people". */
const people = (n: number) => `${n} ${n === 1 ? "person" : "people"}`;
/** "1 more person", "3 more people". */
const more = (n: number) => `${n} more ${n === 1 ? "person" : "people"}`;

/**
 * The monitor's line about the waiting room (AdminView.groupWait, lib/engine/play-waits.ts; fresh-clone review A6):
 * how many wait, how many more a group needs and where they can come from; when none can, that no group forms
 * without the experimenter, and what to do.
 */
export function groupWaitText(w: GroupWait): { text: string; stuck: boolean } {
  const ready = `${w.ready} ${w.ready === 1 ? "seat is" : "seats are"} ready and waiting for a group`;
  const wait =
    w.waitOutInMs === null ? "" : ` The first of them goes to the final page (no game, the show-up fee) in ${offlineForText(w.waitOutInMs)} (waitingRoom.maxMinutes), and their seat is free again.`;
  const comes =
    [
      w.emptySeats > 0 ? `${w.emptySeats} empty ${w.emptySeats === 1 ? "seat waits" : "seats wait"} for a join` : "",
      w.inIntro > 0 ? `${people(w.inIntro)} ${w.inIntro === 1 ? "is" : "are"} still in the intro` : "",
    ]
      .filter((x) => x !== "")
      .join(", ") || "no seat is empty and nobody is in the intro";
  if (!w.cannotForm) return { stuck: false, text: `${ready}: a group needs ${more(w.short)} (${comes}; Fill empty seats with bots fills the empty ones).${wait}` };
  const can = w.emptySeats + w.inIntro;
  const why = can < w.short ? `a group needs ${more(w.short)}, and ${can === 0 ? "none" : `only ${can}`} can still come (${comes})` : "play has started without them";
  return { stuck: true, text: `No group can form: ${ready}; ${why}. Fill empty seats with bots, replace or free the seats that hold it up, or end the session.${wait}` };
}
