/**
 * Session exports: the long CSV (one row per participant per round), JSON, the codebook that defines
 * every column, the append-only event log, and the per-round mechanism records.
 */
import type { ColumnDoc, Scalar } from "../../lib/core/game";
import { loadTreatment } from "../../lib/engine";
import { games } from "../../lib/games/registry";
import { own } from "../../lib/core/own";
import type { SessionStore } from "../sessions/store";
import { toCsv, type Cell } from "./csv";

export const BASE_COLUMNS: ColumnDoc[] = [
  { name: "session", type: "string", description: "Session id." },
  { name: "treatment", type: "string", description: "Treatment name." },
  { name: "game", type: "string", description: "Game module id and version (e.g. ids-investment@1.0.0)." },
  { name: "group", type: "string", description: "Group id within the session for this round (g1, g2, … for fixed groups; r3g7 = round 3, 7th group formed, under random rematching)." },
  { name: "round", type: "number", description: "Round number, starting at 1." },
  { name: "participant", type: "string", description: "Participant id (stable across rounds; not personally identifying)." },
  { name: "label", type: "string", description: "Label typed with the room code (empty for link and panel participants)." },
  { name: "external_id", type: "string", description: "The online panel's participant id (Prolific PROLIFIC_PID, MTurk workerId, or the treatment's panel.param); empty when the seat was not taken through a panel link." },
  { name: "external_source", type: "string", description: "Which panel external_id comes from: prolific, mturk, or the name of the treatment's panel.param (e.g. id for SONA)." },
  { name: "seat", type: "number", description: "Seat number in the session, 0-based." },
  { name: "role", type: "string", description: "Role in the group this round." },
];

export const TAIL_COLUMNS: ColumnDoc[] = [
  { name: "decision_ms", type: "number", unit: "ms", description: "Time from the start of each decision phase to the participant's last accepted choice in it, summed over the round's decision phases (server clock). Empty when no choice was made." },
  { name: "timed_out", type: "boolean", description: "TRUE when a phase timer ran out before the participant decided and the treatment's default was used." },
  { name: "is_bot", type: "boolean", description: "TRUE when a bot made this round's choices for the seat (bot seat, dropout replacement, or experimenter replacement)." },
  { name: "payoff", type: "number", unit: "points", description: "Points earned this round." },
];

export const MECHANISM_COLUMNS: ColumnDoc[] = [
  { name: "mechanism", type: "string", description: "Mechanism id@version that computed the round (its full input and output are in rounds.json)." },
];

export interface ExportBundle {
  columns: ColumnDoc[];
  rows: Record<string, Cell>[];
}

function flatten(prefix: string, obj: Record<string, Scalar>, into: Record<string, Cell>) {
  for (const [k, v] of Object.entries(obj)) into[`${prefix}${k}`] = v;
}

/** Build the long table of a session. */
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
    const row: Record<string, Cell> = {
      session: sessionId,
      treatment: session.name,
      game: game ? `${game.id}@${game.version}` : session.gameId,
      group: p.groupId,
      round: p.round,
      participant: p.participantId,
      label: p.label,
      external_id: state.participants[p.participantId]?.external?.id ?? null,
      external_source: state.participants[p.participantId]?.external?.source ?? null,
      seat: p.seat,
      role: p.role,
      decision_ms: p.decisionMs,
      timed_out: p.timedOut,
      is_bot: p.isBot,
      payoff: p.payoff,
      mechanism: o ? `${o.mechanismId}@${o.mechanismVer}` : null,
    };
    flatten("decision_", JSON.parse(p.decisionJson), row);
    flatten("outcome_", JSON.parse(p.outcomeJson), row);
    if (o) flatten("group_", JSON.parse(o.groupJson), row);
    for (const k of Object.keys(row)) seen.add(k);
    rows.push(row);
  }
  const documented = game?.codebook ?? [];
  const fixed = new Set([...BASE_COLUMNS, ...TAIL_COLUMNS, ...MECHANISM_COLUMNS].map((c) => c.name));
  // a game's key may look like a platform column (e.g. decision_ms): every column is listed once
  const byPrefix = (pre: string) => {
    const docs = documented.filter((c) => c.name.startsWith(pre) && !fixed.has(c.name));
    const extra = [...seen].filter((k) => k.startsWith(pre) && !fixed.has(k) && !docs.some((d) => d.name === k)).sort();
    return [...docs, ...extra.map((name) => ({ name, type: "number" as const, description: "(not documented by the game module)" }))];
  };
  const columns = [...BASE_COLUMNS, ...byPrefix("decision_"), ...TAIL_COLUMNS, ...byPrefix("outcome_"), ...byPrefix("group_"), ...MECHANISM_COLUMNS];
  return { columns, rows };
}

export function exportCsv(b: ExportBundle): string {
  return toCsv(b.columns.map((c) => c.name), b.rows);
}

/** Said in the codebook of every text column: how formula-like text is written (server/export/csv.ts). */
export const TEXT_CELL_NOTE = "Text cells that start with = + - @, a tab or a carriage return are written with a leading ' so spreadsheets do not run them as formulas; remove that one character to get the original text.";

export function codebookCsv(b: ExportBundle): string {
  return toCsv(
    ["column", "type", "unit", "description"],
    b.columns.map((c) => ({ column: c.name, type: c.type, unit: c.unit ?? "", description: c.type === "string" ? `${c.description} ${TEXT_CELL_NOTE}` : c.description })),
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
