/**
 * What the session report (report.html) shows, read from the stored tables: the treatment, the game's
 * charts of play against theory (lib/charts, the same series as the live monitor), a summary per round
 * and one per participant.
 */
import type { Scalar } from "../../lib/core/game";
import { own } from "../../lib/core/own";
import { loadTreatment } from "../../lib/engine";
import { games } from "../../lib/games/registry";
import { sessionCharts, type Chart, type ChartRound } from "../../lib/charts";
import { DEFAULT_LOCALE, type Locale } from "../../lib/i18n/locales";
import { paymentRows } from "../../lib/study/payments";
import type { SessionStore } from "../sessions/store";

export interface RoundSummary {
  round: number;
  groups: number;
  decisions: number;
  /** Decisions a bot made (bot seats, dropouts, replaced seats). */
  botDecisions: number;
  timedOut: number;
  meanPoints: number;
  minPoints: number;
  maxPoints: number;
}

export interface ParticipantSummary {
  seat: number;
  label: string | null;
  participantId: string;
  rounds: number;
  botRounds: number;
  timedOut: number;
  totalPoints: number;
  meanPoints: number;
}

export interface ReportData {
  /** `endedAt`: when the session ended (null while it has not); the report is stamped with it, else with `createdAt`. */
  session: { id: string; code: string; name: string; status: string; createdAt: Date; endedAt: Date | null; seed: string };
  game: { id: string; version: string | null; title: string | null };
  treatment: { description: string | null; groups: number | null; groupSize: number | null; rounds: number | null; matching: string | null; json: string };
  /** The treatment's language: the report's words, charts and numbers (English when the treatment no longer loads). */
  locale: Locale;
  /** In `locale`. */
  charts: Chart[];
  /** The completed rounds the charts are drawn from (a study report pools them across sessions). */
  chartRounds: ChartRound[];
  /** The game's parsed parameters (null when the stored treatment no longer loads). */
  params: unknown;
  rounds: RoundSummary[];
  participants: ParticipantSummary[];
  /**
   * The seats as payments.csv counts them (the study report's overview): `people`, the seats a person took
   * (payments.csv's rows, also those who took no part: `left_before_play`); `botSeats`, the seats a bot holds
   * (from the start, or filled with bots on the monitor); `peoplePoints` and `peopleRounds`, the sums of
   * payments.csv's `points` and `rounds` over those people (rounds a bot played for a dropout included).
   * Null when the stored treatment no longer loads.
   */
  seats: { people: number; botSeats: number; peoplePoints: number; peopleRounds: number } | null;
}

const parse = (text: string): Record<string, Scalar> => JSON.parse(text) as Record<string, Scalar>;

/** When the session ended, from its stored state's top-level `endedMs` (null while it has not ended). */
function endedAt(stateJson: string): Date | null {
  try {
    const ms = (JSON.parse(stateJson) as { endedMs?: unknown }).endedMs;
    return typeof ms === "number" && Number.isFinite(ms) ? new Date(ms) : null;
  } catch {
    return null;
  }
}

/**
 * The time a report is stamped with, so that downloading it again gives the same file: when the
 * session ended, or when it was created while it has not ended.
 */
export function reportStamp(s: ReportData["session"]): { date: Date; ended: boolean } {
  return s.endedAt ? { date: s.endedAt, ended: true } : { date: s.createdAt, ended: false };
}

/** The report's data for one session, or null when there is no such session. */
export async function reportData(store: SessionStore, sessionId: string): Promise<ReportData | null> {
  const row = await store.get(sessionId);
  if (!row) return null;
  const lt = loadTreatment(row.treatmentJson, games);
  const module = lt.ok ? lt.value.game : own(games, row.gameId);
  const [players, outcomes] = await Promise.all([store.playerRounds(sessionId), store.roundOutcomes(sessionId)]);

  const byRound = new Map<string, ChartRound>();
  for (const o of outcomes) byRound.set(`${o.groupId}#${o.round}`, { groupId: o.groupId, round: o.round, group: parse(o.groupJson), players: [] });
  for (const p of players) {
    const key = `${p.groupId}#${p.round}`;
    const r = byRound.get(key) ?? { groupId: p.groupId, round: p.round, group: {}, players: [] };
    (r.players as ChartRound["players"][number][]).push({ decision: parse(p.decisionJson), outcome: parse(p.outcomeJson), payoff: p.payoff });
    byRound.set(key, r);
  }
  const chartRounds = [...byRound.values()].sort((a, b) => a.round - b.round || (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0));
  const locale = lt.ok ? lt.value.treatment.language : DEFAULT_LOCALE;
  const charts = lt.ok ? sessionCharts(lt.value.game.id, { params: lt.value.params, rounds: chartRounds, locale }) : [];

  const rounds = new Map<number, { groups: Set<string>; points: number[]; bots: number; timedOut: number }>();
  const people = new Map<string, ParticipantSummary>();
  for (const p of players) {
    const r = rounds.get(p.round) ?? { groups: new Set<string>(), points: [], bots: 0, timedOut: 0 };
    r.groups.add(p.groupId);
    r.points.push(p.payoff);
    if (p.isBot) r.bots++;
    if (p.timedOut) r.timedOut++;
    rounds.set(p.round, r);
    const s = people.get(p.participantId) ?? { seat: p.seat, label: p.label, participantId: p.participantId, rounds: 0, botRounds: 0, timedOut: 0, totalPoints: 0, meanPoints: 0 };
    s.rounds++;
    if (p.isBot) s.botRounds++;
    if (p.timedOut) s.timedOut++;
    s.totalPoints += p.payoff;
    if (p.label !== null) s.label = p.label;
    people.set(p.participantId, s);
  }
  const t = lt.ok ? lt.value : null;
  let seats: ReportData["seats"] = null;
  if (t) {
    const state = await store.loadState(row);
    const paid = paymentRows(state, t);
    seats = {
      people: paid.length,
      botSeats: state.participants.toArray().filter((p) => p.bot).length,
      peoplePoints: paid.reduce((a, r) => a + r.points, 0),
      peopleRounds: paid.reduce((a, r) => a + r.rounds, 0),
    };
  }
  return {
    session: { id: row.id, code: row.code, name: row.name, status: row.status, createdAt: row.createdAt, endedAt: endedAt(row.stateJson), seed: row.seed },
    game: { id: module?.id ?? row.gameId, version: module?.version ?? null, title: module?.title ?? null },
    treatment: {
      description: t?.treatment.description ?? null,
      groups: t?.treatment.groups ?? null,
      groupSize: t?.groupSize ?? null,
      rounds: t?.rounds ?? null,
      matching: t?.treatment.matching ?? null,
      json: JSON.stringify(JSON.parse(row.treatmentJson), null, 2),
    },
    locale,
    charts,
    chartRounds,
    params: t ? t.params : null,
    rounds: [...rounds.entries()]
      .sort(([a], [b]) => a - b)
      .map(([round, r]) => ({
        round,
        groups: r.groups.size,
        decisions: r.points.length,
        botDecisions: r.bots,
        timedOut: r.timedOut,
        meanPoints: r.points.reduce((s, x) => s + x, 0) / r.points.length,
        minPoints: Math.min(...r.points),
        maxPoints: Math.max(...r.points),
      })),
    participants: [...people.values()].map((s) => ({ ...s, meanPoints: s.totalPoints / s.rounds })).sort((a, b) => a.seat - b.seat),
    seats,
  };
}
