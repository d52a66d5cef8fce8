/**
 * The debrief after a session: per chart over rounds, each series' mean over the rounds and its value in
 * the last round, so played and theory can be read side by side (projector, session report).
 */
import { mean } from "./stats";
import type { Chart } from "./types";

export interface DebriefRow {
  chart: string;
  series: string;
  role: "played" | "theory";
  /** Mean of the series' points over the rounds (null: no point). */
  mean: number | null;
  last: number | null;
  share: boolean;
}

export function debriefRows(charts: readonly Chart[]): DebriefRow[] {
  return charts
    .filter((c) => c.kind === "rounds")
    .flatMap((c) =>
      c.series.map((s) => {
        const ys = s.points.map((p) => p.y).filter((y): y is number => y !== null);
        return { chart: c.title, series: s.name, role: s.role, mean: mean(ys), last: ys.length ? ys[ys.length - 1]! : null, share: c.y.share === true };
      }),
    );
}
