/**
 * Final guard between a game's score and what is stored, shown and exported: a non-finite number
 * (Infinity or NaN from an overflow the treatment validation did not foresee) never reaches a
 * participant, their points or the data. Such values become null (payoff 0) and the round gets an
 * event-log note naming each field, so nothing is lost silently.
 */
import type { PlayerId, RoundScore, Scalar } from "../core/game";
import { firstNonFinite } from "../core/finite";

/** A record as stored: every field a Scalar (a field the game left undefined is left out, as JSON leaves it out). */
export type StoredRecord = Record<string, Scalar>;
/** A round's score as the engine keeps and stores it. */
export interface StoredScore {
  players: Record<PlayerId, { decision: StoredRecord; outcome: StoredRecord; payoff: number }>;
  mechanism: RoundScore["mechanism"];
  group: StoredRecord;
}

function cleanScalars(where: string, record: RoundScore["group"], problems: string[]): StoredRecord {
  let out: StoredRecord | null = null;
  for (const [k, v] of Object.entries(record)) {
    if (v === undefined) {
      out ??= { ...record } as StoredRecord;
      delete out[k];
    } else if (typeof v === "number" && !Number.isFinite(v)) {
      out ??= { ...record } as StoredRecord;
      out[k] = null;
      problems.push(`${where}.${k}`);
    }
  }
  // no field undefined: the game's record is already a StoredRecord
  return out ?? (record as StoredRecord);
}

/** The score with every non-finite number replaced (null; payoff 0) and the list of replaced fields. */
export function finiteScore(score: RoundScore): { score: StoredScore; problems: string[] } {
  const problems: string[] = [];
  const players: StoredScore["players"] = {};
  for (const [pid, ps] of Object.entries(score.players)) {
    const payoffOk = Number.isFinite(ps.payoff);
    if (!payoffOk) problems.push(`${pid}.payoff`);
    players[pid] = {
      decision: cleanScalars(`${pid}.decision`, ps.decision, problems),
      outcome: cleanScalars(`${pid}.outcome`, ps.outcome, problems),
      payoff: payoffOk ? ps.payoff : 0,
    };
  }
  const group = cleanScalars("group", score.group, problems);
  let mechanism = score.mechanism;
  const bad = firstNonFinite({ input: mechanism.input, output: mechanism.output });
  if (bad) {
    problems.push(`mechanism.${bad}`);
    // JSON turns every non-finite number into null (the stored form), and only those.
    mechanism = JSON.parse(JSON.stringify(mechanism)) as RoundScore["mechanism"];
  }
  return { score: { players, mechanism, group }, problems };
}
