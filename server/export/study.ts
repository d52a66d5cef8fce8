/**
 * The study-wide export: the long or wide table of many sessions in one CSV, streamed. Rows are read
 * from the database in pages (keyset pagination) and written as they come, so memory does not grow
 * with the number of rows: a first pass collects the column names (the keys games put in decisions,
 * outcomes and group records, and the highest round), the second writes the rows.
 */
import type { AnyGameModule, ColumnDoc, Scalar } from "../../lib/core/game";
import { loadTreatment } from "../../lib/engine";
import { own } from "../../lib/core/own";
import { games } from "../../lib/games/registry";
import type { PlayerRoundRow, SessionStore } from "../sessions/store";
import { longColumns, longRow } from "./columns";
import { csvCell, type Cell } from "./csv";
import { wideTable, type WideSeat } from "./wide";
import type { SurveyQuestion } from "../../lib/survey/questions";
import { SURVEY_BASE_COLUMNS, surveyQuestionColumns, surveyRow, type SurveySeat } from "./survey";

const PAGE = 5000;

export type StudyFormat = "long" | "wide" | "survey";

/** Where rows go; resolves when the consumer can take more (backpressure). */
export type Sink = (chunk: string) => Promise<void>;

interface SessionInfo {
  id: string;
  name: string;
  game: string;
  module: AnyGameModule | undefined;
  seats: Map<string, WideSeat>;
  /** The treatment's exit-survey questions, and each seat's survey (for survey.csv). */
  questions: SurveyQuestion[];
  surveySeats: SurveySeat[];
}

const line = (columns: readonly string[], row: Record<string, Cell>) => columns.map((c) => csvCell(row[c])).join(",") + "\r\n";

async function sessionInfo(store: SessionStore, id: string): Promise<SessionInfo | null> {
  const row = await store.get(id);
  if (!row) return null;
  const lt = loadTreatment(row.treatmentJson, games);
  const module = lt.ok ? lt.value.game : own(games, row.gameId);
  const seats = new Map<string, WideSeat>();
  const surveySeats: SurveySeat[] = [];
  for await (const p of store.participantParts(id)) {
    const external = p.external ? { source: p.external.source, id: p.external.id } : null;
    seats.set(p.id, { participant: p.id, seat: p.seat, label: p.label, external, quizAttempts: p.quizAttempts, stage: p.stage, botSeat: p.bot });
    surveySeats.push({ ...p, external });
  }
  surveySeats.sort((a, b) => a.seat - b.seat);
  const questions = lt.ok ? lt.value.treatment.survey : [];
  return { id, name: row.name, game: module ? `${module.id}@${module.version}` : row.gameId, module, seats, questions, surveySeats };
}

/** Pass 1: every column the rows will have, and the highest round. */
async function columnsOf(store: SessionStore, sessions: readonly SessionInfo[]): Promise<{ long: ColumnDoc[]; maxRound: number }> {
  const byName = new Map<string, ColumnDoc>();
  let maxRound = 0;
  for (const s of sessions) {
    const seen = new Set<string>();
    for await (const page of store.playerRoundPages(s.id, PAGE)) {
      for (const p of page) {
        maxRound = Math.max(maxRound, p.round);
        for (const k of Object.keys(JSON.parse(p.decisionJson) as object)) seen.add(`decision_${k}`);
        for (const k of Object.keys(JSON.parse(p.outcomeJson) as object)) seen.add(`outcome_${k}`);
      }
      for (const o of (await store.roundOutcomesFor(s.id, page)).values())
        for (const k of Object.keys(JSON.parse(o.groupJson) as object)) seen.add(`group_${k}`);
    }
    for (const c of longColumns(s.module, seen)) if (!byName.has(c.name)) byName.set(c.name, c);
  }
  return { long: [...byName.values()], maxRound };
}

async function rowsOf(store: SessionStore, s: SessionInfo, page: readonly PlayerRoundRow[]): Promise<Record<string, Cell>[]> {
  const outcomes = await store.roundOutcomesFor(s.id, page.map((p) => ({ groupId: p.groupId, round: p.round })));
  return page.map((p) => {
    const o = outcomes.get(`${p.groupId}#${p.round}`);
    return longRow({
      session: s.id,
      treatment: s.name,
      game: s.game,
      groupId: p.groupId,
      round: p.round,
      participantId: p.participantId,
      label: p.label,
      external: s.seats.get(p.participantId)?.external ?? null,
      seat: p.seat,
      role: p.role,
      decision: JSON.parse(p.decisionJson) as Record<string, Scalar>,
      outcome: JSON.parse(p.outcomeJson) as Record<string, Scalar>,
      group: o ? (JSON.parse(o.groupJson) as Record<string, Scalar>) : null,
      decisionMs: p.decisionMs,
      timedOut: p.timedOut,
      endedBy: p.endedBy,
      isBot: p.isBot,
      botReason: p.botReason,
      botStrategy: p.botStrategy,
      payoff: p.payoff,
      mechanism: o ? `${o.mechanismId}@${o.mechanismVer}` : null,
    });
  });
}

/** Write the study export of `sessionIds` (unknown ids are skipped) to `sink`; returns the row count. */
export async function writeStudyExport(store: SessionStore, sessionIds: readonly string[], format: StudyFormat, sink: Sink): Promise<number> {
  const sessions: SessionInfo[] = [];
  for (const id of sessionIds) {
    const s = await sessionInfo(store, id);
    if (s) sessions.push(s);
  }
  if (format === "survey") return writeStudySurvey(sessions, sink);
  const { long, maxRound } = await columnsOf(store, sessions);
  let count = 0;
  if (format === "long") {
    const names = long.map((c) => c.name);
    await sink(names.map(csvCell).join(",") + "\r\n");
    for (const s of sessions)
      for await (const page of store.playerRoundPages(s.id, PAGE)) {
        let chunk = "";
        for (const r of await rowsOf(store, s, page)) chunk += line(names, r);
        count += page.length;
        await sink(chunk);
      }
    return count;
  }
  // wide: one participant's rounds are consecutive when read by (participant, round)
  const roundsTemplate = Array.from({ length: maxRound }, (_, i) => ({ round: i + 1, participant: "" }));
  const header = wideTable(long, roundsTemplate, [], { session: "", treatment: "", game: "" }).columns;
  await sink(header.map(csvCell).join(",") + "\r\n");
  for (const s of sessions) {
    const done = new Set<string>();
    let current: string | null = null;
    let buffer: Record<string, Cell>[] = [];
    const flush = async () => {
      if (current === null) return;
      const seat = s.seats.get(current);
      const seats = [seat ?? { participant: current, seat: Number(buffer[0]?.seat ?? 0), label: null, external: null, quizAttempts: 0, stage: "", botSeat: false }];
      const w = wideTable(long, buffer, seats, { session: s.id, treatment: s.name, game: s.game });
      await sink(line(header, w.rows[0]!));
      done.add(current);
      count++;
      buffer = [];
    };
    for await (const page of store.playerRoundPagesByParticipant(s.id, PAGE)) {
      for (const r of await rowsOf(store, s, page)) {
        if (r.participant !== current) {
          await flush();
          current = String(r.participant);
        }
        buffer.push(r);
      }
    }
    await flush();
    // seats without any round (never joined, or left before round 1)
    for (const seat of [...s.seats.values()].sort((a, b) => a.seat - b.seat))
      if (!done.has(seat.participant)) {
        const w = wideTable(long, [], [seat], { session: s.id, treatment: s.name, game: s.game });
        await sink(line(header, w.rows[0]!));
        count++;
      }
  }
  return count;
}

/**
 * survey.csv across sessions: one row per seat; the question columns of every treatment involved
 * (in order of first appearance), empty where a session's treatment did not ask that question.
 */
async function writeStudySurvey(sessions: readonly SessionInfo[], sink: Sink): Promise<number> {
  const names = [...SURVEY_BASE_COLUMNS.map((c) => c.name)];
  for (const s of sessions) for (const c of surveyQuestionColumns(s.questions)) if (!names.includes(c.name)) names.push(c.name);
  await sink(names.map(csvCell).join(",") + "\r\n");
  let count = 0;
  for (const s of sessions) {
    let chunk = "";
    for (const p of s.surveySeats) chunk += line(names, surveyRow({ session: s.id, treatment: s.name }, p));
    count += s.surveySeats.length;
    await sink(chunk);
  }
  return count;
}
