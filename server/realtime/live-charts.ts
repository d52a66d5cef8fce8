/**
 * The live charts of a loaded session, computed on the server from its completed rounds (state +
 * SessionHost.roundHistory) and kept until a round completes, so the monitor and projector pushes (at
 * most every 200 ms) cost a lookup, not an aggregation over every record. With many groups finishing
 * rounds one after another they are recomputed at most every CHART_REFRESH_MS (1,000 participants ×
 * 8 rounds, 8,000 records, on the shared 2-core development machine under load: gathering the rounds
 * 14–63 ms; the IDS series 90 ms cold and 7–22 ms warm, up to 356 ms while other test suites ran);
 * the push timer asks again while `liveChartsStale` (server/realtime/sockets.ts), so the last round
 * always shows.
 */
import { sessionCharts, type Chart } from "../../lib/charts";
import { chartRoundsOf } from "../../lib/charts/from-session";
import type { SessionHost } from "../sessions/host";

export const CHART_REFRESH_MS = 1000;

const memo = new WeakMap<SessionHost, { key: number; charts: Chart[]; atMs: number }>();

const roundsDone = (host: SessionHost) => {
  let key = 0;
  for (const rounds of Object.values(host.roundHistory)) key += rounds.length;
  return key;
};

export function liveCharts(host: SessionHost, nowMs = Date.now()): Chart[] {
  const key = roundsDone(host);
  const hit = memo.get(host);
  if (hit && (hit.key === key || nowMs - hit.atMs < CHART_REFRESH_MS)) return hit.charts;
  let charts: Chart[];
  try {
    charts = sessionCharts(host.lt.game.id, { params: host.lt.params, rounds: chartRoundsOf(host.state, host.roundHistory) });
  } catch {
    charts = []; // a chart must never take the monitor down; the tables still show every number
  }
  memo.set(host, { key, charts, atMs: nowMs });
  return charts;
}

/** Whether the charts last sent are behind the completed rounds (a recomputation was deferred). */
export function liveChartsStale(host: SessionHost): boolean {
  const hit = memo.get(host);
  return hit !== undefined && hit.key !== roundsDone(host);
}
