/**
 * The launch check: what theory predicts for exactly this treatment, before anyone joins. Each game's
 * theory module (lib/study/theory/) computes its sections from the mechanism cores on the treatment's
 * true parameters (IDS: Nash and social optimum per user and in total, Pivotal taxes, budget and who
 * would rather stay out, Externality equilibrium messages and taxes; SSG: NSE, CSW-Max, CSW-Max-NSE and
 * dictatorship coverage, welfare and attacked target, with a warning when two give the same outcome;
 * CIP: the menu, each type's utility, where ULIC binds, who Algorithm 1 excludes, the equal split).
 * A game without a theory module gets its live monitor's benchmarks for round 1 (all seats bots in a
 * throw-away session; columns only known once people play are left out). Every treatment ends with the
 * exit survey, language and payment facts to confirm before opening (./survey-check.ts) with who the
 * leaderboard ranks, and with a warning when the projector's leaderboard would rank private types (./leaderboard-check.ts).
 */
import { unknownFieldWarnings } from "./unknown-fields";
import { completionUrlWarning } from "./completion-url-check";
import type { MonitorView, Scalar } from "../core/game";
import { viewContext } from "../engine/context";
import { createSessionState } from "../engine/create";
import type { LoadedTreatment } from "../engine/treatment";
import { leaderboardMetric, leaderboardWarning } from "./leaderboard-check";
import { showUpFeeWarning } from "./money-check";
import { surveyPaymentSection } from "./survey-check";
import { theories, type LaunchSection } from "./theory";
import { readable } from "./theory/section";

export type { LaunchSection } from "./theory";

export interface LaunchCheck {
  game: string;
  seats: number;
  groups: number;
  groupSize: number;
  rounds: number;
  /** What theory predicts, one section per topic (parameters that vary by round are those of round 1). */
  sections: LaunchSection[];
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

/** Round 1 of one group with every seat a bot, read through the game's own monitor. */
function monitorSection(lt: LoadedTreatment): LaunchSection | null {
  const seats = Array.from({ length: lt.groupSize }, (_, i) => lt.treatment.bots.seats[i] ?? lt.game.defaultBot);
  const one: LoadedTreatment = { ...lt, seats: lt.groupSize, treatment: { ...lt.treatment, groups: 1, matching: "fixed", bots: { ...lt.treatment.bots, seats } } };
  const ids = Array.from({ length: lt.groupSize }, (_, i) => `seat${i + 1}`);
  const { state } = createSessionState(one, { id: "launch-check", seed: "launch-check", nowMs: 0, participantIds: ids, completionCodes: ids });
  const g = state.groups.toArray()[0];
  if (!g) return null;
  const m = onlyKnown(lt.game.monitor(g.game, viewContext(state, g, one, 0)));
  return { id: "monitor", title: "Benchmarks of the live monitor (round 1)", metrics: m.metrics, tables: m.tables };
}

/** `raw`: the treatment as written (object or JSON text), to warn about fields nothing reads. */
export function launchCheck(lt: LoadedTreatment, raw?: unknown): LaunchCheck {
  const warnings: string[] = raw === undefined ? [] : unknownFieldWarnings(raw, lt);
  let sections: LaunchSection[] = [];
  const theory = theories[lt.game.id];
  if (theory) {
    try {
      const t = theory(lt.params);
      sections = [...t.sections];
      warnings.push(...t.warnings);
    } catch (e) {
      warnings.push(`The theory of this game could not be computed for this treatment: ${(e as Error).message}`);
    }
  }
  if (sections.length === 0) {
    const s = monitorSection(lt);
    if (s) sections.push(s);
    else warnings.push("Could not set up a round for this treatment.");
  }
  const people = surveyPaymentSection(lt.treatment);
  sections.push({ ...people, metrics: [...people.metrics, leaderboardMetric(lt)] });
  if (lt.treatment.bots.seats.length >= lt.seats) warnings.push("Every seat is a bot: no person can join this session.");
  const leaderboard = leaderboardWarning(lt);
  if (leaderboard) warnings.push(leaderboard);
  const completion = completionUrlWarning(lt.treatment.completionUrl ?? lt.treatment.redirectUrl);
  if (completion) warnings.push(completion);
  const fee = showUpFeeWarning(lt);
  if (fee) warnings.push(fee);
  return { game: lt.game.id, seats: lt.seats, groups: lt.treatment.groups, groupSize: lt.groupSize, rounds: lt.rounds, sections, warnings };
}

/** A number shows at most 4 decimals but at least 4 significant digits (`--json` keeps what the section holds). */
const cell = (v: Scalar) => (v === null ? "–" : typeof v === "number" ? readable(v) : String(v));

function tableText(t: MonitorView["tables"][number]): string[] {
  const cells = [t.columns, ...t.rows.map((r) => t.columns.map((_, i) => cell(r[i] ?? null)))];
  const widths = t.columns.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  return [`  ${t.title}`, ...cells.map((r) => `    ${r.map((v, i) => v.padEnd(widths[i]!)).join("  ")}`.trimEnd())];
}

/** The launch check as text for a terminal (`mechlab check`). */
export function launchCheckText(c: LaunchCheck): string {
  const lines = [`${c.game}: ${c.seats} seats (${c.groups} group(s) of ${c.groupSize}), ${c.rounds} round(s)`];
  if (c.warnings.length) lines.push("", "Warnings:", ...c.warnings.map((w) => `  ! ${w}`));
  for (const s of c.sections) {
    lines.push("", `== ${s.title} ==`);
    if (s.note) lines.push(`  ${s.note}`);
    for (const m of s.metrics) lines.push(`  ${m.label}: ${cell(m.value)}${m.hint ? `  (${m.hint})` : ""}`);
    for (const t of s.tables) lines.push("", ...tableText(t));
  }
  return lines.join("\n") + "\n";
}
