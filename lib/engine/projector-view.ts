/**
 * What the room's screen shows (the projector): a whitelist built only from public facts — the
 * participant title (never the treatment's name), the room code, how many joined, the round and time
 * left, the live charts as aggregates (lib/charts/room.ts), the leaderboard (people's labels, total
 * points and how many of their rounds timed out or a bot played, if the treatment shows it) and, after
 * the session, the debrief. Never a type, private value, token, panel id or per-round payoff (tested in
 * projector-view.test.ts and e2e/projector.spec.ts). While play goes on, the charts and the leaderboard
 * count the rounds every group has finished (`round` below; docs/running-a-study.md, "In a classroom"),
 * and the charts only over 5 groups or more, without theory lines (lib/charts/room.ts).
 */
import { debriefRows, type DebriefRow } from "../charts/debrief";
import { roomCharts, roomChartsHeld, type RoomChartsHeld } from "../charts/room";
import type { Chart } from "../charts/types";
import type { Locale } from "../i18n/locales";
import { translatorFor } from "../i18n/translate";
import { seatForClaim } from "./claim";
import { isBotSeat } from "./context";
import { pendingOf } from "./rounds";
import { groupInPlay, type GroupState, type ParticipantState, type SessionState } from "./state";
import { participantTitleOf, type LoadedTreatment } from "./treatment";

export interface LeaderboardRow {
  /**
   * The place among the ranked (ties share it); null: not ranked (the treatment's `leaderboard.minOwnRounds`:
   * too few rounds decided by the person themselves), listed below the ranked with their points.
   */
  rank: number | null;
  /**
   * The name typed with the room code, or "Seat n" in the session's language (panel ids are never shown;
   * nor a label the experimenter hid, lib/engine/label-visibility.ts).
   */
  label: string;
  /** A bot plays this person's seat now (they dropped out or the experimenter replaced them). */
  bot: boolean;
  points: number;
  /** Of the rounds counted, how many timed out (a default was filled in: the person did not decide in time). */
  timeouts: number;
  /** Of the rounds counted, how many a bot played for the person. */
  botRounds: number;
}

export interface ProjectorView {
  sessionId: string;
  /** The participants' title of the treatment (its name may reveal the condition). */
  title: string;
  /** The treatment's language: the room's screen is read by participants, so its text follows it. */
  language: Locale;
  gameId: string;
  status: SessionState["status"];
  /** before: nobody plays yet (show the QR code); playing; after: every seat finished play (or is in the exit survey) or the session ended. */
  stage: "before" | "playing" | "after";
  roomCode: string;
  joined: number;
  /** Of `joined`, the seats bots play from the start or were filled with (a person a bot replaced is not counted). */
  bots: number;
  seats: number;
  /**
   * Every seat is taken and none can be taken over (nobody else can join by the room code or a link): the
   * screen stops inviting people. Seats filled with bots that a latecomer may take over (lib/engine/takeover.ts) do not count as taken.
   */
  full: boolean;
  /** People (not bots) who joined and are still in the intro (consent, instructions, quiz). */
  reading: number;
  /** People (not bots) in the waiting room, ready and waiting for a group. */
  waiting: number;
  /**
   * People (not bots) answering the exit survey: while the session runs and any are, play is over ("after")
   * but the session is not: the screen asks them to finish the questionnaire on their device.
   */
  surveying: number;
  rounds: number;
  /**
   * The round the room is in: the lowest round a group still plays, so every group has finished the
   * rounds before it (null when no group plays). While playing, the rounds charts and the leaderboard
   * count only those rounds (`round - 1` and before), so a group that finished its round early (e.g.
   * one of bots) is not counted before the others; a chart of one round (the latest round's distribution)
   * waits while only some groups have finished that round (it would show theirs alone).
   */
  round: number | null;
  phaseLabel: string | null;
  /** ms left in the current phase of the groups of that round (the longest), null when untimed. */
  remainingMs: number | null;
  /**
   * Of the seats that play `round` (every group in it, also those that have finished it), how many still
   * have to decide, and how many seats that is; both null when no group of the round is at a decision
   * step (e.g. the results step: people read and continue, nobody decides, so no count).
   */
  pending: number | null;
  playing: number | null;
  charts: Chart[];
  /**
   * During play, why charts are held back (lib/charts/room.ts): "fewGroups" (under ROOM_MIN_GROUPS groups:
   * none until the end), "theoryAfter" (played lines only; theory at the end); null otherwise.
   */
  chartsHeld: RoomChartsHeld;
  /** During play, how many groups play the round on display (null otherwise). */
  playingGroups: number | null;
  /**
   * null when the treatment hides the leaderboard. Bot seats (bots from the start or filling empty seats) are
   * not ranked, except in a pilot with bots only (`bots` = `seats`), where they are, so the board can be seen.
   */
  leaderboard: LeaderboardRow[] | null;
  /**
   * The treatment's `leaderboard.minOwnRounds` (at most the session's rounds) when the board is shown and the
   * rule is set (over 0): only people who decided at least that many rounds themselves are ranked (the
   * screen says so); null otherwise.
   */
  minOwnRounds: number | null;
  debrief: DebriefRow[] | null;
}

const points1 = (v: number) => Math.round(v * 10) / 10;

/** Points, time-outs, bot rounds and rounds counted of a participant's rounds up to `through` (null: every round). */
function tally(p: ParticipantState, through: number | null) {
  let sum = 0;
  let timeouts = 0;
  let botRounds = 0;
  let counted = 0;
  for (const h of p.history) {
    if (through !== null && h.round > through) continue;
    counted += 1;
    sum += h.payoff;
    if (h.isBot) botRounds += 1;
    else if (h.timedOut || h.endedByExperimenter === true) timeouts += 1; // a default, not their choice
  }
  return { points: points1(through === null ? p.totalPayoff : sum), timeouts, botRounds, own: counted - timeouts - botRounds, counted };
}

/**
 * The treatment's rule for who is ranked (`leaderboard.minOwnRounds`): only people who decided at least
 * `minOwnRounds` of the session's `rounds` themselves (not a default on time-out or "End phase now", not a bot).
 */
export interface RankRule {
  minOwnRounds: number;
  rounds: number;
}

/**
 * Whether a person with `own` rounds decided themselves of `counted` rounds up to `through` is ranked under
 * `rule`. While play goes on (`through` a round) they are as long as they can still reach `minOwnRounds` in
 * the rounds left (so nobody drops out of the ranking early for a round the rest may make up, and once out
 * they stay out); over every round (`through` null) when they reached it, or, in a session ended before that
 * many rounds were played, decided every round they played themselves.
 */
export function rankedUnder(rule: RankRule | null, own: number, counted: number, through: number | null): boolean {
  if (rule === null || rule.minOwnRounds <= 0) return true;
  if (through !== null) return own + Math.max(0, rule.rounds - through) >= rule.minOwnRounds;
  return own >= Math.min(rule.minOwnRounds, counted);
}

/**
 * The top `top` people by points over the rounds up to `through` (null: every round; 0: none yet, no rows).
 * Seats a bot played from the start or the experimenter filled with a bot (`bot`) are not ranked; a
 * person a bot replaced keeps their place, marked `bot`. Each row counts the rounds that timed out or a
 * bot played, so a top place earned by defaults is visible. With a `rule` (`leaderboard.minOwnRounds`),
 * people who decided too few rounds themselves (`rankedUnder`) are not ranked: they follow the ranked
 * people, by points, with rank null, as long as places are left. A pilot with bots only (every seat a
 * bot's from the start or filled with one, `botsOnlyPilot`) ranks its bots, marked `bot`, whatever the
 * rule, so the experimenter sees the board before any person takes part.
 */
export function leaderboard(s: SessionState, top: number, locale: Locale = "en", through: number | null = null, rule: RankRule | null = null): LeaderboardRow[] {
  if (through !== null && through < 1) return [];
  const t = translatorFor(locale);
  const pilot = botsOnlyPilot(s);
  const rows = s.order
    .map((id) => s.participants.get(id)!)
    // (a latecomer still reading the intro of a seat they take over is not ranked on its bot's points)
    .filter((p) => (pilot || !p.bot) && p.takeover === undefined && p.leftBeforePlay === undefined && (p.claimed || p.history.length > 0))
    .map((p) => {
      const t = tally(p, through);
      return { p, ...t, ranked: pilot || rankedUnder(rule, t.own, t.counted, through) };
    })
    .sort((a, b) => Number(b.ranked) - Number(a.ranked) || b.points - a.points || a.p.seat - b.p.seat);
  const ranked = rows.filter((x) => x.ranked);
  // only the rows shown are worded (a seat's name through the translator cost ~6 µs, 6 ms a push at 1,000 seats)
  return rows.slice(0, top).map(({ p, points, timeouts, botRounds, ranked: isRanked }) => ({
    rank: isRanked ? 1 + ranked.filter((x) => x.points > points).length : null,
    label: p.label !== null && p.labelHidden !== true ? p.label : t("participant.seat", { seat: p.seat + 1 }),
    bot: isBotSeat(s, p.id),
    points,
    timeouts,
    botRounds,
  }));
}

/** Every seat is played by a bot from the start or one the experimenter filled it with: nobody takes part (a pilot). */
export function botsOnlyPilot(s: SessionState): boolean {
  return s.order.length > 0 && s.order.every((id) => s.participants.get(id)!.bot);
}

/** A group still in play: in a round, computing its results, or waiting at the barrier (random matching). */
/** The last round a group has finished (at the barrier or finished, the round it is in is done). */
const finishedRound = (g: GroupState) => (g.status === "barrier" || g.status === "finished" ? g.round : g.round - 1);

/**
 * How far every group has got: `through`, the last round every group in play has finished (null: no
 * group plays, count every round), and for the latest round any group has finished, how many of the
 * groups that play it have (`done` of `groups`).
 */
export function roomProgress(s: SessionState): { through: number | null; latest: number; done: number; groups: number } {
  const all = s.groups.toArray();
  const active = all.filter(groupInPlay);
  const through = active.length ? Math.min(...active.map(finishedRound)) : null;
  const latest = all.filter((g) => g.status !== "ended").reduce((m, g) => Math.max(m, finishedRound(g)), 0);
  // the groups that play the latest round: every group in play, and those that finished it (random matching: earlier rounds' groups did not)
  const players = all.filter((g) => groupInPlay(g) || (g.status === "finished" && g.round >= latest));
  return { through, latest, done: players.filter((g) => finishedRound(g) >= latest).length, groups: players.length };
}

/**
 * After the experimenter ended the session: the groups it cut short may not have played as many rounds as
 * others. Over every group of the session's end — those it cut short, and those that had played every
 * round — `through` is the last round every one of them finished (recorded: a round whose results were on
 * screen counts, lib/engine/rounds.ts `recordShownRound`), `latest` the last round any of them finished,
 * and `done` of `groups` how many finished that one. Null when the session was not ended early or every
 * such group got as far.
 */
export function endCut(s: SessionState, rounds: number): { through: number; latest: number; done: number; groups: number } | null {
  if (s.status !== "ended") return null;
  const all = s.groups.toArray();
  const cut = all.filter((g) => g.endedWithSession);
  if (cut.length === 0) return null;
  const lastOf = (g: GroupState) => {
    if (g.status === "finished") return g.round;
    const recorded = g.members.some((m) => {
      const h = s.participants.get(m)?.history.at(-1);
      return h?.groupId === g.id && h.round === g.round;
    });
    return recorded ? g.round : g.round - 1;
  };
  const atEnd = [...cut, ...all.filter((g) => g.status === "finished" && g.round >= rounds)];
  const last = atEnd.map(lastOf);
  const through = Math.min(...last);
  const latest = Math.max(...last);
  if (latest === through) return null;
  return { through, latest, done: last.filter((r) => r >= latest).length, groups: atEnd.length };
}

/**
 * The charts up to round `through`: a rounds chart loses the later rounds' points; a chart that cannot be
 * cut (one round's distribution, shares over rounds) gets `note` in its title when it holds a round not
 * every group has finished.
 */
function chartsThrough(charts: readonly Chart[], through: number, note: string | null): Chart[] {
  return charts.map((c) =>
    c.kind === "rounds"
      ? { ...c, series: c.series.map((x) => ({ ...x, points: x.points.filter((p) => typeof p.x !== "number" || p.x <= through) })) }
      : note === null
        ? c
        : { ...c, title: `${c.title} ${note}` },
  );
}

/** Play is over: the session ended, or everyone finished playing (answering the exit survey counts as finished). */
export function playOver(s: SessionState): boolean {
  if (s.status === "ended") return true;
  const people = s.participants.toArray();
  return people.length > 0 && people.every((p) => p.stage === "done" || p.stage === "survey");
}

/**
 * The treatment's rule for who is ranked on the leaderboard (null: everyone listed is ranked); more than the
 * session's rounds (e.g. rounds lowered for a short class) asks for every round.
 */
export function rankRuleOf(lt: LoadedTreatment): RankRule | null {
  const min = Math.min(lt.treatment.leaderboard.minOwnRounds, lt.rounds);
  return min > 0 ? { minOwnRounds: min, rounds: lt.rounds } : null;
}

export function projectorView(s: SessionState, lt: LoadedTreatment, nowMs: number, roomCode: string, charts: readonly Chart[]): ProjectorView {
  const people = s.participants.toArray();
  const over = playOver(s);
  const stage = over ? "after" : s.groups.size === 0 ? "before" : "playing";
  const progress = roomProgress(s);
  const through = over ? null : progress.through;
  const round = through === null ? null : Math.min(lt.rounds, through + 1);
  const all = s.groups.toArray();
  const current = all.filter((g) => g.round === round && g.status === "playing");
  // while any group of the round still decides, the header speaks of that step and its clock (a group already
  // reading its results would make "Results of the round · 19 of 20 decided" contradict itself)
  const deciding = current.filter((g) => lt.game.phases[g.phase]?.kind === "decision");
  const shownGroups = deciding.length ? deciding : current;
  const left = shownGroups.map((g) => (s.status === "paused" ? g.remainingMsAtPause : g.deadlineMs === null ? null : Math.max(0, g.deadlineMs - nowMs)));
  const timed = left.filter((x): x is number => x !== null);
  const t = translatorFor(lt.treatment.language);
  // the groups that play the room's round (every group in it, also those that have finished it; under random
  // matching not the groups of earlier rounds): each point of the rounds charts shown aggregates that many.
  // "k of n decided": n is every seat of these (groups that finished the round have decided), counted only
  // while a group of the round is at a decision step (in a results step nobody decides)
  const inRound = round === null ? [] : all.filter((g) => (groupInPlay(g) || g.status === "finished") && g.round >= round);
  const cut = over ? endCut(s, lt.rounds) : null;
  const held = roomChartsHeld(over, inRound.length);
  const shown = roomCharts(
    cut
      ? chartsThrough(charts, cut.through, t("projector.groupsBeforeEnd", { round: cut.latest, done: cut.done, groups: cut.groups }))
      : through === null
        ? charts
        : // a chart of one round (not a rounds chart) cannot be cut back: while a group is a round ahead it would
          // hold that group's round alone, so it waits until every group has finished the round
          chartsThrough(charts, through, null).filter((c) => c.kind === "rounds" || progress.latest <= through),
    held,
  );
  // the step of the group whose clock is shown (the longest left), else of the first group shown
  const longest = timed.length ? Math.max(...timed) : null;
  const phase = (shownGroups[left.findIndex((x) => x === longest)] ?? shownGroups[0])?.phase;
  const phaseKey = `phases.${lt.game.id}.${phase}`;
  return {
    sessionId: s.id,
    title: participantTitleOf(lt.treatment),
    language: lt.treatment.language,
    gameId: lt.game.id,
    status: s.status,
    stage,
    roomCode,
    joined: people.filter((p) => p.stage !== "new" && p.leftBeforePlay === undefined).length,
    bots: people.filter((p) => p.bot && !p.replacedByBot && p.stage !== "new").length,
    seats: lt.seats,
    // a latecomer may still take over a seat filled with a bot (lib/engine/takeover.ts): the screen keeps inviting
    full: seatForClaim(s, lt, "claim") === undefined,
    reading: people.filter((p) => !p.bot && (p.stage === "intro" || p.takeover !== undefined)).length,
    waiting: people.filter((p) => !p.bot && p.stage === "waiting").length,
    surveying: s.status === "ended" ? 0 : people.filter((p) => !p.bot && p.stage === "survey").length,
    rounds: lt.rounds,
    round,
    phaseLabel: phase === undefined ? null : t.has(phaseKey as never) ? t(phaseKey as never) : (lt.game.phases[phase]?.label ?? null),
    remainingMs: longest,
    pending: deciding.length ? deciding.reduce((n, g) => n + pendingOf(s, g, lt, nowMs).length, 0) : null,
    playing: deciding.length ? inRound.reduce((n, g) => n + g.members.length, 0) : null,
    charts: shown,
    chartsHeld: stage === "playing" ? held : null,
    playingGroups: stage === "playing" ? inRound.length : null,
    leaderboard: lt.treatment.leaderboard.show ? leaderboard(s, lt.treatment.leaderboard.top, lt.treatment.language, through, rankRuleOf(lt)) : null,
    minOwnRounds: lt.treatment.leaderboard.show ? (rankRuleOf(lt)?.minOwnRounds ?? null) : null,
    debrief: over ? debriefRows(shown) : null,
  };
}
