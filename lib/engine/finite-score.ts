/**
 * Final guard between a game's score and what is stored, shown and exported: a non-finite number
 * (Infinity or NaN from an overflow the treatment validation did not foresee) never reaches a
 * participant, their points or the data. Such values become null (payoff 0) and the round gets an
 * event-log note naming each field, so nothing is lost silently.
 */
import type { RoundScore } from "../core/game";
import { firstNonFinite } from "../core/finite";

type Scalars = RoundScore["group"];

function cleanScalars(where: string, record: Scalars, problems: string[]): Scalars {
  let out: Scalars | null = null;
  for (const [k, v] of Object.entries(record)) {
    if (typeof v === "number" && !Number.isFinite(v)) {
      out ??= { ...record };
      out[k] = null;
      problems.push(`${where}.${k}`);
    }
  }
  return out ?? record;
}

/** The score with every non-finite number replaced (null; payoff 0) and the list of replaced fields. */
export function finiteScore(score: RoundScore): { score: RoundScore; problems: string[] } {
  const problems: string[] = [];
  const players: RoundScore["players"] = {};
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
  if (problems.length === 0) return { score, problems };
  return { score: { players, mechanism, group }, problems };
}
