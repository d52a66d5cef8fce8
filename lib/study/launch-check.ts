/**
 * The launch check: what theory predicts for exactly this treatment, before anyone joins. Every seat is
 * made a bot in a throw-away session, round 1 of the first group is set up by the game module, and the
 * game's own monitor is read: the same benchmarks the experimenter will see live (IDS: Nash and social
 * optimum, Pivotal taxes and budget, Externality equilibrium taxes; SSG: NSE and CSW-Max coverage and
 * welfare, attacked target; CIP: the menu, each type's utility, Algorithm 1's exclusions, the equal
 * split). Columns and metrics that are only known once people play are left out.
 */
import type { MonitorView, Scalar } from "../core/game";
import { viewContext } from "../engine/context";
import { createSessionState } from "../engine/create";
import type { LoadedTreatment } from "../engine/treatment";

export interface LaunchCheck {
  game: string;
  seats: number;
  groups: number;
  groupSize: number;
  rounds: number;
  /** Benchmarks of round 1 (parameters that vary by round are those of round 1). */
  predictions: MonitorView;
  /** Warnings an experimenter should read before opening the session. */
  warnings: string[];
}

const known = (v: Scalar) => v !== null && v !== "";

function onlyKnown(m: MonitorView): MonitorView {
  return {
    metrics: m.metrics.filter((x) => known(x.value)),
    tables: m.tables
      .map((t) => {
        const keep = t.columns.map((_, i) => t.rows.some((r) => known(r[i] ?? null)));
        return { title: t.title, columns: t.columns.filter((_, i) => keep[i]), rows: t.rows.map((r) => r.filter((_, i) => keep[i])) };
      })
      .filter((t) => t.columns.length > 1 && t.rows.length > 0),
  };
}

/** Two "Welfare …" metrics with the same value: the instance cannot tell those mechanisms apart. */
function sameOutcomeWarnings(m: MonitorView): string[] {
  const welfare = m.metrics.filter((x) => /welfare|cost/i.test(x.label) && typeof x.value === "number");
  const out: string[] = [];
  for (let i = 0; i < welfare.length; i++)
    for (let j = i + 1; j < welfare.length; j++) {
      const a = welfare[i]!;
      const b = welfare[j]!;
      if (Math.abs((a.value as number) - (b.value as number)) <= 1e-6 * Math.max(1, Math.abs(a.value as number)))
        out.push(`"${a.label}" and "${b.label}" are equal (${a.value}): this instance cannot tell these apart.`);
    }
  return out;
}

export function launchCheck(lt: LoadedTreatment): LaunchCheck {
  const seats = Array.from({ length: lt.seats }, (_, i) => lt.treatment.bots.seats[i] ?? lt.game.defaultBot);
  const all: LoadedTreatment = { ...lt, treatment: { ...lt.treatment, matching: "fixed", bots: { ...lt.treatment.bots, seats } } };
  const ids = Array.from({ length: lt.groupSize }, (_, i) => `seat${i + 1}`);
  const one: LoadedTreatment = { ...all, seats: lt.groupSize, treatment: { ...all.treatment, groups: 1, bots: { ...all.treatment.bots, seats: seats.slice(0, lt.groupSize) } } };
  const { state } = createSessionState(one, { id: "launch-check", seed: "launch-check", nowMs: 0, participantIds: ids, completionCodes: ids });
  const g = Object.values(state.groups)[0];
  const warnings: string[] = [];
  let predictions: MonitorView = { metrics: [], tables: [] };
  if (g) {
    predictions = onlyKnown(lt.game.monitor(g.game, viewContext(state, g, one, 0)));
    warnings.push(...sameOutcomeWarnings(predictions));
  } else warnings.push("Could not set up a round for this treatment.");
  if (lt.treatment.bots.seats.length === lt.seats) warnings.push("Every seat is a bot: no person can join this session.");
  return { game: lt.game.id, seats: lt.seats, groups: lt.treatment.groups, groupSize: lt.groupSize, rounds: lt.rounds, predictions, warnings };
}

/** The launch check as text for a terminal (`mechlab check`). */
export function launchCheckText(c: LaunchCheck): string {
  const lines = [`${c.game}: ${c.seats} seats (${c.groups} group(s) of ${c.groupSize}), ${c.rounds} round(s)`, "", "What theory predicts (round 1):"];
  for (const m of c.predictions.metrics) lines.push(`  ${m.label}: ${m.value}${m.hint ? `  (${m.hint})` : ""}`);
  for (const t of c.predictions.tables) {
    lines.push("", `  ${t.title}`);
    const cells = [t.columns, ...t.rows.map((r) => r.map((v) => (v === null ? "–" : String(v))))];
    const widths = t.columns.map((_, i) => Math.max(...cells.map((r) => String(r[i] ?? "").length)));
    for (const r of cells) lines.push(`    ${r.map((v, i) => String(v ?? "").padEnd(widths[i]!)).join("  ")}`.trimEnd());
  }
  if (c.warnings.length) lines.push("", "Warnings:", ...c.warnings.map((w) => `  ! ${w}`));
  return lines.join("\n") + "\n";
}
