/**
 * What each person sees. A participant's view is built only from their own seat, their group's
 * public status and the game's own whitelist view; the admin view holds everything for the monitor.
 */
import type { Chart } from "../charts/types";
import type { MonitorView, PlayerId, PlayerRoundRecord, RoundContext, Scalar } from "../core/game";
import { isBotSeat, viewContext } from "./context";
import { takeOverAllowed } from "./claim";
import { freeSeatProblem } from "./free-seat";
import { groupWait, playWaitsFor, type GroupWait } from "./play-waits";
import { finishedSeat, seatPay } from "../study/payments";
import { pendingIn, shownRoundPoints } from "./rounds";
import type { GroupState, GroupStatus, IntroStep, LeftBeforePlay, ParticipantState, RoundStat, SessionState, Stage, SurveyRecord } from "./state";
import type { SurveyQuestion } from "../survey/questions";
import { participantTitleOf, type LoadedTreatment } from "./treatment";
import type { Locale } from "../i18n/locales";
import { translatorFor } from "../i18n/translate";

export interface PlayView {
  groupId: string;
  round: number;
  rounds: number;
  phase: string;
  /** Counts phase entries in the group: changes when a phase recurs (e.g. a re-offer). */
  phaseSeq: number;
  phaseLabel: string;
  phaseKind: "decision" | "info";
  /** ms left on the phase timer (server clock), null when untimed. */
  remainingMs: number | null;
  groupSize: number;
  /** How many members still have to act (never who, nor what others chose). */
  pendingCount: number;
  myTurn: boolean;
  /** Who ended a decision step of this round before this participant decided (null: they decided, or not yet). */
  endedBy: "timeout" | "experimenter" | null;
  /** A bot made this participant's choice of this round (it played the seat while they were away, or the experimenter had it take over). */
  botChose: boolean;
  /**
   * Why the bot made that choice (null when `botChose` is false): "dropout" — the person was away past the
   * grace period; "experimenter" — the experimenter replaced them by a bot (the page says which).
   */
  botReason: "dropout" | "experimenter" | "latecomer" | null;
  role: string;
  /** The phase is over and its results are being computed (off the event loop); nobody can act. */
  computing: boolean;
  /**
   * That computation failed and waits for the experimenter (retry or end the group). Only the fact: the
   * error itself is on the monitor, never in a participant's view.
   */
  computeFailed: boolean;
  game: unknown;
}

/** Why a seat's play stopped before its last round: the experimenter ended the session, or the group ended early. */
export type EndedEarly = "experimenter" | "group" | null;

export interface ParticipantView {
  sessionId: string;
  participantId: string;
  /** Neutral title the treatment chose (default "Study"); never the treatment's name. */
  title: string;
  /** At most this many decimals in numbers shown to this participant (null: each screen's own). */
  decimals: number | null;
  /** The treatment's language: every platform text on the participant's pages comes from its catalogue. */
  language: Locale;
  /** 0-based seat (shown as seat + 1, like the monitor, the server log and the exports' `seat` column). */
  seat: number;
  gameId: string;
  status: SessionState["status"];
  stage: Stage;
  introStep: IntroStep;
  label: string | null;
  /** All of it in the intro; afterwards only `instructions` (consent "" and quiz []: not shown any more). */
  intro: { consent: string; instructions: string; quiz: { question: string; options: string[] }[] };
  /** Attempts left at the quiz when the treatment limits them (`intro.quizMaxAttempts`), else null. */
  quizAttemptsLeft: number | null;
  /** `maxMinutes`: the treatment's longest wait for a first group (null: until a group forms). */
  waiting: { ready: number; needed: number; maxMinutes: number | null };
  play: PlayView | null;
  /**
   * Own rounds so far (points per round). `timedOut`: the timer of a decision step ran out before the person
   * decided; `endedByExperimenter`: the experimenter ended it first ("End phase now"; `timedOut` is then false).
   */
  history: { round: number; payoff: number; timedOut: boolean; endedByExperimenter: boolean }[];
  totalPoints: number;
  /**
   * `endedBeforePlay`: the experimenter ended the session before this participant's game started (they
   * were still in the intro or the waiting room), so the final page says so instead of "you have finished".
   */
  done: {
    totalPoints: number;
    payout: number;
    currency: string;
    completionCode: string;
    redirectUrl: string | null;
    endedBeforePlay: boolean;
    waitedOut: boolean;
    /**
     * See `finishedSeat` (payments.csv `finished`): every round was played for the seat and the person, not
     * a bot, held it at the end. Only then does the final page say "you have finished".
     */
    finished: boolean;
    /** The treatment's rounds, and how many of them were played for this seat. */
    rounds: number;
    roundsPlayed: number;
    /**
     * Why play stopped before the last round for this seat (null: it did not, or no game took place):
     * "experimenter" — the experimenter ended the session; "group" — the group's game was ended early
     * (a member stayed away under dropout policy "end", or the experimenter ended the group).
     */
    endedEarly: EndedEarly;
    /** Rounds in which a bot made the choices for this person's seat (see payments.csv `bot_rounds`). */
    botRounds: number;
    /** A bot still held the seat at the end because the experimenter replaced the person (not a dropout). */
    botByExperimenter: boolean;
    /** Whether rounds a bot played are paid (`payment.payBotRounds`), and the points `payout` pays for. */
    botRoundsPaid: boolean;
    paidPoints: number;
    /**
     * The person left in the intro (declined the consent, used up the quiz's attempts): the page says so, and
     * shows no completion code, payment or completion link (`completionCode` "", `redirectUrl` null, `payout` 0).
     * "introUnfinished": a latecomer taking over a seat filled with a bot had not finished the intro when the
     * seat's game ended (lib/engine/takeover.ts): they took no part.
     */
    leftBeforePlay: LeftBeforePlay | "introUnfinished" | null;
    /**
     * A bot holds this seat (a treatment's bot seat, a seat filled with a bot, or one a latecomer gave back)
     * and someone opened its link: the page shows no completion code, link or payout (all empty here).
     */
    botSeat: boolean;
  } | null;
  /** The exit survey's questions while it is open for this participant (stage "survey"), else null. */
  survey: { questions: SurveyQuestion[] } | null;
  botPlaying: boolean;
  /**
   * A latecomer who took over a seat the experimenter filled with a bot (lib/engine/takeover.ts) and plays it:
   * the seat's first rounds, which its bot played before they took over (and while they read the intro), and the
   * points the bot earned in them (part of `totalPoints`). Null otherwise, and while they still read the intro.
   */
  botBeforeYou: { rounds: number; points: number } | null;
}

function remaining(s: SessionState, deadlineMs: number | null, pausedLeft: number | null, nowMs: number) {
  if (s.status === "paused") return pausedLeft;
  return deadlineMs === null ? null : Math.max(0, deadlineMs - nowMs);
}

/** The completion link with `{code}` replaced (every occurrence), or null. */
export function completionLink(template: string | undefined, code: string): string | null {
  return template ? template.split("{code}").join(encodeURIComponent(code)) : null;
}

/** A group's view context and who still has to act, shared by every member's view made at one time. */
interface GroupBasis {
  participants: SessionState["participants"];
  nowMs: number;
  ctx: RoundContext<unknown>;
  pending: readonly PlayerId[];
}
const groupBases = new WeakMap<GroupState, GroupBasis>();

/**
 * The group's context and pending members, made once for all of its members' views of the same state at
 * the same time (a committed state is never changed: lib/engine/draft.ts; the context reads the group
 * and its members' histories, so both identities are checked).
 */
function groupBasis(s: SessionState, g: GroupState, lt: LoadedTreatment, nowMs: number): GroupBasis {
  const hit = groupBases.get(g);
  if (hit && hit.participants === s.participants && hit.nowMs === nowMs) return hit;
  const ctx = viewContext(s, g, lt, nowMs);
  const basis = { participants: s.participants, nowMs, ctx, pending: pendingIn(g, lt, ctx) };
  groupBases.set(g, basis);
  return basis;
}

/** The parts of a view that only the treatment decides, made once per loaded treatment (same object every time). */
const intros = new WeakMap<LoadedTreatment, { full: ParticipantView["intro"]; after: ParticipantView["intro"] }>();
/**
 * The intro texts: all of them while the participant is in the intro; after it only the instructions (the
 * play screen shows them again), so a long consent form or quiz does not travel with every later view.
 */
function introOf(lt: LoadedTreatment, stage: Stage): ParticipantView["intro"] {
  let intro = intros.get(lt);
  if (!intro) {
    const t = lt.treatment;
    const full = {
      consent: t.intro.consent ?? translatorFor(t.language)("intro.defaultConsent"),
      instructions: t.intro.instructions,
      quiz: t.intro.quiz.map((q) => ({ question: q.question, options: q.options })),
    };
    intro = { full, after: { consent: "", instructions: full.instructions, quiz: [] } };
    intros.set(lt, intro);
  }
  return stage === "new" || stage === "intro" ? intro.full : intro.after;
}

/** A participant's own rounds as shown to them, made once per history (histories are replaced, never changed). */
const historyViews = new WeakMap<readonly PlayerRoundRecord[], ParticipantView["history"]>();
function historyOf(history: readonly PlayerRoundRecord[]): ParticipantView["history"] {
  let v = historyViews.get(history);
  if (!v) historyViews.set(history, (v = history.map((h) => ({ round: h.round, payoff: h.payoff, timedOut: h.timedOut, endedByExperimenter: h.endedByExperimenter === true }))));
  return v;
}

/**
 * Why a bot made a person's choice this round, as their page words it (null: no bot did, or a bot seat).
 * A round a bot seat played (`bot_seat`) on a seat a person now holds is a latecomer's: they took the seat
 * over after its bot chose (join.takeOverBots), nobody replaced them.
 */
function botReasonOf(st: RoundStat | undefined, botSeat: boolean): PlayView["botReason"] {
  if (!st?.bot || botSeat) return null;
  if (st.botReason === "dropout") return "dropout";
  return st.botReason === "latecomer" || st.botReason === "bot_seat" ? "latecomer" : "experimenter";
}

/** Why this seat's play stopped before the last round (null: every round was played, or no group). */
function endedEarlyOf(g: GroupState | undefined, played: number, rounds: number): EndedEarly {
  if (!g || played >= rounds || g.status !== "ended") return null;
  return g.endedWithSession === true ? "experimenter" : "group";
}

/** The seat as its latecomer sees it while reading the intro: in the intro, no group, nothing played yet. */
const takingOver = (p: ParticipantState): ParticipantState => ({ ...p, stage: "intro", introStep: p.takeover!.step, groupId: null, history: [], totalPayoff: 0 });
/** The seat as the latecomer who left its intro sees it: they take no part (the seat is its bot's again). */
const leftTakeover = (p: ParticipantState): ParticipantState => ({ ...p, stage: "done", label: null, groupId: null, history: [], totalPayoff: 0 });

export function participantView(s: SessionState, lt: LoadedTreatment, pid: string, nowMs: number): ParticipantView | null {
  const p0 = s.participants.get(pid);
  if (!p0) return null;
  // a latecomer taking over a filled seat sees the intro while its bot plays; one who left it, that they take no part (lib/engine/takeover.ts)
  const leftIntro = p0.bot ? p0.takeoverLeft : undefined;
  const p = p0.takeover && s.status !== "ended" ? takingOver(p0) : leftIntro !== undefined ? leftTakeover(p0) : p0;
  const leftBeforePlay = leftIntro ?? p.leftBeforePlay;
  const t = lt.treatment;
  const g = p.groupId ? s.groups.get(p.groupId) : undefined;
  let play: PlayView | null = null;
  if (g && p.stage === "playing") {
    const { ctx, pending } = groupBasis(s, g, lt, nowMs);
    const spec = lt.game.phases[g.phase];
    play = {
      groupId: g.id,
      round: g.round,
      rounds: lt.rounds,
      phase: g.phase,
      phaseSeq: g.phaseSeq,
      phaseLabel: spec?.label ?? g.phase,
      phaseKind: spec?.kind ?? "info",
      remainingMs: remaining(s, g.deadlineMs, g.remainingMsAtPause, nowMs),
      groupSize: g.members.length,
      pendingCount: pending.length,
      myTurn: pending.includes(pid),
      endedBy: g.roundStats[pid]?.endedBy ?? null,
      botChose: g.roundStats[pid]?.bot === true && !p.bot,
      botReason: botReasonOf(g.roundStats[pid], p.bot),
      role: g.roles[pid] ?? "player",
      computing: g.status === "computing",
      computeFailed: g.status === "computing" && g.computing?.failed !== undefined && g.computing.failed !== null,
      game: g.status === "playing" || g.status === "computing" ? lt.game.view(g.game, { kind: "player", playerId: pid }, ctx) : null,
    };
  }
  const ready = lt.treatment.matching === "fixed" ? s.waiting.length % lt.groupSize : s.waiting.length;
  const needed = lt.treatment.matching === "fixed" ? lt.groupSize : lt.seats;
  // as payments.csv has it (bot-played rounds unpaid when the treatment says so, cents rounded the same way)
  const pay = p.stage === "done" ? seatPay(p, t.payment) : null;
  return {
    sessionId: s.id,
    participantId: pid,
    title: participantTitleOf(t),
    decimals: t.decimals ?? null,
    language: t.language,
    seat: p.seat,
    gameId: lt.game.id,
    status: s.status,
    stage: p.stage,
    introStep: p.introStep,
    label: p.label,
    intro: introOf(lt, p.stage),
    quizAttemptsLeft: t.intro.quizMaxAttempts === undefined ? null : Math.max(0, t.intro.quizMaxAttempts - p.quizAttempts),
    waiting: { ready: p.stage === "waiting" ? Math.max(ready, 1) : ready, needed, maxMinutes: t.waitingRoom.maxMinutes ?? null },
    play,
    history: historyOf(p.history),
    totalPoints: p.totalPayoff,
    done:
      p.stage === "done"
        ? leftBeforePlay !== undefined
          ? {
              totalPoints: 0,
              payout: 0,
              currency: t.payment.currency,
              completionCode: "",
              redirectUrl: null,
              endedBeforePlay: false,
              waitedOut: false,
              finished: false,
              rounds: lt.rounds,
              roundsPlayed: 0,
              endedEarly: null,
              botRounds: 0,
              botByExperimenter: false,
              botRoundsPaid: t.payment.payBotRounds,
              paidPoints: 0,
              leftBeforePlay,
              botSeat: false,
            }
          : {
              totalPoints: p.totalPayoff,
              payout: pay?.payout ?? 0,
              currency: t.payment.currency,
              // a bot's seat has no person to pay: whoever opens its link (it leaked, or a latecomer gave it
              // back) gets no completion code or link to hand in
              completionCode: p.bot ? "" : p.completionCode,
              redirectUrl: p.bot ? null : completionLink(t.completionUrl ?? t.redirectUrl, p.completionCode),
              endedBeforePlay: s.status === "ended" && p.groupId === null && p.history.length === 0 && p.waitedOut !== true,
              waitedOut: p.waitedOut === true,
              finished: finishedSeat(p, lt.rounds),
              rounds: lt.rounds,
              roundsPlayed: p.history.length,
              endedEarly: endedEarlyOf(g, p.history.length, lt.rounds),
              botRounds: p.bot ? 0 : p.history.filter((h) => h.isBot).length,
              botByExperimenter: !p.bot && p.replacedByBot && p.botReason === "experimenter",
              botRoundsPaid: t.payment.payBotRounds,
              paidPoints: pay?.paidPoints ?? 0,
              leftBeforePlay: null,
              botSeat: p.bot,
            }
        : null,
    survey: p.stage === "survey" ? { questions: t.survey } : null,
    botPlaying: p === p0 && isBotSeat(s, pid),
    botBeforeYou: p === p0 && !p.bot && p.filled === true ? botRoundsBefore(p.history) : null,
  };
}

/** The bot's rounds at the start of a seat a latecomer took over (null: none); a later dropout's bot rounds are not counted. */
function botRoundsBefore(history: ParticipantState["history"]): ParticipantView["botBeforeYou"] {
  let rounds = 0;
  let points = 0;
  for (const h of history) {
    if (!h.isBot) break;
    rounds++;
    points += h.payoff;
  }
  return rounds === 0 ? null : { rounds, points };
}

export interface AdminParticipantRow {
  id: string;
  seat: number;
  label: string | null;
  /** The experimenter hid the label from the room's screen (lib/engine/label-visibility.ts). */
  labelHidden: boolean;
  /** A latecomer took this filled seat over and reads this intro step while its bot plays (lib/engine/takeover.ts); null otherwise. */
  takeover: IntroStep | null;
  /** Online panel id ("prolific: 5f…"), when the seat was taken through a panel link. */
  external: { source: string; id: string } | null;
  presence: "online" | "offline" | "bot";
  botStrategy: string | null;
  /** Why a bot plays a person's seat: a dropout (given back on return) or the experimenter (who can give it back). */
  botReason: "dropout" | "experimenter" | "latecomer" | null;
  stage: Stage;
  introStep: IntroStep;
  groupId: string | null;
  phase: string | null;
  decided: boolean | null;
  /** Points of the rounds recorded (as the data and the pay count them). */
  totalPoints: number;
  /**
   * Points of the round whose results are on the person's screen, not yet in `totalPoints` (the round is
   * recorded when the group goes on); their screen already counts them in "points so far". Null otherwise.
   */
  roundOnScreen: number | null;
  rounds: number;
  /** The exit survey: answered (by the person), bot (a bot seat answered), skipped (a bot played the seat), or null. */
  survey: SurveyRecord["status"] | null;
  /** The person left in the intro: declined the consent, or used up the quiz's attempts (null: did not). */
  leftBeforePlay: LeftBeforePlay | null;
  /** Whether the experimenter can free the seat (taken, not yet playing: lib/engine/free-seat.ts). */
  freeable: boolean;
  /** Someone took the seat (a join, its link opened, a bot); false: an empty seat "Fill empty seats" fills. */
  claimed: boolean;
  /** How long the seat's person has been offline (pauses not counted); null: online, a bot, or never opened. */
  offlineMs: number | null;
}

export interface AdminGroupRow {
  id: string;
  status: GroupStatus;
  round: number;
  phase: string;
  phaseLabel: string;
  /** Whether the group's step is one where people decide, or one where they read (e.g. results): "End phase now (all groups)" ends decision steps first. */
  phaseKind: "decision" | "info";
  remainingMs: number | null;
  members: string[];
  pendingCount: number;
  /** The group's long step failed (status stays "computing"): the error, when, and after how many attempts. */
  computeFailure: { message: string; atMs: number; attempts: number; step: string } | null;
  /**
   * The game's code crashed for this group (e.g. its `onExit` at a deadline, or on the last decision):
   * nothing of the crashing command was applied and the group cannot go on by itself. Null when not.
   */
  gameCrash: GameCrash | null;
  monitor: MonitorView | null;
  /**
   * The group's numbers of every completed round. The live monitor's pushes leave it empty
   * (`AdminViewOptions.groupHistory` false) and the page asks for it when its table is opened: at 1,000
   * seats and 20 rounds it was 1.2 MB of each push (docs/benchmarks.md).
   */
  history: { round: number; group: Record<string, Scalar> }[];
  /** Rounds the group completed (the length of its full history, also when `history` is left out). */
  historyRounds: number;
}

/** A crash of game code the server saw (kept by the server, not in the state: server/sessions/engine-crashes.ts). */
export interface GameCrash {
  /** The error's message (the stack is in the server log). */
  message: string;
  /** When it first crashed with this message. */
  atMs: number;
  /** How often it crashed since (a retried deadline, a retried decision). */
  attempts: number;
  /** The command that crashed first ("tick": the phase's deadline; "action": a decision; …). */
  command: string;
}

export interface AdminViewOptions {
  /** false: every group's `history` is left empty (only `historyRounds` says how long it is). */
  groupHistory?: boolean;
  /**
   * Told when the game's `monitor` throws for a group (a bug in a game module): that group's `monitor` is
   * then null, and every other group and the rest of the view are built as usual (without it the throw goes on).
   */
  onGameError?: (where: string, e: unknown) => void;
  /** Crashes of game code by group id ("*": tied to no group), as the server remembers them. */
  gameCrashes?: Readonly<Record<string, GameCrash>>;
}

export interface AdminView {
  sessionId: string;
  /** Game code crashed outside any group (e.g. at a tick with no group due); null when not. */
  gameCrash: GameCrash | null;
  version: number;
  status: SessionState["status"];
  title: string;
  gameId: string;
  rounds: number;
  groupSize: number;
  seats: number;
  /**
   * A room-code join may take over a seat filled with "Fill empty seats with bots" when no seat is free
   * (the treatment's `join.takeOverBots`, default true; lib/engine/claim.ts `takeOverAllowed`).
   */
  takeOverBots: boolean;
  participants: AdminParticipantRow[];
  groups: AdminGroupRow[];
  waiting: number;
  /**
   * Every seat is taken and `waiting` people are ready, but no group can start without these seats' people,
   * who have not finished the intro (ids, seat order; lib/engine/play-waits.ts). Empty otherwise.
   */
  playWaitsFor: string[];
  /** People wait for a group that has not formed: how many more it needs, and whether any can still come (lib/engine/play-waits.ts). */
  groupWait: GroupWait | null;
  /** Live charts of the completed rounds, played against theory (lib/charts; aggregates, not rows). */
  charts: Chart[];
  /** Exit survey progress (null when the treatment has no survey): how many answered, are answering, skipped. */
  survey: { questions: number; answered: number; answering: number; skipped: number; byBots: number } | null;
}

/** The game's monitor of one group; with `onError`, null when the game's code throws (without it, the throw goes on). */
function monitorOf(lt: LoadedTreatment, groupId: string, game: unknown, ctx: Parameters<LoadedTreatment["game"]["monitor"]>[1], onError?: (where: string, e: unknown) => void): MonitorView | null {
  try {
    return lt.game.monitor(game, ctx);
  } catch (e) {
    if (!onError) throw e;
    onError(`monitor of group ${groupId}`, e);
    return null;
  }
}

export function adminView(
  s: SessionState,
  lt: LoadedTreatment,
  nowMs: number,
  roundHistory: Record<string, { round: number; group: Record<string, Scalar> }[]> = {},
  charts: Chart[] = [],
  opts: AdminViewOptions = {},
): AdminView {
  const groups: AdminGroupRow[] = s.groups.toArray().map((g) => {
      const { ctx, pending } = groupBasis(s, g, lt, nowMs);
      return {
        id: g.id,
        status: g.status,
        round: g.round,
        phase: g.phase,
        phaseLabel: lt.game.phases[g.phase]?.label ?? g.phase,
        phaseKind: lt.game.phases[g.phase]?.kind ?? "info",
        remainingMs: remaining(s, g.deadlineMs, g.remainingMsAtPause, nowMs),
        members: g.members,
        pendingCount: pending.length,
        computeFailure:
          g.status === "computing" && g.computing?.failed ? { ...g.computing.failed, step: `${g.computing.unitId}@${g.computing.version}` } : null,
        gameCrash: opts.gameCrashes?.[g.id] ?? null,
        monitor: g.game !== null ? monitorOf(lt, g.id, g.game, ctx, opts.onGameError) : null,
        history: opts.groupHistory === false ? [] : (roundHistory[g.id] ?? []),
        historyRounds: roundHistory[g.id]?.length ?? 0,
      };
    });
  const participants: AdminParticipantRow[] = s.order.map((id) => {
    const p = s.participants.get(id)!;
    const g = p.groupId ? s.groups.get(p.groupId) : undefined;
    const playing = g && g.status === "playing" && p.stage === "playing";
    return {
      id,
      seat: p.seat,
      label: p.label,
      labelHidden: p.labelHidden === true,
      takeover: p.takeover?.step ?? null,
      external: p.external ? { source: p.external.source, id: p.external.id } : null,
      presence: isBotSeat(s, id) ? "bot" : p.connected ? "online" : "offline",
      botStrategy: p.botStrategy,
      botReason: p.replacedByBot ? p.botReason : null,
      stage: p.stage,
      introStep: p.introStep,
      groupId: p.groupId,
      phase: playing ? g.phase : null,
      decided: playing ? !groupBasis(s, g, lt, nowMs).pending.includes(id) : null,
      totalPoints: p.totalPayoff,
      roundOnScreen: g && p.stage === "playing" ? (shownRoundPoints(s, g, lt, nowMs)?.[id] ?? null) : null,
      rounds: p.history.length,
      survey: p.survey?.status ?? null,
      leftBeforePlay: p.leftBeforePlay ?? null,
      freeable: s.status !== "ended" && s.status !== "draft" && freeSeatProblem(p) === null,
      claimed: p.claimed,
      offlineMs: offlineFor(s, p, nowMs),
    };
  });
  return {
    sessionId: s.id,
    gameCrash: opts.gameCrashes?.["*"] ?? null,
    version: s.version,
    status: s.status,
    title: lt.treatment.name,
    gameId: lt.game.id,
    rounds: lt.rounds,
    groupSize: lt.groupSize,
    seats: lt.seats,
    takeOverBots: takeOverAllowed(lt),
    participants,
    groups,
    waiting: s.waiting.length,
    playWaitsFor: playWaitsFor(s, lt),
    groupWait: groupWait(s, lt, nowMs),
    charts,
    survey: surveyProgress(s, lt),
  };
}

/** How long a person has been offline at `nowMs` (while paused, until the pause began: pauses do not count, as for the dropout rule). */
function offlineFor(s: SessionState, p: ParticipantState, nowMs: number): number | null {
  if (p.connected || p.offlineSinceMs === null || p.bot || p.everConnected === false) return null;
  const until = s.status === "paused" && s.pausedMs !== null ? s.pausedMs : nowMs;
  return Math.max(0, until - p.offlineSinceMs);
}

function surveyProgress(s: SessionState, lt: LoadedTreatment): AdminView["survey"] {
  if (lt.treatment.survey.length === 0) return null;
  const out = { questions: lt.treatment.survey.length, answered: 0, answering: 0, skipped: 0, byBots: 0 };
  for (const id of s.order) {
    const p = s.participants.get(id)!;
    if (p.stage === "survey") out.answering++;
    else if (p.survey?.status === "answered") out.answered++;
    else if (p.survey?.status === "skipped") out.skipped++;
    else if (p.survey?.status === "bot") out.byBots++;
  }
  return out;
}
