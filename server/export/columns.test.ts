import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadTreatment } from "../../lib/engine";
import { games } from "../../lib/games/registry";
import { newSession, runBots } from "../../lib/testing/drive";
import { codebookOf } from "../../lib/core/records";
import { longColumns, longRow } from "./columns";
import { codebookCsv } from "./export";
import { wideTable } from "./wide";
import { PAYMENT_COLUMNS } from "./payments";
import { EVENT_COLUMNS } from "./events";
import { surveyColumns, surveyRow } from "./survey";
import { parseCsv } from "../testing/parse-csv";

const DIR = join(import.meta.dirname, "../../examples/treatments");
const files = readdirSync(DIR).filter((f) => f.endsWith(".json"));

/** Each example played by bots, its rows built as the export builds them. */
function exported(file: string) {
  const lt = loadTreatment(readFileSync(join(DIR, file), "utf8"), games);
  if (!lt.ok) throw new Error(lt.errors.join("; "));
  const v = lt.value;
  const seats = Array.from({ length: v.seats }, (_, i) => v.treatment.bots.seats[i] ?? v.game.defaultBot);
  const all = { ...v, treatment: { ...v.treatment, bots: { ...v.treatment.bots, seats } } };
  const end = runBots(newSession(all, "columns").state, all, 0);
  const rows = end.rounds.flatMap((r) =>
    r.players.map((p) =>
      longRow({
        session: "s", treatment: v.treatment.name, game: v.game.id, groupId: r.groupId, round: r.round, participantId: p.participantId,
        label: p.label, external: null, seat: p.seat, role: p.record.role, decision: p.record.decision, outcome: p.record.outcome,
        group: r.group, decisionMs: p.record.decisionMs, timedOut: p.record.timedOut, endedBy: p.how.endedBy, isBot: p.record.isBot,
        botReason: p.how.botReason, botStrategy: p.how.botStrategy, payoff: p.record.payoff, mechanism: `${r.mechanism.id}@${r.mechanism.version}`,
      }),
    ),
  );
  return { game: v.game, rows, state: end.state, survey: v.treatment.survey };
}

describe("every game's export lists every column once", () => {
  it.each(files)("%s", (file) => {
    const exported_ = exported(file);
    const { game, rows } = exported_;
    const columns = longColumns(game, rows.flatMap((r) => Object.keys(r)));
    const names = columns.map((c) => c.name);
    const dupes = names.filter((n, i) => names.indexOf(n) !== i);
    expect(dupes, `duplicate columns in ${file}`).toEqual([]);
    for (const r of rows) for (const k of Object.keys(r)) expect(names, `row key ${k}`).toContain(k);
    const wide = wideTable(columns, rows, [...new Set(rows.map((r) => String(r.participant)))].map((participant, seat) => ({ participant, seat, label: null, external: null, quizAttempts: 0, stage: "done", botSeat: true })), { session: "s", treatment: "t", game: game.id });
    // survey.csv: every column once, every answer in a column (bots answered any survey here)
    const survey = { columns: surveyColumns(exported_.survey), rows: exported_.state.participants.toArray().map((p) => surveyRow({ session: "s", treatment: "t" }, p, exported_.survey.length > 0)) };
    const surveyNames = survey.columns.map((c) => c.name);
    expect(new Set(surveyNames).size, `duplicate survey columns in ${file}`).toBe(surveyNames.length);
    for (const r of survey.rows) for (const k of Object.keys(r)) expect(surveyNames, `survey row key ${k}`).toContain(k);
    // the codebook documents each column of each file once
    const book = parseCsv(codebookCsv({ columns, survey, wide }));
    const codebook = book.map((r) => `${r.file}:${r.column}`);
    expect(new Set(codebook).size).toBe(codebook.length);
    expect(codebook.filter((c) => c.startsWith("data.csv:"))).toEqual(names.map((n) => `data.csv:${n}`));
    expect(codebook.filter((c) => c.startsWith("survey.csv:"))).toEqual(surveyNames.map((n) => `survey.csv:${n}`));
    expect(codebook.filter((c) => c.startsWith("payments.csv:"))).toEqual(PAYMENT_COLUMNS.map((c) => `payments.csv:${c.name}`));
    expect(codebook.filter((c) => c.startsWith("events.csv:"))).toEqual(EVENT_COLUMNS.map((c) => `events.csv:${c.name}`));
    // every data-wide.csv column is documented by its own name; a round column has its data.csv column's type and unit
    expect(codebook.filter((c) => c.startsWith("data-wide.csv:"))).toEqual(wide.columns.map((c) => `data-wide.csv:${c}`));
    const long = new Map(book.filter((r) => r.file === "data.csv").map((r) => [r.column, r]));
    for (const r of book.filter((x) => x.file === "data-wide.csv")) {
      const perRound = /^r\d+_(.+)$/.exec(r.column!);
      if (!perRound) continue;
      expect(names, `wide column ${r.column}`).toContain(perRound[1]);
      expect([r.type, r.unit], `type of ${r.column}`).toEqual([long.get(perRound[1]!)!.type, long.get(perRound[1]!)!.unit]);
    }
    expect(new Set(wide.columns).size, `duplicate wide columns in ${file}`).toBe(wide.columns.length);
    // bots decided every round in which the seat had a choice (a CIP seat offered no contract has none), and they say why
    expect(rows.filter((r) => r.is_bot === true).length).toBeGreaterThan(rows.length / 2);
    for (const r of rows)
      expect(r.is_bot === true ? r.bot_reason === "bot_seat" && typeof r.bot_strategy === "string" : r.bot_reason === null && r.timed_out === false, `${r.participant} round ${r.round}`).toBe(true);
  });

  it("payments.csv lists every column once", () => {
    const names = PAYMENT_COLUMNS.map((c) => c.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it("a game key that looks like a platform column does not duplicate it", () => {
    const game = { id: "legacy", codebook: [...codebookOf(games["ids-investment"]!), { name: "decision_ms", type: "number" as const, description: "x" }] };
    const names = longColumns(game, ["decision_ms", "decision_x", "outcome_ms"]).map((c) => c.name);
    expect(names.filter((n) => n === "decision_ms")).toHaveLength(1);
  });
});
