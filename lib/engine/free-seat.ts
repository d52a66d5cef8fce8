/**
 * Giving a taken seat back (seat squatting): a seat taken by room code or panel id whose browser never
 * connected is a reservation, not a seat. Anyone with the room code or the study link can take seats
 * without ever playing them, so such a seat goes back to the free seats after {@link CLAIM_HOLD_MS}
 * (the server's sweep sends `freeSeat` with `unused`), and the experimenter can free any seat whose
 * person has not started playing yet (not in a group) from the monitor. The server gives the seat a new
 * link as it frees it (server/sessions/manager.ts `freeSeat`), so whoever held the old one has nothing.
 */
import { ActionErrorCode, type ActionError } from "../core/errors";
import { draftParticipant } from "./draft";
import { seatName } from "./rounds";
import type { Effects, ParticipantState, SessionState } from "./state";

/**
 * How long a seat taken by room code or panel id is held for a browser that never connects (a person's
 * browser opens the seat's page within seconds of joining; 2 minutes leave room for a slow phone).
 */
export const CLAIM_HOLD_MS = 2 * 60_000;

/** A taken seat nobody ever opened, held longer than {@link CLAIM_HOLD_MS} at `nowMs`. */
export function unusedClaim(p: ParticipantState, nowMs: number): boolean {
  return (
    p.claimed &&
    !p.bot &&
    !p.replacedByBot &&
    !p.everConnected &&
    !p.connected &&
    p.stage === "new" &&
    p.claimedAtMs !== undefined &&
    nowMs - p.claimedAtMs >= CLAIM_HOLD_MS
  );
}

/** Why a seat cannot be freed (null: it can), in the experimenter's words. */
export function freeSeatProblem(p: ParticipantState): string | null {
  if (p.bot || p.replacedByBot) return "A bot plays this seat; only a seat a person took and has not started playing can be freed.";
  if (!p.claimed) return "This seat is free already.";
  if (p.groupId !== null || !(p.stage === "new" || p.stage === "intro" || p.stage === "waiting"))
    return "This person has started playing: replace them by a bot instead.";
  return null;
}

type FreeResult = { ok: true } | { ok: false; error: ActionError };

/**
 * Free a taken seat: its label, panel id, intro progress and presence are forgotten, so the next join
 * takes it like a seat nobody had. `unused`: only if it is still an unused claim (the sweep's decision
 * is checked against the state it lands on: a browser that connected meanwhile keeps its seat).
 */
export function freeSeat(s: SessionState, pid: string, unused: boolean, nowMs: number, fx: Effects): FreeResult {
  const current = s.participants.get(pid);
  const refuse = (message: string): FreeResult => ({ ok: false, error: { code: ActionErrorCode.Conflict, message } });
  if (!current) return refuse("No such participant in this session.");
  if (s.status === "ended") return refuse("The session has already ended.");
  if (unused && !unusedClaim(current, nowMs)) return refuse("This seat was opened (or freed) in the meantime; it stays as it is.");
  const problem = freeSeatProblem(current);
  if (problem) return refuse(problem);
  const p = draftParticipant(s, pid);
  const who = p.label !== null ? `"${p.label}"` : p.external ? `${p.external.source} id ${p.external.id}` : "a personal link";
  p.label = null;
  delete p.external;
  delete p.claimedAtMs;
  p.claimed = false;
  p.everConnected = false;
  p.connected = false;
  p.offlineSinceMs = null;
  p.stage = "new";
  p.introStep = "consent";
  p.quizAttempts = 0;
  if (s.waiting.includes(pid)) s.waiting = s.waiting.filter((w) => w !== pid);
  fx.notes.push(unused ? `${seatName(s, pid)} is free again: taken by ${who} ${Math.round(CLAIM_HOLD_MS / 60_000)} minutes ago and never opened` : `experimenter freed ${seatName(s, pid)} (taken by ${who})`);
  return { ok: true };
}
