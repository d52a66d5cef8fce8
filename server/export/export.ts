/**
 * Session exports: the long CSV (one row per participant per round), JSON, the codebook that defines
 * every column (./codebook.ts), the append-only event log (./events.ts), and the per-round mechanism records.
 */
import type { ColumnDoc } from "../../lib/core/game";
import { loadTreatment } from "../../lib/engine";
import { games } from "../../lib/games/registry";
import { own } from "../../lib/core/own";
import type { SessionStore } from "../sessions/store";
import { longColumns, storedLongRow } from "./columns";
import { wideSeatOf, wideTable, type WideSeat, type WideTable } from "./wide";
import { toCsv, type Cell } from "./csv";
import { surveyColumns, surveyRow } from "./survey";
import { codebookRows, codebookText, SESSION_CODEBOOK_FILES, type CodebookFiles } from "./codebook";

export { BASE_COLUMNS, TAIL_COLUMNS, MECHANISM_COLUMNS } from "./columns";
export { TEXT_CELL_NOTE, SESSION_CODEBOOK_FILES, type CodebookFiles } from "./codebook";
export { eventsCsv } from "./events";

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
    return [wideSeatOf(p)];
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

export function surveyCsv(b: ExportBundle): string {
  return toCsv(b.survey.columns.map((c) => c.name), b.survey.rows);
}

/**
 * A session's codebook: every column of data.csv, data-wide.csv (each round column by its name, with its
 * data.csv column's type), survey.csv, payments.csv and events.csv (or of the files `files` names);
 * `file` says which file a row documents (a column name appears once per file).
 */
export function codebookCsv(b: Pick<ExportBundle, "columns" | "survey" | "wide">, files: CodebookFiles = SESSION_CODEBOOK_FILES): string {
  return codebookText(codebookRows({ games: [{ game: "", long: b.columns }], long: b.columns, wideColumns: b.wide.columns, survey: b.survey.columns }, files), false);
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
