/**
 * data-wide.csv: one row per participant (like oTree's wide export). Participant columns first, then
 * every per-round column of the long table prefixed with the round: r1_payoff, r1_decision_x, r2_…
 */
import type { ColumnDoc } from "../../lib/core/game";
import type { Cell } from "./csv";
import { leftBeforePlayOf, type PaymentRow } from "../../lib/study/payments";
import type { ParticipantState } from "../../lib/engine/state";
import { exportedSeat } from "./columns";

/** Long-table columns that describe the participant, not the round (they appear once, unprefixed). */
export const PARTICIPANT_KEYS = ["session", "treatment", "game", "participant", "label", "external_id", "external_source", "seat"] as const;

export const WIDE_PARTICIPANT_COLUMNS: ColumnDoc[] = [
  {
    name: "seat_holder",
    type: "number",
    description:
      "Which person of the seat this row is (empty for a seat nobody holds): 1 for the first person who held it, 2 when the seat was freed once and taken again (a seat taken by room code or panel id that nobody opened, whose person left before playing, declined the consent or failed the quiz, or that the experimenter freed, also by Replace by bot while its person was still in the intro: the seat is then a bot seat), and so on. The participant id is the seat's; events.csv's seat_holder tells its rows of earlier people apart.",
  },
  { name: "quiz_attempts", type: "number", description: "How many times the participant submitted the comprehension quiz (1 = right at the first try; 0 = no quiz or not reached), including attempts on an earlier seat of this session that was freed (a Prolific or MTurk id or a label that came back keeps its count; events.csv has those attempts under the earlier seat's participant id)." },
  { name: "stage", type: "string", description: "Where the participant was when the file was written: new (never joined), intro, waiting, playing, survey (answering the exit survey), done." },
  { name: "bot_seat", type: "boolean", description: "TRUE for a seat played by a bot from the start: a bot seat of the treatment, or one the experimenter filled with a bot (Fill empty seats with bots, or Replace by bot on a seat whose person had not finished the intro, which frees the seat from that person first)." },
  {
    name: "left_before_play",
    type: "string",
    description:
      "Why the person had no game, if so: declined (\"I do not agree\" on the consent page), quiz_failed (every attempt intro.quizMaxAttempts allows was wrong), waited_out (no group within waitingRoom.maxMinutes); empty otherwise. A seat taken by room code or panel id whose person declined or failed the quiz is freed for someone else when they close the page: the event log (events.csv) keeps that they were there. " +
      "A seat whose person waited out goes to the next person at once: its row is then the next person's (seat_holder one higher); payments.csv keeps the waited-out person's row (their show-up fee and completion code) and events.csv their claim, intro steps and the freeSeat. " +
      "A latecomer who took over a seat filled with bots (join.takeOverBots) and gave it back before playing — declined, failed the quiz or was still in the intro when the seat's game or the session ended (their page says they took no part), or went away in the intro — has no row: the seat's row is its bot's (bot_seat TRUE, left_before_play empty) and its seat_holder counts them; events.csv has their claim and intro steps under the seat's participant id and seat_holder.",
  },
  { name: "total_points", type: "number", unit: "points", description: "Sum of payoff over all rounds." },
];

/**
 * data-wide.csv's columns as the codebook documents them: the participant columns, then each round column
 * of `wideColumns` (the file's header) by its own name, r1_payoff, r2_decision_x, …, with the type and unit
 * of its long column (`longFile` names the long file in the description).
 */
export function wideCodebook(long: readonly ColumnDoc[], wideColumns: readonly string[], longFile = "data.csv"): ColumnDoc[] {
  const byName = new Map(long.map((c) => [c.name, c]));
  const out = [...PARTICIPANT_KEYS.flatMap((k) => (byName.has(k) ? [byName.get(k)!] : [])), ...WIDE_PARTICIPANT_COLUMNS];
  for (const name of wideColumns) {
    const m = /^r(\d+)_(.+)$/.exec(name);
    const c = m ? byName.get(m[2]!) : undefined;
    if (m && c) out.push(roundColumn(c, Number(m[1]), longFile));
  }
  return out;
}

/** The wide file's column of long column `c` in round `round`: the same type and unit. */
export function roundColumn(c: ColumnDoc, round: number, longFile = "data.csv"): ColumnDoc {
  return {
    name: `r${round}_${c.name}`,
    type: c.type,
    ...(c.unit !== undefined ? { unit: c.unit } : {}),
    description: `${c.name} in round ${round} (the ${longFile} column ${c.name} of that round): ${c.description}`,
  };
}

export interface WideSeat {
  participant: string;
  /** The session state's 0-based seat index (the row writes it from 1: `exportedSeat`). */
  seat: number;
  label: string | null;
  external: { source: string; id: string } | null;
  quizAttempts: number;
  stage: string;
  botSeat: boolean;
  /** How often the seat was freed before its current person (absent: never). */
  timesFreed?: number;
  /** Someone holds the seat (a person took it or a bot plays it); false or absent for a seat still free. */
  taken?: boolean;
  /** See the column left_before_play (absent or null: none; lib/study/payments.ts `leftBeforePlayOf`). */
  leftBeforePlay?: PaymentRow["leftBeforePlay"];
}

/** A seat as data-wide.csv reads it, from the session's state or its stored seat rows (the study export). */
export function wideSeatOf(
  p: Pick<ParticipantState, "id" | "seat" | "label" | "quizAttempts" | "stage" | "bot" | "claimed" | "leftBeforePlay" | "waitedOut" | "timesFreed"> & {
    external?: { source: string; id: string } | null;
  },
): WideSeat {
  return {
    participant: p.id,
    seat: p.seat,
    label: p.label,
    external: p.external ? { source: p.external.source, id: p.external.id } : null,
    quizAttempts: p.quizAttempts,
    stage: p.stage,
    botSeat: p.bot,
    leftBeforePlay: leftBeforePlayOf(p),
    ...(p.timesFreed ? { timesFreed: p.timesFreed } : {}),
    taken: p.claimed || p.bot,
  };
}

export interface WideTable {
  columns: string[];
  rows: Record<string, Cell>[];
}

/**
 * Pivot the long rows: one row per seat (in seat order, also seats without rounds), round columns
 * `r<round>_<column>` for every long column that is not a participant column.
 */
export function wideTable(
  longColumns: readonly ColumnDoc[],
  longRows: readonly Record<string, Cell>[],
  seats: readonly WideSeat[],
  base: { session: string; treatment: string; game: string },
): WideTable {
  const perRound = longColumns.map((c) => c.name).filter((n) => !(PARTICIPANT_KEYS as readonly string[]).includes(n) && n !== "round");
  const rounds = [...new Set(longRows.map((r) => Number(r.round)))].filter(Number.isFinite).sort((a, b) => a - b);
  const byParticipant = new Map<string, Record<string, Cell>[]>();
  for (const r of longRows) {
    const k = String(r.participant);
    const list = byParticipant.get(k) ?? [];
    list.push(r);
    byParticipant.set(k, list);
  }
  const columns = [...PARTICIPANT_KEYS, ...WIDE_PARTICIPANT_COLUMNS.map((c) => c.name), ...rounds.flatMap((n) => perRound.map((c) => `r${n}_${c}`))];
  const rows = seats.map((s) => {
    const mine = byParticipant.get(s.participant) ?? [];
    const row: Record<string, Cell> = {
      ...base,
      participant: s.participant,
      label: s.label,
      external_id: s.external?.id ?? null,
      external_source: s.external?.source ?? null,
      seat: exportedSeat(s.seat),
      seat_holder: s.stage === "new" && !s.taken ? null : (s.timesFreed ?? 0) + 1,
      quiz_attempts: s.quizAttempts,
      stage: s.stage,
      bot_seat: s.botSeat,
      left_before_play: s.leftBeforePlay ?? null,
      total_points: mine.reduce((a, r) => a + (typeof r.payoff === "number" ? r.payoff : 0), 0),
    };
    for (const r of mine) for (const c of perRound) row[`r${r.round}_${c}`] = r[c];
    return row;
  });
  return { columns, rows };
}
