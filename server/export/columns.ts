/**
 * The long table's columns and rows (one row per participant and round), as pure functions: the
 * session export, the study-wide export and the tests all build rows the same way.
 */
import type { ColumnDoc, Scalar } from "../../lib/core/game";
import { codebookOf, type RecordSchemas } from "../../lib/core/records";
import type { PlayerRoundRow, RoundOutcomeRow } from "../sessions/store";
import type { Cell } from "./csv";

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
  { name: "seat", type: "number", description: "Seat number in the session, starting at 1: the number the participant's screen (\"Seat 3\"), the monitor, its payment table and report.html show." },
  { name: "role", type: "string", description: "Role in the group this round." },
];

export const TAIL_COLUMNS: ColumnDoc[] = [
  { name: "decision_ms", type: "number", unit: "ms", description: "Time from the start of each decision phase to the participant's last accepted choice in it, summed over the round's decision phases (server clock; time the session was paused or the server was down is not counted). Empty when no choice was made." },
  { name: "timed_out", type: "boolean", description: "TRUE when a phase timer ran out before the participant decided and the treatment's default was used. FALSE when the experimenter ended the phase (see phase_ended_by)." },
  { name: "phase_ended_by", type: "string", description: "Who ended a decision phase of this round before the participant decided: timeout (the timer ran out) or experimenter (\"End phase now\" on the monitor); empty when the participant decided in every decision phase. The game's default was used for the missing choice." },
  { name: "is_bot", type: "boolean", description: "TRUE only when a bot submitted this round's choice for the seat; a default applied at a timeout is not a bot's choice." },
  { name: "bot_reason", type: "string", description: "Why a bot decided (when is_bot is TRUE): bot_seat (a bot from the start), dropout (the participant stayed offline past the grace period), experimenter (replaced on the monitor), latecomer (the bot of a seat the experimenter filled, still playing while a latecomer who took the seat over read the intro)." },
  { name: "bot_strategy", type: "string", description: "The bot strategy that decided (when is_bot is TRUE)." },
  { name: "payoff", type: "number", unit: "points", description: "Points earned this round." },
];

/**
 * The seat as every file for experimenters and analysts writes it (CSV, data.json): starting at 1, the
 * number the participant's screen ("Seat 3"), the monitor and report.html show. The session state keeps
 * the 0-based index (lib/engine's `seat`); exports convert here.
 */
export const exportedSeat = (seat: number): number => seat + 1;

export const MECHANISM_COLUMNS: ColumnDoc[] = [
  { name: "mechanism", type: "string", description: "Mechanism id@version that computed the round (its full input and output are in rounds.json; mechlab replay recomputes them)." },
];

const FIXED = new Set([...BASE_COLUMNS, ...TAIL_COLUMNS, ...MECHANISM_COLUMNS].map((c) => c.name));

/** What one long row is made of (from the PlayerRound and RoundOutcome tables and the seat). */
export interface LongRowInput {
  session: string;
  treatment: string;
  game: string;
  groupId: string;
  round: number;
  participantId: string;
  label: string | null;
  external: { source: string; id: string } | null;
  /** The session state's 0-based seat index (the row writes it from 1: `exportedSeat`). */
  seat: number;
  role: string;
  decision: Record<string, Scalar>;
  outcome: Record<string, Scalar>;
  group: Record<string, Scalar> | null;
  decisionMs: number | null;
  timedOut: boolean;
  endedBy: string | null;
  isBot: boolean;
  botReason: string | null;
  botStrategy: string | null;
  payoff: number;
  mechanism: string | null;
}

/**
 * The long row of one stored PlayerRound `p` and its group's RoundOutcome `o` (if scored), for the
 * session export and the study export alike.
 */
export function storedLongRow(
  where: { session: string; treatment: string; game: string },
  p: PlayerRoundRow,
  o: RoundOutcomeRow | undefined,
  external: { source: string; id: string } | null,
): Record<string, Cell> {
  return longRow({
    ...where,
    groupId: p.groupId,
    round: p.round,
    participantId: p.participantId,
    label: p.label,
    external,
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
}

function flatten(prefix: string, obj: Record<string, Scalar>, into: Record<string, Cell>) {
  // a game key that looks like a platform column (decision_ms) never overwrites it
  for (const [k, v] of Object.entries(obj)) if (!FIXED.has(`${prefix}${k}`)) into[`${prefix}${k}`] = v;
}

export function longRow(i: LongRowInput): Record<string, Cell> {
  const row: Record<string, Cell> = {
    session: i.session,
    treatment: i.treatment,
    game: i.game,
    group: i.groupId,
    round: i.round,
    participant: i.participantId,
    label: i.label,
    external_id: i.external?.id ?? null,
    external_source: i.external?.source ?? null,
    seat: exportedSeat(i.seat),
    role: i.role,
    decision_ms: i.decisionMs,
    timed_out: i.timedOut,
    phase_ended_by: i.endedBy,
    is_bot: i.isBot,
    bot_reason: i.isBot ? i.botReason : null,
    bot_strategy: i.isBot ? i.botStrategy : null,
    payoff: i.payoff,
    mechanism: i.mechanism,
  };
  flatten("decision_", i.decision, row);
  flatten("outcome_", i.outcome, row);
  if (i.group) flatten("group_", i.group, row);
  return row;
}

/** A game's export refused: its rows hold columns its record schemas do not declare. */
export class UndocumentedColumnError extends Error {
  constructor(
    readonly gameId: string,
    readonly columns: string[],
  ) {
    const one = columns.length === 1;
    super(
      `The game ${gameId} emitted ${columns.join(", ")}, which its record schemas do not declare, so the export was refused. ` +
        `Add ${one ? "this field" : "these fields"} (with a description) to the game's records, or stop emitting ${one ? "it" : "them"}.`,
    );
  }
}

/** What the export needs of a game: its id and its codebook source (record schemas, or legacy columns). */
export interface ExportedGame {
  id: string;
  records?: RecordSchemas;
  codebook?: readonly ColumnDoc[];
}

/**
 * The columns in order: platform columns, the game's documented decision_/outcome_/group_ columns,
 * then any key a row holds that the game did not document. Every name appears once. A game that
 * declares record schemas gets its codebook from them, and a key outside them is refused
 * (UndocumentedColumnError): an undocumented column cannot be exported. Legacy games (hand-written
 * codebook) get such columns marked "not documented".
 */
export function longColumns(game: ExportedGame | undefined, seen: Iterable<string>): ColumnDoc[] {
  const documented = game ? codebookOf(game) : [];
  const keys = [...new Set(seen)];
  if (game?.records) {
    const names = new Set(documented.map((c) => c.name));
    const undocumented = keys.filter((k) => /^(decision|outcome|group)_/.test(k) && !FIXED.has(k) && !names.has(k)).sort();
    if (undocumented.length > 0) throw new UndocumentedColumnError(game.id, undocumented);
  }
  const used = new Set<string>();
  const byPrefix = (pre: string) => {
    const out: ColumnDoc[] = [];
    for (const c of documented)
      if (c.name.startsWith(pre) && !FIXED.has(c.name) && !used.has(c.name)) (used.add(c.name), out.push(c));
    for (const k of keys.filter((x) => x.startsWith(pre)).sort())
      if (!FIXED.has(k) && !used.has(k)) (used.add(k), out.push({ name: k, type: "number", description: "(not documented by the game module)" }));
    return out;
  };
  return [...BASE_COLUMNS, ...byPrefix("decision_"), ...TAIL_COLUMNS, ...byPrefix("outcome_"), ...byPrefix("group_"), ...MECHANISM_COLUMNS];
}
