/**
 * What the room's screen shows (the projector): a whitelist built only from public facts — the
 * participant title (never the treatment's name), the room code, how many joined, the round and time
 * left, the live charts as aggregates (lib/charts/room.ts), the leaderboard (labels and total points,
 * if the treatment shows it) and, after the session, the debrief. Never a type, private value, token,
 * panel id or per-round payoff (tested in projector-view.test.ts and e2e/projector.spec.ts).
 */
import { debriefRows, type DebriefRow } from "../charts/debrief";
import { roomCharts } from "../charts/room";
import type { Chart } from "../charts/types";
import type { Locale } from "../i18n/locales";
import { translatorFor } from "../i18n/translate";
import { isBotSeat } from "./context";
import { pendingOf } from "./rounds";
import type { SessionState } from "./state";
import { participantTitleOf, type LoadedTreatment } from "./treatment";

export interface LeaderboardRow {
  rank: number;
  /** The name typed with the room code, or "Seat n" in the session's language (panel ids are never shown). */
  label: string;
  bot: boolean;
  points: number;
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
  seats: number;
  rounds: number;
  /** The latest round any group plays (null before play). */
  round: number | null;
  phaseLabel: string | null;
  /** ms left in the current phase of the groups of that round (the longest), null when untimed. */
  remainingMs: number | null;
  /**
   * Seats still to decide, and seats, in the groups whose current step is a decision; both
   * null when none is (e.g. the results step: people read and continue, nobody decides, so no count).
   */
  pending: number | null;
  playing: number | null;
  charts: Chart[];
  /** null when the treatment hides the leaderboard. */
  leaderboard: LeaderboardRow[] | null;
  debrief: DebriefRow[] | null;
}

const points1 = (v: number) => Math.round(v * 10) / 10;

export function leaderboard(s: SessionState, top: number, locale: Locale = "en"): LeaderboardRow[] {
  const t = translatorFor(locale);
  const rows = s.order
    .map((id) => s.participants.get(id)!)
    .filter((p) => p.claimed || p.bot || p.history.length > 0)
    .map((p) => ({ p, points: points1(p.totalPayoff) }))
    .sort((a, b) => b.points - a.points || a.p.seat - b.p.seat);
  // only the rows shown are worded (a seat's name through the translator cost ~6 µs, 6 ms a push at 1,000 seats)
  return rows.slice(0, top).map(({ p, points }) => ({
    rank: 1 + rows.filter((x) => x.points > points).length,
    label: p.label ?? t("participant.seat", { seat: p.seat + 1 }),
    bot: isBotSeat(s, p.id),
    points,
  }));
}

export function projectorView(s: SessionState, lt: LoadedTreatment, nowMs: number, roomCode: string, charts: readonly Chart[]): ProjectorView {
  const people = s.participants.toArray();
  // play is over once everyone finished it (answering the exit survey counts as finished)
  const over = s.status === "ended" || (people.length > 0 && people.every((p) => p.stage === "done" || p.stage === "survey"));
  const groups = s.groups.toArray().filter((g) => g.status === "playing" || g.status === "computing" || g.status === "barrier");
  const stage = over ? "after" : s.groups.size === 0 ? "before" : "playing";
  const round = groups.length ? Math.max(...groups.map((g) => g.round)) : null;
  const current = groups.filter((g) => g.round === round && g.status === "playing");
  const left = current.map((g) => (s.status === "paused" ? g.remainingMsAtPause : g.deadlineMs === null ? null : Math.max(0, g.deadlineMs - nowMs)));
  const timed = left.filter((x): x is number => x !== null);
  const shown = roomCharts(charts, over);
  const t = translatorFor(lt.treatment.language);
  const phase = current[0]?.phase;
  // "k of n decided" counts only groups at a decision step (in a results step nobody decides)
  const deciding = groups.filter((g) => g.status !== "barrier" && lt.game.phases[g.phase]?.kind === "decision");
  const phaseKey = `phases.${lt.game.id}.${phase}`;
  return {
    sessionId: s.id,
    title: participantTitleOf(lt.treatment),
    language: lt.treatment.language,
    gameId: lt.game.id,
    status: s.status,
    stage,
    roomCode,
    joined: people.filter((p) => p.stage !== "new").length,
    seats: lt.seats,
    rounds: lt.rounds,
    round,
    phaseLabel: phase === undefined ? null : t.has(phaseKey as never) ? t(phaseKey as never) : (lt.game.phases[phase]?.label ?? null),
    remainingMs: timed.length ? Math.max(...timed) : null,
    pending: deciding.length ? deciding.reduce((n, g) => n + pendingOf(s, g, lt, nowMs).length, 0) : null,
    playing: deciding.length ? deciding.reduce((n, g) => n + g.members.length, 0) : null,
    charts: shown,
    leaderboard: lt.treatment.leaderboard.show ? leaderboard(s, lt.treatment.leaderboard.top, lt.treatment.language) : null,
    debrief: over ? debriefRows(shown) : null,
  };
}
