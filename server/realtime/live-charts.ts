/**
 * The live charts of a loaded session, computed on the server from its completed rounds (state +
 * SessionHost.roundHistory) and kept until the next round completes, so the monitor and the projector
 * pushes (every change, at most every 200 ms) cost a lookup, not an aggregation over every record.
 */
import { sessionCharts, type Chart } from "../../lib/charts";
import { chartRoundsOf } from "../../lib/charts/from-session";
import type { SessionHost } from "../sessions/host";

const memo = new WeakMap<SessionHost, { key: number; charts: Chart[] }>();

export function liveCharts(host: SessionHost): Chart[] {
  let key = 0;
  for (const rounds of Object.values(host.roundHistory)) key += rounds.length;
  const hit = memo.get(host);
  if (hit && hit.key === key) return hit.charts;
  let charts: Chart[];
  try {
    charts = sessionCharts(host.lt.game.id, { params: host.lt.params, rounds: chartRoundsOf(host.state, host.roundHistory) });
  } catch {
    charts = []; // a chart must never take the monitor down; the tables still show every number
  }
  memo.set(host, { key, charts });
  return charts;
}
