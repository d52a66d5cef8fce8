/**
 * study-report.html: several sessions in one self-contained file. An overview row per session, then per
 * treatment (same game and parameters) the game's charts of play against theory pooled over all its
 * sessions' groups — the same series builders as the live monitor and the session report. Memory grows
 * with the sessions' rounds (unlike the streamed study CSV), hence the cap on the number of sessions.
 * One language for the whole file: the first chosen session's treatment's (its words, the charts' words
 * and the numbers; catalogue sections `report` and `charts`). Sessions of one treatment group may come
 * from treatments in different languages, so a per-treatment language could not be told apart anyway.
 */
import { sessionCharts, type ChartRound } from "../../lib/charts";
import type { SessionStore } from "../sessions/store";
import { reportData, reportStamp, type ReportData } from "./report-data";
import { translatorFor } from "../../lib/i18n/translate";
import { esc } from "./html-escape";
import { chartSection, htmlDocument, num, table } from "./report-html";

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

/** The people's mean points per round played for their seats (payments.csv: Σ points ÷ Σ rounds); null when none was played. */
const peopleMeanPoints = (d: ReportData) => (d.seats === null || d.seats.peopleRounds === 0 ? null : d.seats.peoplePoints / d.seats.peopleRounds);

/**
 * The study report of `ids` (unknown ids are skipped, a repeated one counts once), or null when none of
 * them exists. Stamped with the latest of its sessions' ends (or creations, for sessions not ended), never
 * the time of the download, so the same data always give the same file.
 */
export async function studyReportHtml(store: SessionStore, ids: readonly string[]): Promise<string | null> {
  const sessions: ReportData[] = [];
  for (const id of new Set(ids)) {
    const d = await reportData(store, id);
    if (d) sessions.push(d);
  }
  if (sessions.length === 0) return null;
  const locale = sessions[0]!.locale;
  const t = translatorFor(locale);
  const stamps = sessions.map((d) => reportStamp(d.session));
  const stamp = { date: new Date(Math.max(...stamps.map((x) => x.date.getTime()))), ended: stamps.every((x) => x.ended) };
  const overview = table(
    t("report.study.sessions"),
    [
      t("report.study.columns.treatment"),
      t("report.study.columns.code"),
      t("report.study.columns.session"),
      t("report.study.columns.game"),
      t("report.study.columns.status"),
      t("report.study.columns.rounds"),
      t("report.study.columns.people"),
      t("report.study.columns.botSeats"),
      t("report.study.columns.meanPoints"),
    ],
    sessions.map((d) => [
      esc(d.session.name),
      esc(d.session.code),
      esc(d.session.id),
      esc(d.game.id),
      esc(t("report.status", { status: d.session.status })),
      esc(t("report.study.roundsValue", { played: d.rounds.length, total: d.treatment.rounds ?? "?" })),
      d.seats === null ? "–" : String(d.seats.people),
      d.seats === null ? "–" : String(d.seats.botSeats),
      num(peopleMeanPoints(d), 2, locale),
    ]),
    "study-sessions",
  );
  const parts: string[] = [];
  for (const [k, g] of groupByTreatment(sessions).entries()) {
    const rounds: ChartRound[] = g.sessions.flatMap((d) => d.chartRounds.map((r) => ({ ...r, groupId: `${d.session.id}/${r.groupId}` })));
    const charts = sessionCharts(g.gameId, { params: g.params, rounds, locale });
    const groupsPlayed = new Set(rounds.map((r) => r.groupId)).size;
    const sections: string[] = [];
    for (const c of charts) sections.push(await chartSection(c, locale));
    const pooled = t("report.study.pooled", { sessions: g.sessions.length, codes: g.sessions.map((d) => d.session.code).join(", "), groups: groupsPlayed });
    parts.push(
      `<section data-testid="study-treatment-${k}" aria-labelledby="t-${k}"><h2 id="t-${k}">${esc(g.name)} <span class="muted">(${esc(g.gameId)})</span></h2>` +
        `<p class="muted">${esc(pooled)}</p>` +
        (sections.length ? sections.join("\n") : `<p class="muted">${esc(t("report.study.noCharts"))}</p>`) +
        `</section>`,
    );
  }
  const title = t("report.study.title", { count: sessions.length });
  return htmlDocument(
    title,
    `<header><h1 data-testid="report-title">${esc(title)}</h1>
<p class="muted" data-testid="report-stamp">${esc(t("report.study.madeOn", { date: stamp.date.toISOString(), stamp: stamp.ended ? "ended" : "created" }))}</p></header>
<section aria-labelledby="s-overview"><h2 id="s-overview">${esc(t("report.study.sessions"))}</h2>${overview}</section>
${parts.join("\n")}`,
    locale,
  );
}
