/**
 * The study-wide export: the long or wide table of many sessions in one CSV, streamed (also their exit
 * survey, their payments and the codebook of these files). Rows are read
 * from the database in pages (keyset pagination) and written as they come, so memory does not grow
 * with the number of rows: a first pass collects the column names (the keys games put in decisions,
 * outcomes and group records, and the highest round), the second writes the rows.
 *
 * Between pages, and between a page's read, its round-record lookup and its CSV, the export yields to
 * the event loop (setImmediate), as it does every 200 seats it loads. The SQLite driver answers
 * synchronously, so without that a whole pass ran as one chain of microtasks: the server answered no
 * one else for minutes, and the native memory of finished queries, released by finalizers that run on
 * the event loop, piled up (RSS +330 MB at 1,000,000 rows while the JavaScript heap stayed small;
 * docs/benchmarks.md). A seat table is loaded only while its session is written, and an export whose
 * client went away stops at the next page (`signal`).
 */
import type { AnyGameModule, ColumnDoc } from "../../lib/core/game";
import { loadTreatment } from "../../lib/engine";
import { own } from "../../lib/core/own";
import { games } from "../../lib/games/registry";
import type { PlayerRoundRow, SessionStore } from "../sessions/store";
import { BASE_COLUMNS, longColumns, storedLongRow } from "./columns";
import { csvCell, type Cell } from "./csv";
import { wideSeatOf, wideTable, type WideSeat } from "./wide";
import type { SurveyQuestion } from "../../lib/survey/questions";
import { SURVEY_BASE_COLUMNS, surveyQuestionColumns, surveyRow, type SurveySeat } from "./survey";
import { codebookRows, codebookText, type GameColumns } from "./codebook";
import { paymentCells, PAYMENT_COLUMNS } from "./payments";
import { paymentRows } from "../../lib/study/payments";

/**
 * Rows per database read: what the export holds at once. The SQLite driver answers synchronously, so a
 * read, its round-record lookup and the page's CSV each keep the event loop busy for their whole length:
 * 250 rows is a few milliseconds each (2,000 rows kept live sessions waiting 100–300 ms a page under
 * load; docs/benchmarks.md).
 */
export const STUDY_EXPORT_PAGE = 250;
const PAGE = STUDY_EXPORT_PAGE;

/** Let the event loop run (other sessions, I/O, finalizers) before the next page. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** An export that cannot go on, with a message for the experimenter (the route writes it as the file's last line, `# export stopped: …`). */
export class StudyExportRefused extends Error {}

/** Thrown when the export's consumer went away (`signal` aborted). */
export class StudyExportAborted extends Error {
  constructor() {
    super("the study export was aborted: its client went away");
  }
}

export const STUDY_FORMATS = ["long", "wide", "survey", "codebook", "payments"] as const;
export type StudyFormat = (typeof STUDY_FORMATS)[number];

/**
 * The refusal when no session is chosen: by ids, or by a treatment none of whose sessions counts (the store's
 * `sessionsOfTreatment` leaves archived sessions and drafts out).
 */
export const noSessionChosen = (byTreatment: boolean) =>
  byTreatment
    ? "Choose at least one session (sessions=id1,id2) or a treatment (treatment=name) with a session that is neither archived nor a draft: every session of a treatment leaves those out (tick them in the session list to export them)."
    : "Choose at least one session (sessions=id1,id2) or a treatment (treatment=name).";

/** The file name of each study export (the codebook's `file` column names the data files by it). */
export const studyFileName = (format: StudyFormat) => `mechlab-study-${format}.csv`;

/** Where rows go; resolves when the consumer can take more (backpressure). */
export type Sink = (chunk: string) => Promise<void>;

export interface SessionInfo {
  id: string;
  name: string;
  game: string;
  module: AnyGameModule | undefined;
  /** The treatment's exit-survey questions (survey.csv). */
  questions: SurveyQuestion[];
  /** Whether the treatment has an exit survey (true when it cannot be read: survey_status then says not_reached, not no_survey). */
  hasSurvey: boolean;
}

const line = (columns: readonly string[], row: Record<string, Cell>) => columns.map((c) => csvCell(row[c])).join(",") + "\r\n";

async function sessionInfo(store: SessionStore, id: string): Promise<SessionInfo | null> {
  const row = await store.get(id);
  if (!row) return null;
  const lt = loadTreatment(row.treatmentJson, games);
  const module = lt.ok ? lt.value.game : own(games, row.gameId);
  return { id, name: row.name, game: module ? `${module.id}@${module.version}` : row.gameId, module, questions: lt.ok ? lt.value.treatment.survey : [], hasSurvey: !lt.ok || lt.value.treatment.survey.length > 0 };
}

/** Seats read between two turns of the event loop (the store reads them 200 at a time). */
const SEATS_PER_TURN = 200;

/** The seats of one session (loaded while that session is written, then dropped). */
async function seatsOf(store: SessionStore, id: string): Promise<Map<string, WideSeat>> {
  const seats = new Map<string, WideSeat>();
  for await (const p of store.participantParts(id)) {
    seats.set(p.id, wideSeatOf(p));
    if (seats.size % SEATS_PER_TURN === 0) await breathe();
  }
  return seats;
}

/** One session's seats with their surveys, in seat order (loaded while that session is written). */
async function surveySeatsOf(store: SessionStore, id: string): Promise<SurveySeat[]> {
  const out: SurveySeat[] = [];
  for await (const p of store.participantParts(id)) {
    out.push({ ...p, external: p.external ? { source: p.external.source, id: p.external.id } : null });
    if (out.length % SEATS_PER_TURN === 0) await breathe();
  }
  return out.sort((a, b) => a.seat - b.seat);
}

function checkAborted(signal: AbortSignal | undefined) {
  if (signal?.aborted) throw new StudyExportAborted();
}

/** Pass 1: every column the rows will have (in file order, and as each game documents them), and the highest round. */
async function columnsOf(store: SessionStore, sessions: readonly SessionInfo[], signal?: AbortSignal): Promise<{ long: ColumnDoc[]; games: GameColumns[]; maxRound: number }> {
  const byName = new Map<string, ColumnDoc>();
  const byGame = new Map<string, Map<string, ColumnDoc>>();
  let maxRound = 0;
  for (const s of sessions) {
    const seen = new Set<string>();
    for await (const page of store.playerRoundPages(s.id, PAGE)) {
      for (const p of page) {
        maxRound = Math.max(maxRound, p.round);
        for (const k of Object.keys(JSON.parse(p.decisionJson) as object)) seen.add(`decision_${k}`);
        for (const k of Object.keys(JSON.parse(p.outcomeJson) as object)) seen.add(`outcome_${k}`);
      }
      await breathe();
      for (const o of (await store.roundOutcomesFor(s.id, page)).values())
        for (const k of Object.keys(JSON.parse(o.groupJson) as object)) seen.add(`group_${k}`);
      await breathe();
      checkAborted(signal);
    }
    const game = byGame.get(s.game) ?? new Map<string, ColumnDoc>();
    byGame.set(s.game, game);
    for (const c of longColumns(s.module, seen)) {
      if (!byName.has(c.name)) byName.set(c.name, c);
      if (!game.has(c.name)) game.set(c.name, c);
    }
  }
  return { long: [...byName.values()], games: [...byGame.entries()].map(([game, cols]) => ({ game, long: [...cols.values()] })), maxRound };
}

/** The study wide file's header: its participant columns, then r1_…, r2_… up to the highest round. */
function wideHeader(long: readonly ColumnDoc[], maxRound: number): string[] {
  const roundsTemplate = Array.from({ length: maxRound }, (_, i) => ({ round: i + 1, participant: "" }));
  return wideTable(long, roundsTemplate, [], { session: "", treatment: "", game: "" }).columns;
}

/** A page's rows joined to their round records; the event loop turns after the read and after the lookup. */
async function rowsOf(store: SessionStore, s: SessionInfo, seats: ReadonlyMap<string, WideSeat>, page: readonly PlayerRoundRow[]): Promise<Record<string, Cell>[]> {
  await breathe();
  const outcomes = await store.roundOutcomesFor(s.id, page.map((p) => ({ groupId: p.groupId, round: p.round })));
  await breathe();
  return page.map((p) => {
    const o = outcomes.get(`${p.groupId}#${p.round}`);
    return storedLongRow({ session: s.id, treatment: s.name, game: s.game }, p, o, seats.get(p.participantId)?.external ?? null);
  });
}

/**
 * Write the study export of `sessionIds` (unknown ids are skipped) to `sink`; returns the row count.
 * @throws StudyExportAborted when `signal` aborts (checked between pages).
 */
export async function writeStudyExport(store: SessionStore, sessionIds: readonly string[], format: StudyFormat, sink: Sink, signal?: AbortSignal): Promise<number> {
  return writeStudySessions(store, await studySessions(store, sessionIds), format, sink, signal);
}

/** The sessions of these ids that exist (unknown or deleted ids are left out), in the order given. */
export async function studySessions(store: SessionStore, sessionIds: readonly string[]): Promise<SessionInfo[]> {
  const sessions: SessionInfo[] = [];
  for (const id of new Set(sessionIds)) {
    const s = await sessionInfo(store, id);
    if (s) sessions.push(s);
  }
  return sessions;
}

/** Write the study export of sessions found by `studySessions`; returns the row count. */
export async function writeStudySessions(store: SessionStore, sessions: readonly SessionInfo[], format: StudyFormat, sink: Sink, signal?: AbortSignal): Promise<number> {
  if (format === "survey") return writeStudySurvey(store, sessions, sink, signal);
  if (format === "payments") return writeStudyPayments(store, sessions, sink, signal);
  const { long, games: perGame, maxRound } = await columnsOf(store, sessions, signal);
  if (format === "codebook") return writeStudyCodebook(long, perGame, wideHeader(long, maxRound), sessions, sink);
  let count = 0;
  if (format === "long") {
    const names = long.map((c) => c.name);
    await sink(names.map(csvCell).join(",") + "\r\n");
    for (const s of sessions) {
      const seats = await seatsOf(store, s.id);
      for await (const page of store.playerRoundPages(s.id, PAGE)) {
        let chunk = "";
        for (const r of await rowsOf(store, s, seats, page)) chunk += line(names, r);
        count += page.length;
        await sink(chunk);
        await breathe();
        checkAborted(signal);
      }
    }
    return count;
  }
  // wide: one participant's rounds are consecutive when read by (participant, round)
  const header = wideHeader(long, maxRound);
  await sink(header.map(csvCell).join(",") + "\r\n");
  for (const s of sessions) {
    const seatsById = await seatsOf(store, s.id);
    const done = new Set<string>();
    let current: string | null = null;
    let buffer: Record<string, Cell>[] = [];
    const flush = async () => {
      if (current === null) return;
      const seat = seatsById.get(current);
      // a row's seat is written from 1; a WideSeat holds the state's 0-based index
      const seats = [seat ?? { participant: current, seat: Number(buffer[0]?.seat ?? 1) - 1, label: null, external: null, quizAttempts: 0, stage: "", botSeat: false }];
      const w = wideTable(long, buffer, seats, { session: s.id, treatment: s.name, game: s.game });
      await sink(line(header, w.rows[0]!));
      done.add(current);
      count++;
      buffer = [];
    };
    for await (const page of store.playerRoundPagesByParticipant(s.id, PAGE)) {
      for (const r of await rowsOf(store, s, seatsById, page)) {
        if (r.participant !== current) {
          await flush();
          current = String(r.participant);
        }
        buffer.push(r);
      }
      await breathe();
      checkAborted(signal);
    }
    await flush();
    // seats without any round (never joined, or left before round 1)
    for (const seat of [...seatsById.values()].sort((a, b) => a.seat - b.seat))
      if (!done.has(seat.participant)) {
        const w = wideTable(long, [], [seat], { session: s.id, treatment: s.name, game: s.game });
        await sink(line(header, w.rows[0]!));
        count++;
      }
  }
  return count;
}

/**
 * The study survey's columns: the fixed ones, then the question columns of every treatment involved
 * in order of first appearance (a question id two treatments share is one column, described by the
 * first session's treatment).
 */
function studySurveyColumns(sessions: readonly SessionInfo[]): ColumnDoc[] {
  const byName = new Map(SURVEY_BASE_COLUMNS.map((c) => [c.name, c]));
  for (const s of sessions) for (const c of surveyQuestionColumns(s.questions)) if (!byName.has(c.name)) byName.set(c.name, c);
  return [...byName.values()];
}

/** The study payments file's columns before payments.csv's own. */
const STUDY_PAYMENTS_LEAD = BASE_COLUMNS.filter((c) => c.name === "session" || c.name === "treatment");

/**
 * The study codebook: every column of the long, wide, survey and payments files of these sessions, each
 * once per file — or, when the sessions' games describe a column differently, once per game with the game
 * named in the `game` column —, from the same generator as a session's codebook.csv (one row per row written).
 */
async function writeStudyCodebook(long: ColumnDoc[], perGame: GameColumns[], wideColumns: string[], sessions: readonly SessionInfo[], sink: Sink): Promise<number> {
  const survey = studySurveyColumns(sessions);
  const rows = codebookRows(
    { games: perGame, long, wideColumns, survey, paymentsLead: STUDY_PAYMENTS_LEAD },
    { long: studyFileName("long"), wide: studyFileName("wide"), survey: studyFileName("survey"), payments: studyFileName("payments") },
  );
  await sink(codebookText(rows, true));
  return rows.length;
}

/**
 * payments.csv across sessions: the session and treatment, then payments.csv's columns, one row per person
 * who took a seat, session by session (each session's state is loaded while it is written).
 * @throws StudyExportRefused when a session's treatment no longer loads (its payouts cannot be computed).
 */
async function writeStudyPayments(store: SessionStore, sessions: readonly SessionInfo[], sink: Sink, signal?: AbortSignal): Promise<number> {
  const names = [...STUDY_PAYMENTS_LEAD, ...PAYMENT_COLUMNS].map((c) => c.name);
  await sink(names.map(csvCell).join(",") + "\r\n");
  let count = 0;
  for (const s of sessions) {
    const row = await store.get(s.id);
    if (!row) continue; // deleted meanwhile
    const lt = loadTreatment(row.treatmentJson, games);
    if (!lt.ok) throw new StudyExportRefused(`the treatment of session ${s.id} no longer loads (${lt.errors[0] ?? "unknown error"}), so its payouts cannot be computed; the rows above are complete.`);
    const state = await store.loadState(row);
    const rows = paymentRows(state, lt.value);
    for (let i = 0; i < rows.length; i += SEATS_PER_TURN) {
      let chunk = "";
      for (const r of rows.slice(i, i + SEATS_PER_TURN)) chunk += line(names, { session: s.id, treatment: s.name, ...paymentCells(r) });
      await sink(chunk);
      await breathe();
      checkAborted(signal);
    }
    count += rows.length;
  }
  return count;
}

/**
 * survey.csv across sessions: one row per seat; the question columns of every treatment involved
 * (in order of first appearance), empty where a session's treatment did not ask that question.
 */
async function writeStudySurvey(store: SessionStore, sessions: readonly SessionInfo[], sink: Sink, signal?: AbortSignal): Promise<number> {
  const names = studySurveyColumns(sessions).map((c) => c.name);
  await sink(names.map(csvCell).join(",") + "\r\n");
  let count = 0;
  for (const s of sessions) {
    const seats = await surveySeatsOf(store, s.id);
    for (let i = 0; i < seats.length; i += SEATS_PER_TURN) {
      let chunk = "";
      for (const p of seats.slice(i, i + SEATS_PER_TURN)) chunk += line(names, surveyRow({ session: s.id, treatment: s.name }, p, s.hasSurvey));
      await sink(chunk);
      await breathe();
      checkAborted(signal);
    }
    count += seats.length;
  }
  return count;
}
