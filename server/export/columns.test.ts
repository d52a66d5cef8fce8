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
  return { game: v.game, rows };
}

describe("every game's export lists every column once", () => {
  it.each(files)("%s", (file) => {
    const { game, rows } = exported(file);
    const columns = longColumns(game, rows.flatMap((r) => Object.keys(r)));
    const names = columns.map((c) => c.name);
    const dupes = names.filter((n, i) => names.indexOf(n) !== i);
    expect(dupes, `duplicate columns in ${file}`).toEqual([]);
    for (const r of rows) for (const k of Object.keys(r)) expect(names, `row key ${k}`).toContain(k);
    const codebook = codebookCsv({ columns, survey: { columns: [], rows: [] } }).split("\r\n").slice(1, -1).map((l) => l.split(",")[0]);
    expect(new Set(codebook).size).toBe(codebook.length);
    const wide = wideTable(columns, rows, [...new Set(rows.map((r) => String(r.participant)))].map((participant, seat) => ({ participant, seat, label: null, external: null, quizAttempts: 0, stage: "done", botSeat: true })), { session: "s", treatment: "t", game: game.id });
    expect(new Set(wide.columns).size, `duplicate wide columns in ${file}`).toBe(wide.columns.length);
    // bots decided every round here, and they say why
    expect(rows.every((r) => r.is_bot === true && r.bot_reason === "bot_seat" && typeof r.bot_strategy === "string")).toBe(true);
  });

  it("a game key that looks like a platform column does not duplicate it", () => {
    const game = { id: "legacy", codebook: [...codebookOf(games["ids-investment"]!), { name: "decision_ms", type: "number" as const, description: "x" }] };
    const names = longColumns(game, ["decision_ms", "decision_x", "outcome_ms"]).map((c) => c.name);
    expect(names.filter((n) => n === "decision_ms")).toHaveLength(1);
  });
});
