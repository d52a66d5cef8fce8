/**
 * The live charts of a loaded session, computed on the server from its completed rounds (state +
 * SessionHost.roundHistory) and kept until a round completes, so the monitor and projector pushes (at
 * most every 200 ms) cost a lookup, not an aggregation over every record. With many groups finishing
 * rounds one after another they are recomputed at most every CHART_REFRESH_MS (1,000 participants ×
 * 8 rounds, 8,000 records, on the shared 2-core development machine under load: gathering the rounds
 * 14–63 ms; the IDS series 90 ms cold and 7–22 ms warm, up to 356 ms while other test suites ran);
 * the push timer asks again while `liveChartsStale` (server/realtime/sockets.ts), so the last round
 * always shows.
 * The monitor's charts are English, the projector's in the treatment's language: a second language
 * is built from the same gathered rounds (both screens show the same rounds), only when asked for
 * (the classroom treatment's charts repeated to 1,000 participants, 2,000 group rounds: 6–10 ms warm
 * per language, English and German alike, at load average 7.6 on the 2-core machine).
 */
import { sessionCharts, type Chart, type ChartRound } from "../../lib/charts";
import { chartRoundsOf } from "../../lib/charts/from-session";
import { DEFAULT_LOCALE, type Locale } from "../../lib/i18n/locales";
import { sessionOver } from "../../lib/engine";
import { playOver } from "../../lib/engine/projector-view";
import type { SessionHost } from "../sessions/host";

export const CHART_REFRESH_MS = 1000;

const memo = new WeakMap<SessionHost, { key: number; rounds: ChartRound[]; charts: Map<Locale, Chart[]>; atMs: number }>();

const roundsDone = (host: SessionHost) => {
  let key = 0;
  for (const rounds of Object.values(host.roundHistory)) key += rounds.length;
  return key;
};

/** Key of charts whose rounds could not be gathered: never equal to a count, so they are stale until redone. */
const FAILED = -1;
const reported = new WeakSet<SessionHost>();
/** Never silently (charts without rounds would look like a session where nobody played), once per session. */
function reportOnce(host: SessionHost, what: string, e: unknown): void {
  if (reported.has(host)) return;
  reported.add(host);
  console.error(`mechlab: session ${host.state.id}: the live charts ${what}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
}

/**
 * The session's charts, with their words in `locale` (default English: the monitor). Once no round can
 * complete any more, charts behind the completed rounds are recomputed at once (no deferral): whatever
 * message is built after the end, by a push or by a screen that just connected, shows every round.
 */
export function liveCharts(host: SessionHost, nowMs = Date.now(), locale: Locale = DEFAULT_LOCALE): Chart[] {
  const key = roundsDone(host);
  let hit = memo.get(host);
  if (!hit || (hit.key !== key && (nowMs - hit.atMs >= CHART_REFRESH_MS || sessionOver(host.state) || playOver(host.state)))) {
    let rounds: ChartRound[];
    let gathered = key;
    try {
      rounds = chartRoundsOf(host.state, host.roundHistory);
    } catch (e) {
      reportOnce(host, "could not gather the rounds", e);
      rounds = [];
      gathered = FAILED;
    }
    hit = { key: gathered, rounds, charts: new Map(), atMs: nowMs };
    memo.set(host, hit);
  }
  const known = hit.charts.get(locale);
  if (known) return known;
  let charts: Chart[];
  try {
    charts = sessionCharts(host.lt.game.id, { params: host.lt.params, rounds: hit.rounds, locale });
  } catch (e) {
    reportOnce(host, "failed", e);
    charts = []; // a chart must never take the monitor down; the tables still show every number
  }
  hit.charts.set(locale, charts);
  return charts;
}

/** Whether the charts last sent are behind the completed rounds (a recomputation was deferred). */
export function liveChartsStale(host: SessionHost): boolean {
  const hit = memo.get(host);
  return hit !== undefined && hit.key !== roundsDone(host);
}
