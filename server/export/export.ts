/**
 * Session exports: the long CSV (one row per participant per round), JSON, the codebook that defines
 * every column, the append-only event log, and the per-round mechanism records.
 */
import type { ColumnDoc } from "../../lib/core/game";
import { loadTreatment } from "../../lib/engine";
import { games } from "../../lib/games/registry";
import { own } from "../../lib/core/own";
import type { SessionStore } from "../sessions/store";
import { longColumns, storedLongRow } from "./columns";
import { wideCodebook, wideTable, type WideSeat, type WideTable } from "./wide";
import { PAYMENT_COLUMNS } from "./payments";
import { toCsv, type Cell } from "./csv";
import { surveyColumns, surveyRow } from "./survey";

export { BASE_COLUMNS, TAIL_COLUMNS, MECHANISM_COLUMNS } from "./columns";

export interface ExportBundle {
  columns: ColumnDoc[];
  rows: Record<string, Cell>[];
  /** One row per participant, round columns prefixed r1_, r2_, … (data-wide.csv). */
  wide: WideTable;
  /** The exit survey, one row per seat (survey.csv). */
  survey: { columns: ColumnDoc[]; rows: Record<string, Cell>[] };
}

/** Build the long table of a session (throws UndocumentedColumnError, see ./columns). */
export async function buildExport(store: SessionStore, sessionId: string): Promise<ExportBundle | null> {
  const session = await store.get(sessionId);
  if (!session) return null;
  const lt = loadTreatment(session.treatmentJson, games);
  const game = lt.ok ? lt.value.game : own(games, session.gameId);
  const [players, outcomes, state] = await Promise.all([store.playerRounds(sessionId), store.roundOutcomes(sessionId), store.loadState(session)]);
  const outcomeByKey = new Map(outcomes.map((o) => [`${o.groupId}#${o.round}`, o]));
  const rows: Record<string, Cell>[] = [];
  const seen = new Set<string>();
  for (const p of players) {
    const o = outcomeByKey.get(`${p.groupId}#${p.round}`);
    const ext = state.participants.get(p.participantId)?.external;
    const where = { session: sessionId, treatment: session.name, game: game ? `${game.id}@${game.version}` : session.gameId };
    const row = storedLongRow(where, p, o, ext ? { source: ext.source, id: ext.id } : null);
    for (const k of Object.keys(row)) seen.add(k);
    rows.push(row);
  }
  const columns = longColumns(game, seen);
  const seats: WideSeat[] = state.order.flatMap((pid) => {
    const p = state.participants.get(pid);
    if (!p) return [];
    return [{ participant: pid, seat: p.seat, label: p.label, external: p.external ? { source: p.external.source, id: p.external.id } : null, quizAttempts: p.quizAttempts, stage: p.stage, botSeat: p.bot }];
  });
  const wide = wideTable(columns, rows, seats, { session: sessionId, treatment: session.name, game: game ? `${game.id}@${game.version}` : session.gameId });
  const hasSurvey = !lt.ok || lt.value.treatment.survey.length > 0;
  const survey = {
    columns: surveyColumns(lt.ok ? lt.value.treatment.survey : []),
    rows: state.order.flatMap((pid) => {
      const p = state.participants.get(pid);
      return p ? [surveyRow({ session: sessionId, treatment: session.name }, p, hasSurvey)] : [];
    }),
  };
  return { columns, rows, wide, survey };
}

export function exportCsv(b: ExportBundle): string {
  return toCsv(b.columns.map((c) => c.name), b.rows);
}

export function wideCsv(b: ExportBundle): string {
  return toCsv(b.wide.columns, b.wide.rows);
}

/** Said in the codebook of every text column: how formula-like text is written (server/export/csv.ts). */
export const TEXT_CELL_NOTE = "Text cells that start with = + - @, a tab or a carriage return are written with a leading ' so spreadsheets do not run them as formulas; remove that one character to get the original text.";

export function surveyCsv(b: ExportBundle): string {
  return toCsv(b.survey.columns.map((c) => c.name), b.survey.rows);
}

/** Which file each part of a codebook documents (the `file` column). */
export interface CodebookFiles {
  long: string;
  wide: string;
  survey: string;
  /** Omitted where there is no payments file (the study export). */
  payments?: string;
}

export const SESSION_CODEBOOK_FILES: CodebookFiles = { long: "data.csv", wide: "data-wide.csv", survey: "survey.csv", payments: "payments.csv" };

/**
 * The codebook: every column of data.csv, data-wide.csv, survey.csv and payments.csv (or of the study
 * export's files, `files`); `file` says which file a row documents (a column name appears once per file).
 */
export function codebookCsv(b: Pick<ExportBundle, "columns" | "survey">, files: CodebookFiles = SESSION_CODEBOOK_FILES): string {
  const entry = (file: string) => (c: ColumnDoc) => ({
    column: c.name,
    type: c.type,
    unit: c.unit ?? "",
    description: c.type === "string" ? `${c.description} ${TEXT_CELL_NOTE}` : c.description,
    file,
  });
  return toCsv(
    ["column", "type", "unit", "description", "file"],
    [
      ...b.columns.map(entry(files.long)),
      ...wideCodebook(b.columns).map(entry(files.wide)),
      ...b.survey.columns.map(entry(files.survey)),
      ...(files.payments ? PAYMENT_COLUMNS.map(entry(files.payments)) : []),
    ],
  );
}

export async function eventsCsv(store: SessionStore, sessionId: string): Promise<string> {
  const events = await store.events(sessionId);
  const cols = ["seq", "server_time", "actor_kind", "participant", "command", "accepted", "error_code", "error_message", "client_action_id", "version_after", "payload"];
  return toCsv(
    cols,
    events.map((e) => ({
      seq: e.seq,
      server_time: e.serverTime.toISOString(),
      actor_kind: e.actorKind,
      participant: e.participantId,
      command: e.command,
      accepted: e.accepted,
      error_code: e.errorCode,
      error_message: e.errorMessage,
      client_action_id: e.clientActionId,
      version_after: e.versionAfter,
      payload: e.payloadJson,
    })),
  );
}

export async function roundsJson(store: SessionStore, sessionId: string) {
  const outcomes = await store.roundOutcomes(sessionId);
  return outcomes.map((o) => ({
    group: o.groupId,
    round: o.round,
    mechanism: { id: o.mechanismId, version: o.mechanismVer },
    input: JSON.parse(o.inputJson),
    output: JSON.parse(o.outputJson),
    group_outcome: JSON.parse(o.groupJson),
    seed: JSON.parse(o.seedJson),
  }));
}
