/**
 * Participant commands: presence, the intro steps (consent → instructions → quiz), game actions and
 * the exit survey (lib/engine/survey.ts).
 */
import { ActionErrorCode, actionError, type ActionError, type RefusalText } from "../core/errors";
import { worded } from "../i18n/refusal";
import { translatorFor } from "../i18n/translate";
import { formatZodError } from "../core/zod-format";
import { own } from "../core/own";
import { viewContext, withContext } from "./context";
import { draftGroup, draftParticipant } from "./draft";
import { formGroups, noteAction, pendingOf, seatName, settle } from "./rounds";
import { NOT_OPEN } from "./claim";
import { applySurvey } from "./survey";
import { finishTakeover, leaveTakeover } from "./takeover";
import type { Effects, IntroStep, LeftBeforePlay, ParticipantState, SessionState } from "./state";
import type { LoadedTreatment } from "./treatment";
import type { ParticipantCommand } from "./commands";

const err = (code: ActionError["code"], text: RefusalText, field?: string): ActionError => actionError(code, text, field);

/** "That choice belongs to another step; the current step is …": the step's name in English and in the session's language. */
function otherStep(lt: LoadedTreatment, phase: string, englishLabel: string): RefusalText {
  const key = `phases.${lt.game.id}.${phase}`;
  const t = translatorFor(lt.treatment.language);
  const label = t.has(key as never) ? t(key as never) : englishLabel;
  return { message: worded("otherStep", { step: englishLabel }).message, wording: { key: "otherStep", values: { step: label } } };
}

/**
 * `action`: an accepted game action as validated (keys the game does not know dropped), for the event log.
 * `keep`: a refusal that still changed the participant (a wrong quiz answer is an attempt): the draft is kept.
 */
export type StepResult = { ok: true; duplicate?: boolean; action?: unknown } | { ok: false; error: ActionError; keep?: true };

function becomeReady(s: SessionState, p: ParticipantState, lt: LoadedTreatment, nowMs: number, fx: Effects) {
  p.stage = "waiting";
  p.waitingSinceMs = nowMs;
  s.waiting.push(p.id);
  formGroups(s, lt, nowMs, fx);
}

export function applyParticipant(
  s: SessionState,
  lt: LoadedTreatment,
  cmd: ParticipantCommand,
  nowMs: number,
  fx: Effects,
): StepResult {
  const current = s.participants.get(cmd.pid);
  if (!current) return { ok: false, error: err(ActionErrorCode.NotParticipant, worded("notYourLink")) };
  if (cmd.kind === "action") return gameAction(s, current, lt, cmd, nowMs, fx);
  if (cmd.kind === "survey") return applySurvey(s, current, lt, cmd.answers, nowMs);
  if (cmd.kind === "disconnect" && current.bot) return { ok: true };
  const p = draftParticipant(s, cmd.pid);
  switch (cmd.kind) {
    case "connect":
      p.connected = true;
      p.everConnected = true;
      p.offlineSinceMs = null;
      p.claimed = true;
      if (p.replacedByBot && p.botReason === "dropout") {
        p.replacedByBot = false;
        p.botReason = null;
        p.botStrategy = null;
        fx.notes.push(`${seatName(s, p.id)} is back and plays again`);
      }
      if (p.stage === "new" && s.status !== "draft") p.stage = s.status === "ended" ? "done" : "intro";
      return { ok: true };
    case "disconnect":
      p.connected = false;
      p.offlineSinceMs = nowMs;
      return { ok: true };
    case "consent":
    case "instructions":
    case "quiz":
      return introStep(s, p, lt, cmd, nowMs, fx);
    case "decline":
      return decline(s, p, nowMs, fx);
  }
}

/**
 * "I do not agree" on the consent page: the person takes no part. Their stage is done with
 * `leftBeforePlay` "declined" (no completion code or payment is shown; the event log keeps the decline); a seat
 * taken by room code or panel id goes back to the free seats once they close the page
 * (lib/engine/free-seat.ts `unusedClaim`). Only before consenting: after "I agree" the way out is to stop.
 */
function decline(s: SessionState, p: ParticipantState, nowMs: number, fx: Effects): StepResult {
  if (p.stage === "done" && p.leftBeforePlay === "declined") return { ok: true, duplicate: true };
  if (p.bot && p.takeoverLeft === "declined") return { ok: true, duplicate: true };
  if (s.status === "ended") return { ok: false, error: err(ActionErrorCode.MatchOver, worded("sessionEnded")) };
  if (s.status === "draft") return { ok: false, error: err(ActionErrorCode.NotOpen, NOT_OPEN) };
  if (p.takeover) {
    // a latecomer taking over a filled seat: the seat goes back to its bot (lib/engine/takeover.ts)
    if (p.takeover.step !== "consent") return { ok: false, error: err(ActionErrorCode.WrongStep, worded("declineTooLate")) };
    leaveTakeover(s, p, "declined", nowMs, fx);
    return { ok: true };
  }
  if (!(p.stage === "new" || p.stage === "intro") || p.introStep !== "consent")
    return { ok: false, error: err(ActionErrorCode.WrongStep, worded("declineTooLate")) };
  leaveBeforePlay(s, p, "declined", fx);
  return { ok: true };
}

function leaveBeforePlay(s: SessionState, p: ParticipantState, why: LeftBeforePlay, fx: Effects) {
  p.stage = "done";
  p.leftBeforePlay = why;
  if (s.waiting.includes(p.id)) s.waiting = s.waiting.filter((w) => w !== p.id);
  fx.notes.push(why === "declined" ? `${seatName(s, p.id)} declined the consent and takes no part` : `${seatName(s, p.id)} answered the quiz wrongly ${p.quizAttempts} times (the limit) and takes no part`);
}

const INTRO_ORDER = ["consent", "instructions", "quiz"] as const;

function introStep(
  s: SessionState,
  p: ParticipantState,
  lt: LoadedTreatment,
  cmd: Extract<ParticipantCommand, { kind: "consent" | "instructions" | "quiz" }>,
  nowMs: number,
  fx: Effects,
): StepResult {
  if (s.status === "ended") return { ok: false, error: err(ActionErrorCode.MatchOver, worded("sessionEnded")) };
  if (s.status === "draft") return { ok: false, error: err(ActionErrorCode.NotOpen, NOT_OPEN) };
  if (p.stage === "new") p.stage = "intro";
  if (p.stage === "done" && p.leftBeforePlay === "quizFailed" && cmd.kind === "quiz")
    return { ok: false, error: err(ActionErrorCode.MatchOver, worded("quizNoAttemptsLeft")) };
  if (p.bot && p.takeoverLeft === "quizFailed" && cmd.kind === "quiz")
    return { ok: false, error: err(ActionErrorCode.MatchOver, worded("quizNoAttemptsLeft")) };
  // a latecomer taking over a filled seat reads the intro while its bot plays (lib/engine/takeover.ts)
  const taking = p.takeover !== undefined;
  if (!taking && p.stage !== "intro")
    return { ok: true, duplicate: true }; // already past the intro (e.g. a second tab): nothing to do
  const at = p.takeover?.step ?? p.introStep;
  if (cmd.kind !== at) {
    // a step already counted, sent again because its answer was lost (a connection drop, or a change of
    // the session's process in a cluster): counted once, like an action with its clientActionId
    if (INTRO_ORDER.indexOf(cmd.kind) < INTRO_ORDER.indexOf(at)) return { ok: true, duplicate: true };
    return {
      ok: false,
      error: err(ActionErrorCode.WrongStep, worded("finishStep", { step: at })),
    };
  }
  const next = (step: IntroStep) => (taking ? (p.takeover = { step }) : (p.introStep = step));
  const ready = () => (taking ? finishTakeover(s, p, fx) : becomeReady(s, p, lt, nowMs, fx));
  const quiz = lt.treatment.intro.quiz;
  if (cmd.kind === "consent") {
    next("instructions");
    return { ok: true };
  }
  if (cmd.kind === "instructions") {
    if (quiz.length > 0) next("quiz");
    else ready();
    return { ok: true };
  }
  p.quizAttempts += 1;
  const wrong = quiz.findIndex((q, i) => cmd.answers[i] !== q.answer);
  const limit = lt.treatment.intro.quizMaxAttempts;
  if (wrong >= 0 && limit !== undefined && p.quizAttempts >= limit) {
    // the last attempt the treatment allows: the person takes no part (their page says so); refused like
    // every wrong answer (the event log has it as intro/wrong_answer), the change kept
    if (taking) leaveTakeover(s, p, "quizFailed", nowMs, fx);
    else leaveBeforePlay(s, p, "quizFailed", fx);
    return { ok: false, keep: true, error: err(ActionErrorCode.WrongAnswer, worded("quizNoAttemptsLeft")) };
  }
  if (wrong >= 0) {
    const q = quiz[wrong]!;
    // refused, but counted: quiz_attempts tells the analysis who needed several tries
    return {
      ok: false,
      keep: true,
      error: err(
        ActionErrorCode.WrongAnswer,
        q.hint ? worded("quizWrongHint", { number: wrong + 1, hint: q.hint }) : worded("quizWrong", { number: wrong + 1 }),
        `answers[${wrong}]`,
      ),
    };
  }
  ready();
  return { ok: true };
}

function gameAction(
  s: SessionState,
  p: ParticipantState,
  lt: LoadedTreatment,
  cmd: Extract<ParticipantCommand, { kind: "action" }>,
  nowMs: number,
  fx: Effects,
): StepResult {
  // the bot's moves and the person's are deduped apart: no id a person sends (the protocol refuses the
  // bot's form, lib/protocol/payloads.ts; sessions stored before may hold one) makes a bot's move a "duplicate"
  if ((cmd.byBot ? (p.recentBotActionIds ?? []) : p.recentActionIds).includes(cmd.clientActionId)) return { ok: true, duplicate: true };
  if (s.status === "ended" || p.stage === "done")
    return { ok: false, error: err(ActionErrorCode.MatchOver, worded("gameOver")) };
  if (s.status === "paused")
    return {
      ok: false,
      error: err(ActionErrorCode.Paused, worded("paused")),
    };
  // as the intro steps and joins say: nothing can happen before the experimenter opens the session
  if (s.status === "draft") return { ok: false, error: err(ActionErrorCode.NotOpen, NOT_OPEN) };
  if (p.stage !== "playing" || !p.groupId)
    return { ok: false, error: err(ActionErrorCode.WrongPhase, worded("groupNotStarted")) };
  // a seat a bot plays from the start (the treatment's, or one the experimenter filled, also after a latecomer
  // gave it back) takes no person's choices, whoever holds its link; a person's seat a bot plays for now can
  // be given back to them
  if (p.bot && !cmd.byBot) return { ok: false, error: err(ActionErrorCode.NotAllowed, worded("botSeat")) };
  if (p.replacedByBot && !cmd.byBot) return { ok: false, error: err(ActionErrorCode.NotAllowed, worded("botPlaying")) };
  // a bot's move scheduled while it played the seat, landing after the person came back: theirs is the choice
  if (cmd.byBot && !p.bot && !p.replacedByBot)
    return { ok: false, error: { code: ActionErrorCode.NotAllowed, message: "The person plays this seat again: the bot's move was not used." } };
  const g0 = s.groups.get(p.groupId);
  if (g0?.status === "computing")
    return { ok: false, error: err(ActionErrorCode.WrongPhase, worded("computing")) };
  if (!g0 || g0.status !== "playing")
    return { ok: false, error: err(ActionErrorCode.WrongPhase, worded("betweenRounds")) };
  if (cmd.at && (cmd.at.round !== g0.round || cmd.at.phase !== g0.phase || cmd.at.phaseSeq !== g0.phaseSeq)) {
    const answered = own(lt.game.phases, cmd.at.phase);
    const noun = answered?.instanceName ?? "step";
    // "earlier" only for a screen that was shown before this one; a round or phase still to come (sent by
    // no real page) is "another" step
    const before = cmd.at.round < g0.round || (cmd.at.round === g0.round && cmd.at.phaseSeq < g0.phaseSeq);
    const which = !before ? "other" : cmd.at.phase === g0.phase && cmd.at.round === g0.round ? "previous" : "earlier";
    return { ok: false, error: err(ActionErrorCode.StalePhase, worded("stale", { which, noun })) };
  }
  const parsed = lt.game.actions.safeParse(cmd.action);
  if (!parsed.success) {
    const lines = formatZodError(parsed.error);
    return { ok: false, error: err(ActionErrorCode.InvalidPayload, worded("invalidInput", { details: lines.join("; ") })) };
  }
  const action = parsed.data as { type: string };
  const spec = own(lt.game.phases, g0.phase);
  if (!spec || !spec.accepts.includes(action.type))
    return {
      ok: false,
      error: err(ActionErrorCode.WrongPhase, otherStep(lt, g0.phase, spec?.label ?? g0.phase)),
    };
  if (!pendingOf(s, g0, lt, nowMs).includes(p.id)) {
    const why = spec.notPendingMessage ? spec.notPendingMessage(g0.game, p.id, viewContext(s, g0, lt, nowMs)) : null;
    return { ok: false, error: err(ActionErrorCode.AlreadySubmitted, why ?? worded("alreadyDecided")) };
  }
  const g = draftGroup(s, g0.id);
  const r = withContext(s, g, lt, nowMs, (ctx) => spec.apply(g.game, action, p.id, ctx));
  if (!r.ok) return { ok: false, error: r.error };
  g.game = r.state;
  // a bot that only clicks on through a results screen made no choice of the round (is_bot stays as it was)
  noteAction(s, g, p.id, nowMs, cmd.byBot === true && spec.kind === "decision");
  const me = draftParticipant(s, p.id);
  if (cmd.byBot) me.recentBotActionIds = [...(me.recentBotActionIds ?? []).slice(-19), cmd.clientActionId];
  else {
    me.recentActionIds.push(cmd.clientActionId);
    if (me.recentActionIds.length > 50) me.recentActionIds.splice(0, me.recentActionIds.length - 50);
  }
  settle(s, g, lt, nowMs, fx);
  return { ok: true, action };
}
