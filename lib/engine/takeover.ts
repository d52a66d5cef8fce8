/**
 * A latecomer in a classroom: every seat is taken, some by bots the experimenter filled in to start the game
 * ("Fill empty seats with bots"). A room-code join then takes over one of those seats (lib/engine/claim.ts
 * `nextTakeoverSeat`): the person reads the consent, the instructions and the quiz while the seat's bot plays
 * on, and plays the seat from their next choice once the intro is done. The rounds the bot played stay the
 * bot's (`is_bot` in the data, "rounds played by a bot" on the leaderboard and the final page). Declining the
 * consent or using up the quiz's attempts gives the seat back to its bot (and to the next latecomer); that
 * person's page says they take no part — as it does when the seat's game ends before they finished the intro
 * (`settleTakeovers`). The experimenter can free such a seat (back to its bot) from the monitor. Only seats the experimenter filled are taken over, never a bot seat the
 * treatment asks for; the treatment's `join.takeOverBots: false` turns it off.
 */
import { draftParticipant } from "./draft";
import { seatName } from "./rounds";
import { personKey } from "./claim";
import { rememberFormerPerson } from "./seat-memory";
import { giveUpLabel } from "./label-visibility";
import type { Effects, LeftBeforePlay, ParticipantState, SessionState } from "./state";

/** The latecomer as the event log's notes name them: by their label. */
const latecomer = (label: string | null) => (label === null ? "the latecomer" : `"${label}"`);

/** The seat is no longer one a latecomer is taking over (`SessionState.takeovers`). */
function unlist(s: SessionState, pid: string): void {
  if (s.takeovers?.includes(pid)) s.takeovers = s.takeovers.filter((id) => id !== pid);
}

/**
 * After every command (lib/engine/reduce.ts): a latecomer still reading when their seat's game ended (the group
 * finished, the session ended) took no part — they never finished the consent and instructions, so they are
 * neither paid nor ranked for what the bot played: the seat is its bot's again, and their page says so.
 */
export function settleTakeovers(s: SessionState, fx: Effects): void {
  for (const pid of [...(s.takeovers ?? [])]) {
    const p0 = s.participants.get(pid);
    if (!p0?.takeover) {
      unlist(s, pid);
      continue;
    }
    if (s.status !== "ended" && p0.stage !== "survey" && p0.stage !== "done") continue;
    const p = draftParticipant(s, pid);
    const who = p.label;
    backToBot(s, p);
    p.takeoverLeft = "introUnfinished";
    fx.notes.push(`${seatName(s, pid)}: the game ended before ${latecomer(who)} finished the intro; they took no part`);
  }
}

/** The latecomer finished the intro: they play the seat from their next choice (its bot stops). */
export function finishTakeover(s: SessionState, p: ParticipantState, fx: Effects): void {
  unlist(s, p.id);
  delete p.takeover;
  p.replacedByBot = false;
  p.botReason = null;
  p.botStrategy = null;
  fx.notes.push(`${seatName(s, p.id)}: ${latecomer(p.label)} finished the intro and plays the seat from their next choice (it was a filled seat's bot's)`);
}

/**
 * The latecomer never opened the seat they took over, or went away in its intro (the server's sweep, lib/engine/free-seat.ts
 * `unusedClaim`): the seat goes back to its bot, which played it all along, and to the next latecomer.
 */
export function abandonTakeover(s: SessionState, p: ParticipantState, nowMs: number, fx: Effects): void {
  const who = p.label;
  rememberFormerPerson(p, p, personKey(p), nowMs);
  backToBot(s, p);
  fx.notes.push(`${seatName(s, p.id)}: ${latecomer(who)} did not go on with the intro; the seat is its bot's again`);
}

/**
 * The filled seat is its bot's again (a latecomer after this one may take it over, as the seat's next holder:
 * `timesFreed` counts it, as data-wide.csv's and events.csv's `seat_holder` do).
 */
function backToBot(s: SessionState, p: ParticipantState): void {
  giveUpLabel(s, p);
  p.timesFreed = (p.timesFreed ?? 0) + 1;
  unlist(s, p.id);
  delete p.takeover;
  p.bot = true;
  p.replacedByBot = false;
  p.botReason = null;
  p.label = null;
  delete p.claimedAtMs;
  delete p.claimedFrom;
  delete p.claimedBrowser;
  p.quizAttempts = 0;
  p.connected = true;
  p.offlineSinceMs = null;
}

/**
 * The latecomer declined the consent or used up the quiz's attempts: the seat is its bot's again (a latecomer
 * after them may take it over), and they are remembered like a person a seat was freed from (the quiz's
 * attempts they used go with their label, typed in the same browser, to any seat they take next).
 */
export function leaveTakeover(s: SessionState, p: ParticipantState, why: LeftBeforePlay, nowMs: number, fx: Effects): void {
  const who = p.label;
  rememberFormerPerson(p, { ...p, leftBeforePlay: why }, personKey(p), nowMs);
  backToBot(s, p);
  p.takeoverLeft = why;
  fx.notes.push(
    `${seatName(s, p.id)}: ${latecomer(who)} ${why === "declined" ? "declined the consent" : "used up the quiz's attempts"}; the seat is its bot's again`,
  );
}
