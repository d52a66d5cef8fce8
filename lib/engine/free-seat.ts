/**
 * Giving a taken seat back (seat squatting, people who leave before playing): a seat taken by room code or
 * panel id whose browser never connected is a reservation, not a seat. Anyone with the room code or the
 * study link can take seats without ever playing them, so such a seat goes back to the free seats after
 * {@link CLAIM_HOLD_MS}, and one whose person left in the intro or the waiting room after
 * {@link LEFT_BEFORE_PLAY_MS} (the server's sweep sends `freeSeat` with `unused`); the experimenter can free
 * any seat whose person has not started playing yet (not in a group) from the monitor. The server gives the seat a new
 * link as it frees it (server/sessions/manager.ts `freeSeat`), so whoever held the old one has nothing.
 *
 * A person who waited out the waiting room (`waitingRoom.maxMinutes`, lib/engine/admin.ts `waitOut`) gives the seat back
 * at once ({@link waitedOutSeat}): without that, a group that needs the seat could never form. They keep what they were
 * promised: the seat remembers them with their completion code (lib/engine/seat-memory.ts; payments list them), and
 * their old link still shows their final page (the server keeps it, server/sessions/manager.ts `freeSeat`).
 */
import { ActionErrorCode, type ActionError } from "../core/errors";
import { draftParticipant } from "./draft";
import { seatName } from "./rounds";
import { rememberFormerPerson } from "./seat-memory";
import { personKey } from "./claim";
import { abandonTakeover } from "./takeover";
import { giveUpLabel } from "./label-visibility";
import type { Effects, ParticipantState, SessionState } from "./state";

/**
 * How long a seat taken by room code or panel id is held for a browser that never connects (a person's
 * browser opens the seat's page within seconds of joining; 2 minutes leave room for a slow phone).
 */
export const CLAIM_HOLD_MS = 2 * 60_000;

/**
 * How long a seat taken by room code or panel id stays with a person who left before playing: offline in
 * the intro (e.g. closed the tab at the consent page) or the waiting room, not in a group yet. Long enough
 * for a phone whose screen locked while its person read the instructions; without it such a seat kept the
 * session "full" and a group waiting for it forever.
 */
export const LEFT_BEFORE_PLAY_MS = 10 * 60_000;

/**
 * Whether the seat is a claim nobody uses at `nowMs`: taken by room code or panel id (personal-link seats are
 * never freed by themselves: nobody else could take them), not played by a bot, not in a group, and either
 * never opened for {@link CLAIM_HOLD_MS} or offline before playing for {@link LEFT_BEFORE_PLAY_MS}, or the
 * person left in the intro (declined the consent, failed the quiz: `leftBeforePlay`) and closed the page.
 */
export function unusedClaim(p: ParticipantState, nowMs: number): boolean {
  // waited out the waiting room: free for the next person at once (their page keeps its final page by its old link)
  if (waitedOutSeat(p)) return true;
  // a latecomer's takeover of a filled seat (lib/engine/takeover.ts) nobody opened, or whose person went away in its intro:
  // the seat goes back to its bot (which plays it all along), so the next latecomer may take it
  if (p.takeover !== undefined && !p.connected && p.claimedAtMs !== undefined)
    return p.everConnected ? p.offlineSinceMs !== null && nowMs - p.offlineSinceMs >= LEFT_BEFORE_PLAY_MS : nowMs - p.claimedAtMs >= CLAIM_HOLD_MS;
  if (!p.claimed || p.bot || p.replacedByBot || p.connected || p.groupId !== null || p.claimedAtMs === undefined) return false;
  if (p.stage === "new") return !p.everConnected && nowMs - p.claimedAtMs >= CLAIM_HOLD_MS;
  // declined the consent or used up the quiz's attempts: free for someone else once the page is closed
  if (p.stage === "done" && p.leftBeforePlay !== undefined) return p.offlineSinceMs !== null;
  if (p.stage === "intro" || p.stage === "waiting") return p.offlineSinceMs !== null && nowMs - p.offlineSinceMs >= LEFT_BEFORE_PLAY_MS;
  return false;
}

/**
 * Whether the seat's person waited out the waiting room without playing (`waitedOut`) and still holds it: the seat
 * goes back to the free seats, any kind of seat (a personal link's too: the experimenter can hand out its new
 * link, or fill it with a bot).
 */
export function waitedOutSeat(p: ParticipantState): boolean {
  return p.waitedOut === true && p.stage === "done" && !p.bot && !p.replacedByBot && p.takeover === undefined && p.groupId === null && p.history.length === 0;
}

/** Why a seat cannot be freed (null: it can), in the experimenter's words. */
export function freeSeatProblem(p: ParticipantState): string | null {
  if (p.takeover !== undefined) return null; // a latecomer reading the intro: back to the seat's bot
  if (p.bot || p.replacedByBot) return "A bot plays this seat; only a seat a person took and has not started playing can be freed.";
  if (!p.claimed) return "This seat is free already.";
  const leftInIntro = p.stage === "done" && (p.leftBeforePlay !== undefined || waitedOutSeat(p));
  if (p.groupId !== null || !(p.stage === "new" || p.stage === "intro" || p.stage === "waiting" || leftInIntro))
    return "This person has started playing: replace them by a bot instead.";
  return null;
}

/**
 * Whether "Replace by bot" on this seat replaces a person who has not finished the intro (took the seat and
 * never opened it, or is at the consent, instructions or quiz): such a person never agreed to take part, or did
 * not learn the game, so the bot does not play *for* them. The seat is freed from them (as "Free seat" does:
 * lib/engine/admin.ts `replaceWithBot`) and becomes a bot seat; the server renews its link and completion code first.
 */
export function personInIntro(p: ParticipantState): boolean {
  if (!p.claimed || p.bot || p.replacedByBot || p.takeover !== undefined || p.groupId !== null) return false;
  return p.stage === "new" || p.stage === "intro";
}

type FreeResult = { ok: true } | { ok: false; error: ActionError };

/**
 * Free a taken seat: its label, panel id, intro progress and presence are forgotten, so the next join
 * takes it like a seat nobody had, with `completionCode` (a new one the server drew) when given. `unused`: only if it is still an unused claim (the sweep's decision
 * is checked against the state it lands on: a browser that connected meanwhile keeps its seat).
 */
export function freeSeat(s: SessionState, pid: string, unused: boolean, nowMs: number, fx: Effects, completionCode?: string): FreeResult {
  const current = s.participants.get(pid);
  const refuse = (message: string): FreeResult => ({ ok: false, error: { code: ActionErrorCode.Conflict, message } });
  if (!current) return refuse("No such participant in this session.");
  if (s.status === "ended") return refuse("The session has already ended.");
  if (unused && !unusedClaim(current, nowMs)) return refuse("This seat was opened (or freed) in the meantime; it stays as it is.");
  if (current.takeover !== undefined) {
    // a latecomer reading the intro (the sweep: never opened or gone; the experimenter: a seat held up): back to its bot
    const p = draftParticipant(s, pid);
    if (completionCode !== undefined) p.completionCode = completionCode;
    abandonTakeover(s, p, nowMs, fx);
    return { ok: true };
  }
  const problem = freeSeatProblem(current);
  if (problem) return refuse(problem);
  const who = releasePerson(s, current, nowMs, completionCode);
  const why =
    current.stage === "new"
      ? `taken by ${who} and never opened`
      : current.leftBeforePlay === "declined"
        ? `${who} declined the consent`
        : current.leftBeforePlay === "quizFailed"
          ? `${who} used up the quiz's attempts`
          : current.waitedOut === true
            ? `${who} waited out the waiting room (keeps completion code ${current.completionCode} and the show-up fee)`
            : `${who} left before playing`;
  fx.notes.push(unused ? `${seatName(s, pid)} is free again: ${why}` : `experimenter freed ${seatName(s, pid)} (taken by ${who})${current.waitedOut === true ? `: ${why}` : ""}`);
  return { ok: true };
}

/**
 * Forget the seat's person (freeing the seat, or "Replace by bot" on a seat whose person has not finished the
 * intro: lib/engine/admin.ts): label, panel id, intro progress and presence go, the seat memory keeps what the
 * same person must not get afresh (lib/engine/seat-memory.ts), and the seat's next holder is counted
 * (`timesFreed`). The seat is "new" and untaken afterwards; `completionCode`: the next person's (the server drew it).
 * Returns who the person was, for the event notes.
 */
export function releasePerson(s: SessionState, current: ParticipantState, nowMs: number, completionCode?: string): string {
  const pid = current.id;
  const p = draftParticipant(s, pid);
  const who = p.label !== null ? `"${p.label}"` : p.external ? `${p.external.source} id ${p.external.id}` : "a personal link";
  // the same person coming back must not get the quiz's attempts afresh
  rememberFormerPerson(p, current, personKey(current), nowMs);
  delete p.leftBeforePlay;
  delete p.waitedOut;
  delete p.waitingSinceMs;
  giveUpLabel(s, p); // a hidden label stays barred from the session; the seat's next person shows their own
  p.label = null;
  delete p.external;
  delete p.claimedAtMs;
  delete p.claimedFrom;
  delete p.claimedBrowser;
  p.claimed = false;
  p.everConnected = false;
  p.connected = false;
  p.offlineSinceMs = null;
  p.stage = "new";
  p.introStep = "consent";
  p.quizAttempts = 0;
  if (completionCode !== undefined) p.completionCode = completionCode;
  p.timesFreed = (current.timesFreed ?? 0) + 1;
  if (s.waiting.includes(pid)) s.waiting = s.waiting.filter((w) => w !== pid);
  return who;
}
