/**
 * codebook.csv: one row per column of each exported file (`file` names the file). A session's codebook
 * documents data.csv, data-wide.csv (every round column by its own name, with its long column's type),
 * survey.csv, payments.csv and events.csv. The study codebook documents the study export's files; when
 * its sessions mix games that describe a column differently (a column two games share, such as
 * group_budget), it has one row per game for that column, named in its `game` column, which is empty
 * where one description holds for every game of the export.
 */
import type { ColumnDoc } from "../../lib/core/game";
import { toCsv } from "./csv";
import { EVENT_COLUMNS } from "./events";
import { PAYMENT_COLUMNS } from "./payments";
import { wideCodebook } from "./wide";

/** Said in the codebook of every text column: how formula-like text is written (server/export/csv.ts). */
export const TEXT_CELL_NOTE = "Text cells that start with = + - @ ', a tab or a carriage return are written with a leading ' so spreadsheets do not run them as formulas; remove that one character to get the original text.";

/** Which file each part of a codebook documents (the `file` column); a part without a file is left out. */
export interface CodebookFiles {
  long: string;
  wide: string;
  survey: string;
  payments?: string;
  events?: string;
}

export const SESSION_CODEBOOK_FILES: CodebookFiles = { long: "data.csv", wide: "data-wide.csv", survey: "survey.csv", payments: "payments.csv", events: "events.csv" };

/** The columns of one game's rows in an export (`game` as in the data's game column, id@version). */
export interface GameColumns {
  game: string;
  long: readonly ColumnDoc[];
}

export interface CodebookRow {
  column: string;
  type: ColumnDoc["type"];
  unit: string;
  description: string;
  file: string;
  /** The game the row describes; empty when the description holds for every game of the export. */
  game: string;
}

const CODEBOOK_COLUMNS = ["column", "type", "unit", "description", "file"] as const;

const row = (file: string, game: string) => (c: ColumnDoc): CodebookRow => ({
  column: c.name,
  type: c.type,
  unit: c.unit ?? "",
  description: c.type === "string" ? `${c.description} ${TEXT_CELL_NOTE}` : c.description,
  file,
  game,
});

const sameDoc = (a: ColumnDoc, b: ColumnDoc) => a.type === b.type && (a.unit ?? "") === (b.unit ?? "") && a.description === b.description;

/**
 * The rows of one file for the columns `order` (each once), documented by each game that has them: one
 * row when every game that has the column describes it alike, else one row per game.
 */
function fileRows(file: string, perGame: readonly { game: string; docs: readonly ColumnDoc[] }[], order: readonly string[]): CodebookRow[] {
  const maps = perGame.map((g) => ({ game: g.game, byName: new Map(g.docs.map((d) => [d.name, d])) }));
  return [...new Set(order)].flatMap((name) => {
    const have = maps.flatMap((m) => (m.byName.has(name) ? [{ game: m.game, doc: m.byName.get(name)! }] : []));
    if (have.length === 0) return [];
    if (have.every((h) => sameDoc(h.doc, have[0]!.doc))) return [row(file, "")(have[0]!.doc)];
    return have.map((h) => row(file, h.game)(h.doc));
  });
}

/** What a codebook documents: the long columns of each game, the long file's column order, the wide file's header, the survey's columns. */
export interface CodebookInput {
  games: readonly GameColumns[];
  /** Every long column in the file's order. */
  long: readonly ColumnDoc[];
  /** The wide file's header. */
  wideColumns: readonly string[];
  survey: readonly ColumnDoc[];
  /** Columns the study payments file puts before payments.csv's (session, treatment). */
  paymentsLead?: readonly ColumnDoc[];
}

/** The codebook's rows, file by file: long, wide, survey, then payments and events when `files` names them. */
export function codebookRows(input: CodebookInput, files: CodebookFiles): CodebookRow[] {
  const perGameLong = input.games.map((g) => ({ game: g.game, docs: g.long }));
  const perGameWide = input.games.map((g) => ({ game: g.game, docs: wideCodebook(g.long, input.wideColumns, files.long) }));
  const wideOrder = wideCodebook(input.long, input.wideColumns, files.long).map((c) => c.name);
  return [
    ...fileRows(files.long, perGameLong, input.long.map((c) => c.name)),
    ...fileRows(files.wide, perGameWide, wideOrder),
    ...input.survey.map(row(files.survey, "")),
    ...(files.payments ? [...(input.paymentsLead ?? []), ...PAYMENT_COLUMNS].map(row(files.payments, "")) : []),
    ...(files.events ? EVENT_COLUMNS.map(row(files.events, "")) : []),
  ];
}

/** The codebook as CSV; `withGame` adds the `game` column (the study codebook). */
export function codebookText(rows: readonly CodebookRow[], withGame: boolean): string {
  return toCsv(withGame ? [...CODEBOOK_COLUMNS, "game"] : CODEBOOK_COLUMNS, rows.map((r) => ({ ...r })));
}
