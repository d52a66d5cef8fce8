/**
 * Experimenter commands and the clock: pause/resume, forcing a phase to end, bots taking seats,
 * ending the session, and `tick` (deadlines and the dropout grace period).
 */
import { ActionErrorCode, type ActionError } from "../core/errors";
import { hasOwnKey } from "../core/own";
import { draftGroup, draftParticipant } from "./draft";
import { endGroup, formGroups, recordShownRound, releaseBarrier, seatName, settle } from "./rounds";
import { skipSurvey } from "./survey";
import { personInIntro, releasePerson, waitedOutSeat } from "./free-seat";
import type { AdminCommand } from "./commands";
import { groupInPlay, type Effects, type GroupState, type ParticipantState, type SessionState } from "./state";
import type { LoadedTreatment } from "./treatment";

export type AdminResult = { ok: true } | { ok: false; error: ActionError };
const bad = (message: string): AdminResult => ({ ok: false, error: { code: ActionErrorCode.Conflict, message } });

function botFor(lt: LoadedTreatment, strategy: string | undefined): string | null {
  const s = strategy ?? lt.treatment.dropout.bot ?? lt.game.defaultBot;
  return hasOwnKey(lt.game.bots, s) ? s : null;
}

function seatBot(s: SessionState, current: ParticipantState, strategy: string, reason: "dropout" | "experimenter", lt: LoadedTreatment, nowMs: number, fx: Effects) {
  const p = draftParticipant(s, current.id);
  p.replacedByBot = true;
  p.botReason = reason;
  p.botStrategy = strategy;
  p.claimed = true;
  if (p.stage === "new" || p.stage === "intro") {
    p.stage = "waiting";
    s.waiting.push(p.id);
  }
  if (p.stage === "survey") skipSurvey(p, nowMs);
  fx.notes.push(`bot "${strategy}" plays ${seatName(s, p.id)} because of ${reason}`);
  formGroups(s, lt, nowMs, fx);
}

/**
 * An empty seat nobody ever took, played by a bot from now on: a bot seat like those the treatment names
 * (`bot_seat` in the data, the bot's own survey answers), not a person replaced by a bot.
 */
function fillSeat(s: SessionState, current: ParticipantState, strategy: string, lt: LoadedTreatment, nowMs: number, fx: Effects) {
  const p = draftParticipant(s, current.id);
  p.bot = true;
  p.filled = true;
  p.botStrategy = strategy;
  p.claimed = true;
  p.connected = true;
  p.stage = "waiting";
  s.waiting.push(p.id);
  fx.notes.push(`bot "${strategy}" plays the empty ${seatName(s, p.id)} (filled by the experimenter)`);
  formGroups(s, lt, nowMs, fx);
}

/** Whether group `g` is in a step where people decide (not one where they read results). */
export function inDecisionStep(g: GroupState, lt: LoadedTreatment): boolean {
  return g.status === "playing" && lt.game.phases[g.phase]?.kind === "decision";
}

/**
 * The groups "End phase now" ends: the one it names, else every playing group. `decisionsOnly` (the
 * monitor's "End phase now (all groups)"): only the groups in a decision step when any group is in one, so
 * groups reading their results are not cut short; when none is deciding, every playing group. Commands
 * without the flag (event logs written before it) end every playing group, as they always did.
 */
export function forceEndGroups(s: SessionState, lt: LoadedTreatment, cmd: { groupId?: string; decisionsOnly?: boolean }): GroupState[] {
  const playing = s.groups.toArray().filter((g) => g.status === "playing" && (!cmd.groupId || g.id === cmd.groupId));
  if (cmd.groupId || cmd.decisionsOnly !== true) return playing;
  const deciding = playing.filter((g) => inDecisionStep(g, lt));
  return deciding.length > 0 ? deciding : playing;
}

export function applyAdmin(s: SessionState, lt: LoadedTreatment, cmd: AdminCommand, nowMs: number, fx: Effects): AdminResult {
  if (s.status === "ended") return bad("The session has already ended.");
  if (s.status === "draft" && cmd.kind !== "open" && cmd.kind !== "end") return bad("The session is a draft: open it first (nobody can join a draft).");
  switch (cmd.kind) {
    case "open":
      if (s.status !== "draft") return bad("The session is already open.");
      s.status = "running";
      fx.notes.push("experimenter opened the session");
      formGroups(s, lt, nowMs, fx);
      return { ok: true };
    case "pause":
      if (s.status === "paused") return bad("The session is already paused.");
      s.status = "paused";
      s.pausedMs = nowMs;
      for (const g0 of s.groups.toArray())
        if (g0.status === "playing" && g0.deadlineMs !== null) {
          const g = draftGroup(s, g0.id);
          g.remainingMsAtPause = Math.max(0, g0.deadlineMs - nowMs);
          g.deadlineMs = null;
        }
      return { ok: true };
    case "resume":
      if (s.status !== "paused") return bad("The session is not paused.");
      s.status = "running";
      for (const p0 of s.participants.toArray())
        if (!p0.connected && p0.offlineSinceMs !== null && s.pausedMs !== null) {
          const p = draftParticipant(s, p0.id);
          p.offlineSinceMs = p0.offlineSinceMs + (nowMs - Math.max(s.pausedMs, p0.offlineSinceMs)); // pauses do not count as offline time
        }
      // decision_ms counts no paused time: the phase started that much later (and waiting for a group neither)
      if (s.pausedMs !== null) shiftPhaseStarts(s, s.pausedMs, nowMs);
      s.pausedMs = null;
      for (const g0 of s.groups.toArray())
        if (g0.status === "playing" && g0.remainingMsAtPause !== null) {
          const g = draftGroup(s, g0.id);
          g.deadlineMs = nowMs + g0.remainingMsAtPause;
          g.remainingMsAtPause = null;
        }
      return { ok: true };
    case "forcePhaseEnd": {
      const groups = forceEndGroups(s, lt, cmd);
      if (groups.length === 0) {
        const computing = s.groups.toArray().filter((g) => g.status === "computing" && (!cmd.groupId || g.id === cmd.groupId));
        const failed = computing.find((g) => g.computing?.failed);
        if (failed)
          return bad(`The computation of group ${failed.id} failed (${failed.computing!.failed!.message}): retry it, or end the group, from its panel.`);
        if (computing.length > 0) return bad("The results are being computed; the next phase starts as soon as they are ready.");
        return bad(cmd.groupId ? `Group ${cmd.groupId} is not playing.` : "No group is playing.");
      }
      for (const g of groups) settle(s, draftGroup(s, g.id), lt, nowMs, fx, "experimenter");
      fx.notes.push(`experimenter ended the phase of ${groups.map((g) => g.id).join(", ")}`);
      return { ok: true };
    }
    case "replaceWithBot": {
      const p = s.participants.get(cmd.pid);
      if (!p) return bad("No such participant in this session.");
      if (p.bot || p.replacedByBot) return bad("A bot already plays this seat.");
      if (p.stage === "done") return bad("This participant has finished.");
      const strategy = botFor(lt, cmd.strategy);
      if (!strategy) return bad(`Unknown bot "${cmd.strategy}"; use one of ${Object.keys(lt.game.bots).join(", ")}.`);
      // a person still in the intro never agreed to take part (or never learnt the game): the seat is freed from
      // them and a bot plays it as a bot seat, not for them (`intro`: the server renewed the seat's link for it)
      if (personInIntro(p) !== (cmd.intro === true))
        return bad(
          cmd.intro === true
            ? "This person finished the intro in the meantime (the seat's link was renewed: give them the new one from the links list). Press Replace by bot again to have a bot play for them."
            : "This person has not finished the intro: Replace by bot frees the seat from them and gives it to a bot (the monitor's button does this).",
        );
      if (cmd.intro === true) {
        const who = releasePerson(s, p, nowMs, cmd.completionCode);
        fx.notes.push(`experimenter freed ${seatName(s, p.id)} from ${who}, who had not finished the intro, for a bot`);
        fillSeat(s, s.participants.get(p.id)!, strategy, lt, nowMs, fx);
        return { ok: true };
      }
      seatBot(s, p, strategy, "experimenter", lt, nowMs, fx);
      return { ok: true };
    }
    case "giveBack": {
      const p = s.participants.get(cmd.pid);
      if (!p) return bad("No such participant in this session.");
      if (p.bot) return bad("A bot plays this seat from the start: there is nobody to give it back to.");
      if (!p.replacedByBot) return bad("This person plays their seat already.");
      if (p.stage === "done") return bad("This participant has finished.");
      // only to a person who opened the seat and went through consent and instructions themselves
      if (!p.everConnected) return bad("Nobody ever opened this seat: there is no person to give it back to (a bot keeps playing it).");
      if (p.waitingSinceMs === undefined && !p.history.some((h) => !h.isBot))
        return bad("This person never finished the consent and instructions (the bot took the seat before): they cannot play without them. A bot keeps playing it.");
      const d = draftParticipant(s, p.id);
      d.replacedByBot = false;
      d.botReason = null;
      d.botStrategy = null;
      // offline now: the dropout rule applies again from now (else nobody would play the seat)
      if (!d.connected) d.offlineSinceMs = nowMs;
      fx.notes.push(`experimenter gave ${seatName(s, p.id)} back to its person`);
      return { ok: true };
    }
    case "fillWithBots": {
      const strategy = botFor(lt, cmd.strategy);
      if (!strategy) return bad(`Unknown bot "${cmd.strategy}"; use one of ${Object.keys(lt.game.bots).join(", ")}.`);
      const empty = s.order.map((id) => s.participants.get(id)!).filter((p) => p.stage === "new" && !p.claimed);
      if (empty.length === 0) return bad("Every seat is taken.");
      for (const p of empty) fillSeat(s, p, strategy, lt, nowMs, fx);
      return { ok: true };
    }
    case "end":
      s.status = "ended";
      s.endedMs = nowMs;
      for (const g0 of s.groups.toArray()) {
        if (!groupInPlay(g0)) continue;
        const g = draftGroup(s, g0.id);
        // a round whose results are on screen counts: people saw its points (a round still being decided does not)
        if (recordShownRound(s, g, lt, nowMs, fx)) {
          fx.notes.push(`group ${g.id}: round ${g.round} recorded (its results were on screen when the session ended)`);
          // the last round's results: the group has played every round, it finished (only the exit survey is skipped)
          if (g.round >= lt.rounds) {
            endGroup(s, g, "finished");
            continue;
          }
        }
        g.endedWithSession = true;
        endGroup(s, g, "ended");
      }
      // (a seat nobody took stays "new": nobody was there to finish)
      for (const p of s.participants.toArray()) if (p.stage !== "done" && !(p.stage === "new" && !p.claimed)) draftParticipant(s, p.id).stage = "done";
      s.waiting = [];
      fx.notes.push("experimenter ended the session");
      return { ok: true };
  }
}

/**
 * The server was down from `fromMs` until `nowMs` (a crash and a restart; server/sessions/manager.ts
 * `boot`): the clock stops for the outage as for a pause. A deadline still ahead at `fromMs` gets back the
 * time it had left then (one that had passed before the crash stays passed), and time offline during the
 * outage does not count towards the dropout grace. Nothing changes when the session is not running.
 */
export function applyOutage(s: SessionState, fromMs: number, nowMs: number) {
  const down = nowMs - fromMs;
  if (s.status !== "running" || !Number.isFinite(down) || down <= 0) return;
  for (const g0 of s.groups.toArray())
    if (g0.status === "playing" && g0.deadlineMs !== null && g0.deadlineMs > fromMs) draftGroup(s, g0.id).deadlineMs = g0.deadlineMs + down;
  for (const p0 of s.participants.toArray())
    if (!p0.connected && p0.offlineSinceMs !== null && p0.offlineSinceMs < nowMs)
      draftParticipant(s, p0.id).offlineSinceMs = p0.offlineSinceMs + (nowMs - Math.max(fromMs, p0.offlineSinceMs));
  shiftPhaseStarts(s, fromMs, nowMs);
}

/**
 * The clock stood still from `fromMs` to `nowMs` (a pause, an outage): every playing group's phase counts
 * as started that much later, so `decision_ms` (time from the phase's start to a choice) leaves it out.
 */
function shiftPhaseStarts(s: SessionState, fromMs: number, nowMs: number) {
  for (const g0 of s.groups.toArray())
    if (g0.status === "playing" && g0.phaseStartedMs < nowMs) {
      const g = draftGroup(s, g0.id);
      // never after its deadline (one that passed before an outage stays where it was)
      g.phaseStartedMs = Math.min(g0.phaseStartedMs + (nowMs - Math.max(fromMs, g0.phaseStartedMs)), g0.deadlineMs ?? Number.POSITIVE_INFINITY);
    }
  for (const id of s.waiting) {
    const p0 = s.participants.get(id);
    if (p0?.waitingSinceMs !== undefined && p0.waitingSinceMs < nowMs)
      draftParticipant(s, id).waitingSinceMs = p0.waitingSinceMs + (nowMs - Math.max(fromMs, p0.waitingSinceMs));
  }
}

/** A person who has waited for a first group longer than the treatment allows (`waitingRoom.maxMinutes`), or null. */
function waitedTooLong(p: ParticipantState, lt: LoadedTreatment): number | null {
  const max = lt.treatment.waitingRoom.maxMinutes;
  if (max === undefined || p.stage !== "waiting" || p.groupId !== null || p.bot || p.replacedByBot || p.history.length > 0 || p.waitingSinceMs === undefined) return null;
  return p.waitingSinceMs + max * 60_000;
}

/** People who waited for a group as long as the treatment allows leave the waiting room: no game takes place for them. */
function waitOut(s: SessionState, lt: LoadedTreatment, nowMs: number, fx: Effects) {
  for (const p0 of s.participants.toArray()) {
    const due = waitedTooLong(p0, lt);
    if (due === null || nowMs < due) continue;
    const p = draftParticipant(s, p0.id);
    p.stage = "done";
    p.waitedOut = true;
    s.waiting = s.waiting.filter((w) => w !== p.id);
    fx.notes.push(`${seatName(s, p.id)} waited ${lt.treatment.waitingRoom.maxMinutes} minutes without a group and went to the final page`);
  }
}

/** Deadlines and dropouts due at `nowMs`; the deadlines of the groups in `hold` wait (the tick command's `hold`). */
export function applyTick(s: SessionState, lt: LoadedTreatment, nowMs: number, fx: Effects, hold?: readonly string[]) {
  if (s.status !== "running") return;
  waitOut(s, lt, nowMs, fx);
  const graceMs = lt.treatment.dropout.graceSeconds * 1000;
  for (const p of s.participants.toArray()) {
    if (p.stage !== "playing" || p.connected || p.bot || p.replacedByBot || p.offlineSinceMs === null) continue;
    if (nowMs - p.offlineSinceMs < graceMs) continue;
    const g = p.groupId ? s.groups.get(p.groupId) : undefined;
    if (lt.treatment.dropout.policy === "bot") {
      const strategy = botFor(lt, undefined);
      if (strategy) seatBot(s, p, strategy, "dropout", lt, nowMs, fx);
    } else if (lt.treatment.dropout.policy === "end" && g && (g.status === "playing" || g.status === "computing")) {
      const dg = draftGroup(s, g.id);
      // as when the session ends: a round whose results were on screen counts
      if (recordShownRound(s, dg, lt, nowMs, fx)) fx.notes.push(`group ${g.id}: round ${g.round} recorded (its results were on screen when the group ended)`);
      endGroup(s, dg, "ended", lt, nowMs);
      fx.notes.push(`group ${g.id} ended: ${seatName(s, p.id)} stayed offline past the grace period`);
      releaseBarrier(s, lt, g.round, nowMs, fx);
    }
  }
  for (const g of s.groups.toArray())
    if (g.status === "playing" && g.deadlineMs !== null && g.deadlineMs <= nowMs && !hold?.includes(g.id))
      try {
        settle(s, draftGroup(s, g.id), lt, nowMs, fx, "timeout");
      } catch (e) {
        throw new DeadlineCrash(g.id, e);
      }
}

/**
 * Game code threw while a group's deadline was settled by a tick (nothing of the tick is applied, as for
 * any throw in `reduce`): names the group, so the server can hold back that group's deadline only
 * (the tick's `hold`) and let the session's other groups go on. `error` is what the game code threw.
 */
export class DeadlineCrash extends Error {
  constructor(
    readonly groupId: string,
    readonly error: unknown,
  ) {
    super(`group ${groupId}: ${error instanceof Error ? error.message : String(error)}`);
    this.name = "DeadlineCrash";
  }
}

/** Whether the session is over: it ended, or every seat has finished (`everyoneFinished`). */
export function sessionOver(s: SessionState): boolean {
  return s.status === "ended" || everyoneFinished(s);
}

/**
 * Every seat has finished. A person who took no part (declined the consent, used up the quiz's attempts) has
 * not finished the session's seat if it was taken by room code or panel id: the seat goes to the next person
 * once their page is closed (lib/engine/free-seat.ts). A personal-link seat's leaver counts as finished, but a
 * session where nobody took part at all has not finished (a handful of people declining one after the other
 * must not end a study for everyone after them).
 */
export function everyoneFinished(s: SessionState): boolean {
  let tookPart = false;
  for (const id of s.order) {
    const p = s.participants.get(id)!;
    if (p.stage !== "done") return false;
    // waited out the waiting room without playing: the seat goes to the next person (lib/engine/free-seat.ts)
    if (waitedOutSeat(p)) return false;
    if (p.leftBeforePlay === undefined) tookPart = true;
    else if (p.claimedAtMs !== undefined) return false;
  }
  return tookPart;
}

/**
 * When the scheduler must next call `tick` (epoch ms), or null. `hold`: groups whose deadline is held back
 * (by group id, the time from which it may be tried again; the tick command's `hold`): such a group's
 * deadline counts from then.
 */
export function nextWakeMs(s: SessionState, lt: LoadedTreatment, hold?: ReadonlyMap<string, number>): number | null {
  if (s.status !== "running") return null;
  let t: number | null = null;
  const take = (x: number) => (t = t === null ? x : Math.min(t, x));
  s.groups.forEach((g) => {
    if (g.status === "playing" && g.deadlineMs !== null) take(Math.max(g.deadlineMs, hold?.get(g.id) ?? 0));
  });
  if (lt.treatment.waitingRoom.maxMinutes !== undefined)
    s.participants.forEach((p) => {
      const due = waitedTooLong(p, lt);
      if (due !== null) take(due);
    });
  if (lt.treatment.dropout.policy !== "wait")
    s.participants.forEach((p) => {
      if (p.stage === "playing" && !p.connected && !p.bot && !p.replacedByBot && p.offlineSinceMs !== null)
        take(p.offlineSinceMs + lt.treatment.dropout.graceSeconds * 1000);
    });
  return t;
}
