/**
 * study-report.html: several sessions in one self-contained file. An overview row per session, then per
 * treatment (same game and parameters) the game's charts of play against theory pooled over all its
 * sessions' groups — the same series builders as the live monitor and the session report. Memory grows
 * with the sessions' rounds (unlike the streamed study CSV), hence the cap on the number of sessions.
 */
import { sessionCharts, type ChartRound } from "../../lib/charts";
import type { SessionStore } from "../sessions/store";
import { reportData, type ReportData } from "./report-data";
import { chartSection, esc, htmlDocument, num, table } from "./report-html";

/** At most this many sessions in one study report. */
export const STUDY_REPORT_MAX_SESSIONS = 200;

interface TreatmentGroup {
  name: string;
  gameId: string;
  params: unknown;
  sessions: ReportData[];
}

function groupByTreatment(sessions: readonly ReportData[]): TreatmentGroup[] {
  const groups = new Map<string, TreatmentGroup>();
  for (const d of sessions) {
    if (d.params === null) continue;
    const key = `${d.game.id}\u0000${JSON.stringify(d.params)}`;
    const g = groups.get(key) ?? { name: d.session.name, gameId: d.game.id, params: d.params, sessions: [] };
    g.sessions.push(d);
    groups.set(key, g);
  }
  return [...groups.values()];
}

const decisions = (d: ReportData) => d.rounds.reduce((s, r) => s + r.decisions, 0);
const meanPoints = (d: ReportData) => {
  const n = decisions(d);
  return n === 0 ? null : d.rounds.reduce((s, r) => s + r.meanPoints * r.decisions, 0) / n;
};

/** The study report of `ids` (unknown ids are skipped, a repeated one counts once), or null when none of them exists. */
export async function studyReportHtml(store: SessionStore, ids: readonly string[], generatedAt: Date = new Date()): Promise<string | null> {
  const sessions: ReportData[] = [];
  for (const id of new Set(ids)) {
    const d = await reportData(store, id);
    if (d) sessions.push(d);
  }
  if (sessions.length === 0) return null;
  const overview = table(
    "Sessions",
    ["treatment", "room code", "session", "game", "status", "rounds played", "participants", "mean points"],
    sessions.map((d) => [esc(d.session.name), esc(d.session.code), esc(d.session.id), esc(d.game.id), esc(d.session.status), `${d.rounds.length} of ${d.treatment.rounds ?? "?"}`, String(d.participants.length), num(meanPoints(d))]),
    "study-sessions",
  );
  const parts: string[] = [];
  for (const [k, g] of groupByTreatment(sessions).entries()) {
    const rounds: ChartRound[] = g.sessions.flatMap((d) => d.chartRounds.map((r) => ({ ...r, groupId: `${d.session.id}/${r.groupId}` })));
    const charts = sessionCharts(g.gameId, { params: g.params, rounds });
    const groupsPlayed = new Set(rounds.map((r) => r.groupId)).size;
    const sections: string[] = [];
    for (const c of charts) sections.push(await chartSection(c));
    parts.push(
      `<section data-testid="study-treatment-${k}" aria-labelledby="t-${k}"><h2 id="t-${k}">${esc(g.name)} <span class="muted">(${esc(g.gameId)})</span></h2>` +
        `<p class="muted">Pooled over ${g.sessions.length} session${g.sessions.length === 1 ? "" : "s"} (${g.sessions.map((d) => esc(d.session.code)).join(", ")}) and ${groupsPlayed} group${groupsPlayed === 1 ? "" : "s"}: each point aggregates every group's round.</p>` +
        (sections.length ? sections.join("\n") : `<p class="muted">No charts: no round was completed.</p>`) +
        `</section>`,
    );
  }
  return htmlDocument(
    `Study report: ${sessions.length} session${sessions.length === 1 ? "" : "s"}`,
    `<header><h1 data-testid="report-title">Study report: ${sessions.length} session${sessions.length === 1 ? "" : "s"}</h1>
<p class="muted">Made by mechlab on ${esc(generatedAt.toISOString())}. Self-contained: it opens offline and runs no scripts. Sessions with the same game and parameters are pooled; each session's own report.html has its per-round and per-participant tables.</p></header>
<section aria-labelledby="s-overview"><h2 id="s-overview">Sessions</h2>${overview}</section>
${parts.join("\n")}`,
  );
}
