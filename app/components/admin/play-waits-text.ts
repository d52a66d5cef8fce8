/**
 * Texts about seats whose person has not finished the intro while others are ready (instructor review C11):
 * the monitor's notice "Play waits for …" (AdminView.playWaitsFor, lib/engine/play-waits.ts) and the fill
 * question's line about seats whose person is offline in the intro (filling leaves those seats to them).
 */
import type { AdminParticipantRow } from "@/lib/engine/views";

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

/** The notice's explanation: why nothing starts, and the ways on. */
export function playWaitsHelp(waiting: number): string {
  const ready = `${waiting} ${waiting === 1 ? "seat is" : "seats are"} ready in the waiting room`;
  return (
    `Every seat is taken and ${ready}, but no group can start without the seats above. ` +
    `Replace by bot: a bot plays the seat from now on, and play starts as soon as the groups are complete. ` +
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
